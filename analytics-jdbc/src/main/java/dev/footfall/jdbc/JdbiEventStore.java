package dev.footfall.jdbc;

import dev.footfall.Event;
import dev.footfall.spi.EventPage;
import dev.footfall.spi.EventQuery;
import dev.footfall.spi.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Reads, corrects and deletes rows of the {@code event} table; {@link JdbiStorage#write} inserts
 * them. A search runs its page query and its count in one transaction, so that the total agrees
 * with the page.
 */
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

  @Override
  public Optional<Event> find(long id) {
    return Failures.call("find an event", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM event WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> Rows.event(rs, dialect))
        .findOne()));
  }

  @Override
  public EventPage search(EventQuery query) {
    Map<String, Object> binds = new LinkedHashMap<>();
    String where = where(query, binds);
    return Failures.call("search events", () -> jdbi.inTransaction(h -> {
      List<Event> page = bindAll(h.createQuery("SELECT * FROM event" + where
              + " ORDER BY timestamp, id LIMIT :limit OFFSET :offset"), binds)
          .bind("limit", query.limit())
          .bind("offset", query.offset())
          .map((rs, ctx) -> Rows.event(rs, dialect))
          .list();
      long total = bindAll(h.createQuery("SELECT COUNT(*) FROM event" + where), binds)
          .mapTo(Long.class)
          .one();
      return new EventPage(page, total);
    }));
  }

  @Override
  public boolean update(Event event) {
    long id = event.id().orElseThrow(
        () -> new IllegalArgumentException("event must have an id but was " + event));
    return Failures.call("update an event", () -> jdbi.withHandle(h -> h
        .createUpdate(dialect.updateEvent)
        .bind("name", event.name())
        .bind("pathname", event.pathname())
        .bind("metadata", Rows.toJson(event.props()))
        .bind("id", id)
        .execute()) > 0);
  }

  @Override
  public boolean delete(long id) {
    return Failures.call("delete an event", () -> jdbi.withHandle(h -> h
        .createUpdate("DELETE FROM event WHERE id = :id")
        .bind("id", id)
        .execute()) > 0);
  }

  @Override
  public int deleteBefore(Instant before, int limit) {
    return Failures.call("delete old events", () -> jdbi.withHandle(h -> h
        .createUpdate(dialect.deleteLimited("event", "id", "timestamp < :before"))
        .bind("before", dialect.bind(before))
        .bind("limit", limit)
        .execute()));
  }

  @Override
  public int deleteEngagementsBefore(Instant before, int limit) {
    return Failures.call("delete old engagements", () -> jdbi.withHandle(h -> h
        .createUpdate(dialect.deleteLimited("engagement", "id", "timestamp < :before"))
        .bind("before", dialect.bind(before))
        .bind("limit", limit)
        .execute()));
  }

  /** Returns the {@code WHERE} clause of a query's conditions, adding their values to binds. */
  private String where(EventQuery query, Map<String, Object> binds) {
    List<String> conditions = new ArrayList<>();
    conditions.add("site_id = :site");
    binds.put("site", query.siteId());
    query.type().ifPresent(type -> {
      conditions.add("event_type = :type");
      binds.put("type", type.wireName());
    });
    query.name().ifPresent(name -> {
      conditions.add("event_name = :name");
      binds.put("name", name);
    });
    query.pathname().ifPresent(pathname -> {
      conditions.add("pathname = :pathname");
      binds.put("pathname", pathname);
    });
    query.from().ifPresent(from -> {
      conditions.add("timestamp >= :from");
      binds.put("from", dialect.bind(from));
    });
    query.to().ifPresent(to -> {
      conditions.add("timestamp < :to");
      binds.put("to", dialect.bind(to));
    });
    return " WHERE " + String.join(" AND ", conditions);
  }

  private static <S extends SqlStatement<S>> S bindAll(S statement, Map<String, Object> binds) {
    binds.forEach(statement::bind);
    return statement;
  }
}
