package dev.footfall.jdbc;

import dev.footfall.Session;
import dev.footfall.spi.SessionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Reads the {@code session} table; {@link JdbiStorage#write} writes it. */
final class JdbiSessionStore implements SessionStore {
  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiSessionStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public Optional<Session> find(long sessionId) {
    return Failures.call("find session", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM session WHERE session_id = :id")
        .bind("id", sessionId)
        .map((rs, ctx) -> Rows.session(rs, dialect))
        .findOne()));
  }

  @Override
  public List<Session> findAll(Collection<Long> sessionIds) {
    return Failures.call("find sessions", () -> jdbi.withHandle(h ->
        findAll(h, sessionIds.stream().distinct().toList(), dialect)));
  }

  /** Finds sessions by primary key, {@linkplain IdChunks a chunk of ids} at a time. */
  static List<Session> findAll(Handle handle, List<Long> ids, Dialect dialect) {
    List<Session> found = new ArrayList<>();
    IdChunks.query(handle, dialect, ids, "SELECT * FROM session WHERE session_id IN (<ids>)",
        query -> query.map((rs, ctx) -> Rows.session(rs, dialect)).forEach(found::add));
    return found;
  }

  @Override
  public List<Session> list(String siteId, Instant from, Instant to) {
    return Failures.call("list sessions", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM session WHERE site_id = :site"
            + " AND started_at >= :from AND started_at < :to ORDER BY started_at, session_id")
        .bind("site", siteId)
        .bind("from", dialect.bind(from))
        .bind("to", dialect.bind(to))
        .map((rs, ctx) -> Rows.session(rs, dialect))
        .list()));
  }

  @Override
  public List<Session> findActive(Instant since) {
    return Failures.call("find active sessions", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM session WHERE ended_at IS NULL"
            + " AND last_activity_at >= :since")
        .bind("since", dialect.bind(since))
        .map((rs, ctx) -> Rows.session(rs, dialect))
        .list()));
  }

  @Override
  public List<Session> findActive(String siteId, Collection<Long> visitorIds, Instant since) {
    return Failures.call("find active sessions of visitors", () -> jdbi.withHandle(h -> {
      List<Session> found = new ArrayList<>();
      IdChunks.query(h, dialect, visitorIds.stream().distinct().toList(),
          "SELECT * FROM session WHERE site_id = :site AND visitor_id IN (<ids>)"
              + " AND ended_at IS NULL AND last_activity_at >= :since",
          query -> query.bind("site", siteId).bind("since", dialect.bind(since))
              .map((rs, ctx) -> Rows.session(rs, dialect)).forEach(found::add));
      return found;
    }));
  }

  @Override
  public int endInactive(Instant before) {
    return Failures.call("end idle sessions", () -> jdbi.withHandle(h -> h
        .createUpdate("UPDATE session SET ended_at = last_activity_at"
            + " WHERE ended_at IS NULL AND last_activity_at < :before")
        .bind("before", dialect.bind(before))
        .execute()));
  }

  @Override
  public int deleteEndedBefore(Instant before, int limit) {
    return Failures.call("delete old sessions", () -> jdbi.withHandle(h -> h
        .createUpdate(dialect.deleteLimited("session", "session_id",
            "ended_at IS NOT NULL AND last_activity_at < :before"))
        .bind("before", dialect.bind(before))
        .bind("limit", limit)
        .execute()));
  }
}
