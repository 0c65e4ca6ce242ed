package dev.footfall.jdbc;

import dev.footfall.spi.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The {@code job_lease} table. Taking a lease is one conditional {@code UPDATE} (free, expired or
 * already ours), else one {@code INSERT} that the primary key lets only one instance win; the
 * database's row locks make both safe across processes.
 */
final class JdbiLeaseStore implements LeaseStore {
  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiLeaseStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public boolean tryAcquire(String name, String owner, Instant now, Duration ttl) {
    return Failures.call("take lease " + name, () -> {
      int updated = jdbi.withHandle(h -> h
          .createUpdate("UPDATE job_lease SET owner = :owner, expires_at = :expires"
              + " WHERE name = :name AND (owner = :owner OR expires_at < :now)")
          .bind("name", name)
          .bind("owner", owner)
          .bind("now", dialect.bind(now))
          .bind("expires", dialect.bind(now.plus(ttl)))
          .execute());
      if (updated == 1) {
        return true;
      }
      try {
        jdbi.useHandle(h -> h
            .createUpdate("INSERT INTO job_lease (name, owner, expires_at)"
                + " VALUES (:name, :owner, :expires)")
            .bind("name", name)
            .bind("owner", owner)
            .bind("expires", dialect.bind(now.plus(ttl)))
            .execute());
        return true;
      } catch (JdbiException e) {
        if (Failures.isUniqueViolation(e)) {
          return false; // another instance holds it
        }
        throw e;
      }
    });
  }

  @Override
  public void release(String name, String owner) {
    Failures.call("release lease " + name, () -> jdbi.withHandle(h -> h
        .createUpdate("DELETE FROM job_lease WHERE name = :name AND owner = :owner")
        .bind("name", name)
        .bind("owner", owner)
        .execute()));
  }
}
