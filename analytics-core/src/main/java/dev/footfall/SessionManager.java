package dev.footfall;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Groups each visitor's events on a site into sessions: an event joins the visitor's current session
 * when it lies within the session timeout of it (before its first event or after its last);
 * otherwise it starts a new session.
 *
 * <p>Concurrency: one visitor's events are assigned atomically (a per-key compute on a concurrent
 * map), so a visitor tracked from many threads at once still gets one session. Out-of-order events
 * are handled: an earlier event that joins a session becomes its first event, and so fixes its
 * source, UTM parameters, country and device; entry and exit pages are those of the earliest and
 * latest pageviews. An event too old for the visitor's current session gets a session of its own,
 * and the current one stays current.
 *
 * <p>Memory: a session is forgotten once the clock is past its last change by the timeout plus five
 * minutes, and at most {@code maxSessions} are kept (the least recently used go first). Its stored
 * copy remains.
 *
 * @since 0.1
 */
public final class SessionManager {
  private static final Duration GRACE = Duration.ofMinutes(5);

  private final Duration timeout;
  private final Cache<Key, Visit> active;

  SessionManager(Duration timeout, long maxSessions, Clock clock) {
    this.timeout = timeout;
    this.active = Caffeine.newBuilder()
        .maximumSize(maxSessions)
        .expireAfterWrite(timeout.plus(GRACE))
        .ticker(() -> clock.millis() * 1_000_000L)
        .executor(Runnable::run)
        .build();
  }

  /**
   * Creates a manager with the given timeout.
   *
   * @throws IllegalArgumentException if the timeout is not positive or {@code maxSessions < 1}
   */
  public static SessionManager create(Duration timeout, long maxSessions, Clock clock) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(clock, "clock");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("session timeout must be positive but was " + timeout);
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1 but was " + maxSessions);
    }
    return new SessionManager(timeout, maxSessions, clock);
  }

  /**
   * Assigns an event to a session of its site and visitor and returns the session's new state.
   * The event's own session id is ignored.
   */
  public Session assign(Event event) {
    Objects.requireNonNull(event, "event");
    Key key = new Key(event.siteId(), event.visitorId());
    Session[] result = new Session[1];
    active.asMap().compute(key, (k, current) -> {
      if (current != null && current.accepts(event.timestamp(), timeout)) {
        current.add(event);
        result[0] = current.snapshot();
        return current;
      }
      Visit fresh = new Visit(newSessionId(), event);
      result[0] = fresh.snapshot();
      boolean currentIsNewer = current != null && current.lastActivityAt.isAfter(event.timestamp());
      return currentIsNewer ? current : fresh;
    });
    return result[0];
  }

  /** Returns whether the visitor has a session that an event at {@code at} would join. */
  public boolean hasSession(String siteId, long visitorId, Instant at) {
    Visit visit = active.getIfPresent(new Key(siteId, visitorId));
    if (visit == null) {
      return false;
    }
    return visit.accepts(at, timeout);
  }

  /** Returns how many sessions are held in memory. */
  public long activeCount() {
    active.cleanUp();
    return active.estimatedSize();
  }

  /** Takes up stored sessions that may still continue, after a restart. */
  void restore(Collection<Session> sessions) {
    for (Session session : sessions) {
      active.asMap().merge(new Key(session.siteId(), session.visitorId()), new Visit(session),
          (a, b) -> a.lastActivityAt.isAfter(b.lastActivityAt) ? a : b);
    }
  }

  private static long newSessionId() {
    return ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
  }

  private record Key(String siteId, long visitorId) {}

  /** A session in progress. Mutated inside the map's compute for its key; read under its lock. */
  private static final class Visit {
    private final String siteId;
    private final long sessionId;
    private final long visitorId;
    private Event first;
    private Instant startedAt;
    private Instant lastActivityAt;
    private Instant entryAt;
    private String entryPage = "";
    private Instant exitAt;
    private String exitPage = "";
    private int pageviews;
    private int events;
    private int interactions;

    Visit(long sessionId, Event event) {
      this.siteId = event.siteId();
      this.sessionId = sessionId;
      this.visitorId = event.visitorId();
      this.first = event;
      this.startedAt = event.timestamp();
      this.lastActivityAt = event.timestamp();
      add(event);
    }

    Visit(Session s) {
      this.siteId = s.siteId();
      this.sessionId = s.sessionId();
      this.visitorId = s.visitorId();
      this.first = Event.builder(s.siteId(), EventType.PAGEVIEW)
          .referrer(s.referrer()).referrerSource(s.referrerSource()).utm(s.utm())
          .country(s.country()).deviceType(s.deviceType()).browser(s.browser()).os(s.os())
          .timestamp(s.startedAt()).build();
      this.startedAt = s.startedAt();
      this.lastActivityAt = s.lastActivityAt();
      this.entryAt = s.startedAt();
      this.entryPage = s.entryPage();
      this.exitAt = s.lastActivityAt();
      this.exitPage = s.exitPage();
      this.pageviews = s.pageviews();
      this.events = s.events();
      this.interactions = !s.bounce() && s.pageviews() < 2 ? 1 : 0;
    }

    synchronized boolean accepts(Instant at, Duration timeout) {
      return !at.isBefore(startedAt.minus(timeout)) && !at.isAfter(lastActivityAt.plus(timeout));
    }

    synchronized void add(Event event) {
      Instant at = event.timestamp();
      events++;
      if (at.isBefore(startedAt)) {
        startedAt = at;
        first = event;
      }
      if (at.isAfter(lastActivityAt)) {
        lastActivityAt = at;
      }
      if (event.type() == EventType.PAGEVIEW) {
        pageviews++;
        if (entryAt == null || at.isBefore(entryAt)) {
          entryAt = at;
          entryPage = event.pathname();
        }
        if (exitAt == null || !at.isBefore(exitAt)) {
          exitAt = at;
          exitPage = event.pathname();
        }
      } else if (event.interactive()) {
        interactions++;
      }
    }

    synchronized Session snapshot() {
      return Session.builder(siteId, sessionId, visitorId)
          .entryPage(entryPage)
          .exitPage(exitPage)
          .pageviews(pageviews)
          .events(events)
          .bounce(pageviews < 2 && interactions == 0)
          .referrer(first.referrer())
          .referrerSource(first.referrerSource())
          .utm(first.utm())
          .country(first.country())
          .deviceType(first.deviceType())
          .browser(first.browser())
          .os(first.os())
          .startedAt(startedAt)
          .lastActivityAt(lastActivityAt)
          .build();
    }
  }
}
