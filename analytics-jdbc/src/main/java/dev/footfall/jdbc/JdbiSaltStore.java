package dev.footfall.jdbc;

import dev.footfall.spi.Salt;
import dev.footfall.spi.SaltStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Salts in the {@code salt} table. Keys never appear in messages. */
final class JdbiSaltStore implements SaltStore {
  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiSaltStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public Salt getOrCreate(LocalDate day, byte[] candidate) {
    return Failures.call("get or create the day's salt", () -> {
      try {
        jdbi.useHandle(h -> h.createUpdate(dialect.insertSaltIfAbsent)
            .bind("day", day)
            .bind("key", candidate)
            .bind("createdAt", dialect.bind(Instant.now()))
            .execute());
      } catch (UnableToExecuteStatementException e) {
        // Another instance inserted the day's salt between our check and insert; it wins.
      }
      return jdbi.withHandle(h -> h.createQuery("SELECT * FROM salt WHERE salt_date = :day")
          .bind("day", day)
          .map((rs, ctx) -> new Salt(rs.getObject("salt_date", LocalDate.class),
              rs.getBytes("salt_key")))
          .one());
    });
  }

  @Override
  public List<Salt> list() {
    return Failures.call("list salts", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM salt ORDER BY salt_date")
        .map((rs, ctx) -> new Salt(rs.getObject("salt_date", LocalDate.class),
            rs.getBytes("salt_key")))
        .list()));
  }

  @Override
  public int deleteBefore(LocalDate day) {
    return Failures.call("delete old salts", () -> jdbi.withHandle(h -> h
        .createUpdate("DELETE FROM salt WHERE salt_date < :day")
        .bind("day", day)
        .execute()));
  }
}
