package dev.footfall;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;

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
 * minutes. At most {@code maxSessions} are kept, and at most {@code maxSessions} times {@value
 * #SESSION_BYTES} bytes of them: a session counts with its estimated size (about 250 bytes plus its
 * entry and exit pages, referrer, source, UTM parameters, browser and operating system) or {@value
 * #SESSION_BYTES} bytes, whichever is more, so that sessions with long texts cannot hold more memory
 * than as many ordinary ones. When that is full, sessions are evicted (the least likely to be used
 * again first) and {@linkplain #evictedCount() counted}; an evicted visitor's next event starts a new
 * session. Either way the stored copy remains.
 *
 * @since 0.1
 */
public final class SessionManager {
  /**
   * What a session counts for at least, in bytes: a little more than an ordinary one holds (350 to
   * 450 bytes, measured on a 64-bit JVM with compressed references).
   */
  static final int SESSION_BYTES = 512;
  private static final Duration GRACE = Duration.ofMinutes(5);

  private final Duration timeout;
  /** The owner that this manager's snapshots name ({@link Session#owner()}). */
  private final String owner;
  private final Cache<Key, Visit> active;
  private final LongAdder evicted = new LongAdder();

  SessionManager(Duration timeout, long maxSessions, Clock clock, String owner) {
    this.timeout = timeout;
    this.owner = owner;
    this.active = Caffeine.newBuilder()
        .maximumWeight(maxSessions > Long.MAX_VALUE / SESSION_BYTES ? Long.MAX_VALUE
            : maxSessions * SESSION_BYTES)
        .<Key, Visit>weigher((key, visit) -> visit.weight())
        .expireAfterWrite(timeout.plus(GRACE))
        .evictionListener((Key key, Visit visit, RemovalCause cause) -> {
          if (cause == RemovalCause.SIZE) {
            evicted.increment();
          }
        })
        .ticker(() -> clock.millis() * 1_000_000L)
        .executor(Runnable::run)
        .build();
  }

  /**
   * Creates a manager with the given timeout.
   *
   * @param maxSessions the most sessions kept in memory; see the class documentation for how
   *     sessions with long texts count
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
    return new SessionManager(timeout, maxSessions, clock, "");
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
        result[0] = current.snapshot(k, owner);
        return current;
      }
      Visit fresh = new Visit(newSessionId(), event);
      result[0] = fresh.snapshot(k, owner);
      boolean currentIsNewer = current != null && current.lastActivityAt.isAfter(event.timestamp());
      return currentIsNewer ? current : fresh;
    });
    return result[0];
  }

  /**
   * Assigns an event like {@link #assign(Event)}, but keeps the visitor's id from yesterday's salt
   * when the visitor has no session under the event's id that the event would join and has one
   * under the previous id: so a visit that crosses midnight (UTC), when the daily salt changes,
   * continues. The returned session's visitor id is the one kept, which the stored event takes.
   *
   * @param previousVisitorId the visitor's id under yesterday's salt, if it has one
   * @since 0.3
   */
  public Session assign(Event event, OptionalLong previousVisitorId) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(previousVisitorId, "previousVisitorId");
    if (previousVisitorId.isPresent()
        && !hasSession(event.siteId(), event.visitorId(), event.timestamp())
        && hasSession(event.siteId(), previousVisitorId.getAsLong(), event.timestamp())) {
      return assign(event.toBuilder().visitorId(previousVisitorId.getAsLong()).build());
    }
    return assign(event);
  }

  /**
   * Returns the id of the visitor's session that an event at {@code at} would join, if they have
   * one, without changing it (or how long it is kept in memory): where an {@linkplain
   * EventType#ENGAGEMENT engagement} belongs.
   *
   * @since 0.3
   */
  public OptionalLong currentSessionId(String siteId, long visitorId, Instant at) {
    Visit visit = active.getIfPresent(new Key(siteId, visitorId));
    return visit != null && visit.accepts(at, timeout) ? OptionalLong.of(visit.sessionId)
        : OptionalLong.empty();
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

  /**
   * Returns how many sessions were let go before their time because the memory for sessions was
   * full; the next event of each started a new session.
   *
   * @since 0.1
   */
  public long evictedCount() {
    return evicted.sum();
  }

  /** Takes up stored sessions that may still continue, after a restart. */
  void restore(Collection<Session> sessions) {
    for (Session session : sessions) {
      active.asMap().merge(new Key(session.siteId(), session.visitorId()), new Visit(session),
          (a, b) -> a.lastActivityAt.isAfter(b.lastActivityAt) ? a : b);
    }
  }

  /** Lets go of the sessions of the visitors that {@code whose} selects by site and visitor id. */
  void forget(BiPredicate<String, Long> whose) {
    active.asMap().keySet().removeIf(key -> whose.test(key.siteId(), key.visitorId()));
  }

  private static long newSessionId() {
    return ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
  }

  private record Key(String siteId, long visitorId) {}

  /**
   * A session in progress: its counts, times and pages, and what its first event fixes (source,
   * UTM parameters, country, device), not that event itself. Mutated inside the map's compute for its
   * key; read under its lock.
   */
  private static final class Visit {
    /**
     * The bytes of a session besides its texts (64-bit JVM, compressed references): the key (24),
     * this object (88), the cache's node (56), its map's node (32), table slot and frequency counter
     * (about 16) and one instant (24).
     */
    private static final int FIXED_BYTES = 240;
    private static final int INSTANT_BYTES = 24;
    private static final int UTM_BYTES = 32;

    private final long sessionId;
    private Instant startedAt;
    private Instant lastActivityAt;
    private Instant entryAt;
    private String entryPage = "";
    private Instant exitAt;
    private String exitPage = "";
    private int pageviews;
    private int events;
    private int interactions;
    // What the first event fixes.
    private String referrer;
    private String referrerSource;
    private Utm utm;
    private String country;
    private String deviceType;
    private String browser;
    private String os;

    Visit(long sessionId, Event event) {
      this.sessionId = sessionId;
      this.startedAt = event.timestamp();
      this.lastActivityAt = event.timestamp();
      takeSourceAndDevice(event);
      add(event);
    }

    Visit(Session s) {
      this.sessionId = s.sessionId();
      this.referrer = s.referrer();
      this.referrerSource = s.referrerSource();
      this.utm = s.utm();
      this.country = s.country();
      this.deviceType = s.deviceType();
      this.browser = s.browser();
      this.os = s.os();
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

    private void takeSourceAndDevice(Event event) {
      referrer = event.referrer();
      referrerSource = event.referrerSource();
      utm = event.utm();
      country = event.country();
      deviceType = event.deviceType();
      browser = event.browser();
      os = event.os();
    }

    synchronized boolean accepts(Instant at, Duration timeout) {
      return !at.isBefore(startedAt.minus(timeout)) && !at.isAfter(lastActivityAt.plus(timeout));
    }

    synchronized void add(Event event) {
      Instant at = event.timestamp();
      events++;
      if (at.isBefore(startedAt)) {
        startedAt = at;
        takeSourceAndDevice(event);
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

    synchronized Session snapshot(Key key, String owner) {
      return Session.builder(key.siteId(), sessionId, key.visitorId())
          .owner(owner)
          .entryPage(entryPage)
          .exitPage(exitPage)
          .pageviews(pageviews)
          .events(events)
          .bounce(pageviews < 2 && interactions == 0)
          .referrer(referrer)
          .referrerSource(referrerSource)
          .utm(utm)
          .country(country)
          .deviceType(deviceType)
          .browser(browser)
          .os(os)
          .startedAt(startedAt)
          .lastActivityAt(lastActivityAt)
          .build();
    }

    /**
     * What the session counts for in the cache: its estimated bytes, at least {@link
     * #SESSION_BYTES}. Texts are counted as if each were the session's own, at 40 bytes plus one a
     * character (what Latin-1 text takes; text in other scripts takes up to twice as much); the site
     * id, country and device type are not counted, since they come from small sets and are shared.
     */
    synchronized int weight() {
      long bytes = FIXED_BYTES + textBytes(entryPage) + (exitPage == entryPage ? 0 : textBytes(exitPage))
          + textBytes(referrer) + textBytes(referrerSource) + textBytes(browser) + textBytes(os)
          + instantBytes(lastActivityAt) + instantBytes(entryAt) + instantBytes(exitAt);
      if (utm != Utm.NONE) {
        bytes += UTM_BYTES + textBytes(utm.source()) + textBytes(utm.medium())
            + textBytes(utm.campaign()) + textBytes(utm.content()) + textBytes(utm.term());
      }
      return (int) Math.min(Integer.MAX_VALUE, Math.max(SESSION_BYTES, bytes));
    }

    private int instantBytes(Instant instant) {
      return instant == null || instant == startedAt ? 0 : INSTANT_BYTES;
    }

    private static int textBytes(String text) {
      return text.isEmpty() ? 0 : 40 + text.length();
    }
  }
}
