package dev.footfall.spi;

import dev.footfall.Session;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads stored sessions; sessions are written through {@link Storage#write}. Thread-safe; failures
 * throw {@link dev.footfall.StorageException}.
 *
 * @since 0.1
 */
public interface SessionStore {

  /** Returns the session with this id. */
  Optional<Session> find(long sessionId);

  /**
   * Returns the stored sessions among these ids, each once, in no particular order. The default
   * finds them one by one; a store that can look many up at once should override it.
   *
   * @since 0.1
   */
  default List<Session> findAll(Collection<Long> sessionIds) {
    return sessionIds.stream().distinct().map(this::find).flatMap(Optional::stream).toList();
  }

  /** Returns a site's sessions with {@code from <= startedAt < to}, ordered by start and id. */
  List<Session> list(String siteId, Instant from, Instant to);

  /**
   * Returns the sessions of every site that are not ended and had activity at or after {@code
   * since}; used to resume sessions after a restart.
   */
  List<Session> findActive(Instant since);

  /**
   * Returns a site's sessions of these visitors that are not ended and had activity at or after
   * {@code since}: cluster mode continues a visit from the store when its visitor's events move to
   * another partition at midnight, when the daily salt changes. The default filters {@link
   * #findActive(Instant)}; a store that can look visitors up should override it.
   *
   * @since 0.3
   */
  default List<Session> findActive(String siteId, Collection<Long> visitorIds, Instant since) {
    Set<Long> visitors = Set.copyOf(visitorIds);
    return findActive(since).stream()
        .filter(s -> s.siteId().equals(siteId) && visitors.contains(s.visitorId()))
        .toList();
  }

  /**
   * Marks every session that is not ended and whose last activity is before {@code before} as
   * ended at its last activity.
   *
   * @return how many sessions were ended
   */
  int endInactive(Instant before);

  /**
   * Deletes up to {@code limit} ended sessions whose last activity is before {@code before}.
   *
   * @return how many were deleted; fewer than {@code limit} means none is left
   */
  int deleteEndedBefore(Instant before, int limit);
}
