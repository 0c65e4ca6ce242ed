package dev.footfall.servlet;

import dev.footfall.Analytics;
import dev.footfall.AnalyticsStats;
import dev.footfall.DropReason;
import dev.footfall.Event;
import dev.footfall.Session;
import dev.footfall.Site;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.EventQuery;
import dev.footfall.spi.EventStore;
import dev.footfall.spi.LeaseStore;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.SaltStore;
import dev.footfall.spi.SessionStore;
import dev.footfall.spi.SiteStore;
import dev.footfall.spi.Storage;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of {@link SmallHeapFloodIT}: Footfall with its default settings, flooded through
 * {@link AnalyticsHandler} ({@code POST /api/event}) by distinct visitors,
 * one request from each of as many IPv6 addresses, all with one ordinary User-Agent. A request the
 * full buffer refuses is sent again once there is room, so every visitor gets in whatever the
 * machine's speed, and the counts below are exact. Then checks that Footfall still works and that it
 * counted everything; prints {@code flood ok} and a summary, or fails with an exception.
 *
 * <p>The storage is the in-memory one, except that the flood's events and sessions are counted and
 * let go ({@link FloodStorage}): a database keeps them outside Footfall's memory, which is what is
 * tested here, and writing them to an embedded H2 would make the test take minutes.
 *
 * <p>Argument: the number of visitors.
 */
final class SmallHeapFlood {
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
      + " AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  private SmallHeapFlood() {}

  public static void main(String[] args) throws Exception {
    int visitors = Integer.parseInt(args[0]);
    long started = System.nanoTime();
    FloodStorage storage = new FloodStorage();
    try (Analytics analytics = Analytics.builder().storage(storage).build()) {
      analytics.sites().save(Site.of("flood", "flood.example", ZoneOffset.UTC, "Flood",
          Instant.EPOCH));
      AnalyticsHandler handler = AnalyticsHandler.create(analytics);
      long refused = 0;
      for (int i = 0; i < visitors; i++) {
        while (!track(handler, address(i), FloodStorage.FLOOD + i % 100)) {
          refused++;
          analytics.tracker().awaitCapacity(Duration.ofMinutes(5));
        }
      }
      check(analytics.flush(Duration.ofMinutes(2)), "the flood was not stored in time");

      // Still working: a new visitor's event is accepted at once and stored.
      check(track(handler, address(visitors), "/after-the-flood"),
          "the event after the flood was dropped");
      check(analytics.flush(Duration.ofMinutes(1)), "the event after the flood was not stored");
      long found = analytics.storage().events()
          .search(EventQuery.builder("flood").pathname("/after-the-flood").build()).total();
      check(found == 1, "the event after the flood was stored " + found + " times");

      AnalyticsStats stats = analytics.stats();
      long events = visitors + 1L;
      check(stats.received() == events + refused, "received: " + stats);
      check(stats.accepted() == events && stats.stored() == events, "accepted, stored: " + stats);
      check(storage.floodEvents.get() == visitors, "flood events written: " + storage.floodEvents);
      check(stats.dropped(DropReason.BUFFER_FULL) == refused && stats.droppedTotal() == refused,
          "dropped: " + stats + ", refused " + refused);
      // Every visitor started a session; those not held were evicted, and counted.
      long held = analytics.sessions().activeCount();
      long evicted = stats.sessionsEvicted();
      check(held + evicted == events, "held " + held + " + evicted " + evicted + " != " + events);
      long heap = Runtime.getRuntime().maxMemory();
      check(held <= heap / 100 * 10 / 512, "held " + held + " sessions, more than the default");
      check(evicted > 0, "no session was evicted: make the flood larger than the sessions' share");
      int clients = HttpSettings.defaults().maxRateLimitedClients();
      check(clients <= heap / 100 * 5 / RateLimiter.CLIENT_BYTES && clients < visitors,
          "the rate limiter remembers up to " + clients + " clients");

      System.gc();
      System.out.printf("flood ok: %d visitors in %d s, heap max %d MB, used after the flood %d MB;"
              + " sessions held %d, evicted %d; requests refused while the buffer was full %d; %s%n",
          visitors, Duration.ofNanos(System.nanoTime() - started).toSeconds(), heap >> 20,
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20, held, evicted,
          refused, stats);
    }
  }

  /** One visitor's pageview; returns whether it was accepted, and fails on any other answer. */
  private static boolean track(AnalyticsHandler handler, String address, String path)
      throws Exception {
    FakeExchange exchange = new FakeExchange().from(address).header("User-Agent", CHROME)
        .header("Content-Type", "text/plain")
        .body("{\"n\":\"pageview\",\"u\":\"https://flood.example" + path
            + "\",\"d\":\"flood.example\",\"r\":\"https://www.google.com/\"}");
    handler.handle(exchange);
    check(exchange.status == 202, "status " + exchange.status + ": " + exchange.responseText());
    String dropped = exchange.responseHeaders.get(AnalyticsHandler.DROPPED_HEADER);
    check(dropped == null || dropped.equals("buffer_full"), "dropped as " + dropped);
    return dropped == null;
  }

  /** A distinct IPv6 address (documentation range) for each visitor. */
  private static String address(int visitor) {
    return String.format("2001:db8::%x:%x", visitor >>> 16, visitor & 0xffff);
  }

  /**
   * The in-memory store, but the events and sessions of the flood (on pages under {@link #FLOOD})
   * are counted and let go.
   */
  private static final class FloodStorage implements Storage {
    static final String FLOOD = "/flood/";
    final InMemoryStorage kept = InMemoryStorage.create();
    final AtomicLong floodEvents = new AtomicLong();

    @Override
    public void write(List<Event> events, Collection<Session> sessions) {
      List<Event> keep = events.stream().filter(e -> !e.pathname().startsWith(FLOOD)).toList();
      floodEvents.addAndGet(events.size() - keep.size());
      kept.write(keep, sessions.stream().filter(s -> !s.entryPage().startsWith(FLOOD)).toList());
    }

    @Override
    public SiteStore sites() {
      return kept.sites();
    }

    @Override
    public EventStore events() {
      return kept.events();
    }

    @Override
    public SessionStore sessions() {
      return kept.sessions();
    }

    @Override
    public SaltStore salts() {
      return kept.salts();
    }

    @Override
    public AggregateStore aggregates() {
      return kept.aggregates();
    }

    @Override
    public RollupStore rollups() {
      return kept.rollups();
    }

    @Override
    public LeaseStore leases() {
      return kept.leases();
    }

    @Override
    public void close() {
      kept.close();
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
