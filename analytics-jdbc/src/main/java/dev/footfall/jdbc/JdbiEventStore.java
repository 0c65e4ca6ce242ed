package dev.footfall.jdbc;

import dev.footfall.Event;
import dev.footfall.spi.EventStore;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Reads the {@code event} table; {@link JdbiStorage#write} writes it. */
final class JdbiEventStore implements EventStore {
  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiEventStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public List<Event> list(String siteId, Instant from, Instant to, int offset, int limit) {
    return Failures.call("list events", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM event WHERE site_id = :site"
            + " AND timestamp >= :from AND timestamp < :to"
            + " ORDER BY timestamp, id LIMIT :limit OFFSET :offset")
        .bind("site", siteId)
        .bind("from", dialect.bind(from))
        .bind("to", dialect.bind(to))
        .bind("limit", limit)
        .bind("offset", offset)
        .map((rs, ctx) -> Rows.event(rs, dialect))
        .list()));
  }

  @Override
  public long count(String siteId, Instant from, Instant to) {
    return Failures.call("count events", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT COUNT(*) FROM event WHERE site_id = :site"
            + " AND timestamp >= :from AND timestamp < :to")
        .bind("site", siteId)
        .bind("from", dialect.bind(from))
        .bind("to", dialect.bind(to))
        .mapTo(Long.class)
        .one()));
  }
}
