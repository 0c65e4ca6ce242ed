package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

final class AnalyticsTest {
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)"
      + " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final Instant ALL_START = Instant.EPOCH;
  private static final Instant ALL_END = Instant.parse("2100-01-01T00:00:00Z");

  private final List<Analytics> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Analytics::close);
  }

  private Analytics open(Analytics.Builder builder) {
    Analytics analytics = builder.build();
    opened.add(analytics);
    analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("Europe/Berlin"), "Shop",
        Instant.parse("2026-01-01T00:00:00Z")));
    return analytics;
  }

  private static TrackRequest pageview(String path, String ip, String userAgent) {
    return TrackRequest.pageview("shop", "https://shop.example" + path)
        .context(RequestContext.of(ip, userAgent))
        .build();
  }

  private static List<Event> events(Analytics analytics, String site) {
    return analytics.storage().events().list(site, ALL_START, ALL_END, 0, 1_000_000);
  }

  @Test
  void pageview_storedEnrichedWithItsSession() {
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create()));
    TrackResult result = analytics.tracker().track(
        TrackRequest.pageview("shop", "https://www.shop.example/pricing?utm_campaign=autumn")
            .referrer("https://www.google.com/search?q=shoes")
            .context(RequestContext.of("203.0.113.7", CHROME).withCountry("DE"))
            .build());
    assertThat(result.isAccepted()).isTrue();
    assertThat(analytics.flush(WAIT)).isTrue();

    List<Event> events = events(analytics, "shop");
    assertThat(events).hasSize(1);
    Event e = events.get(0);
    assertThat(e.type()).isEqualTo(EventType.PAGEVIEW);
    assertThat(e.hostname()).isEqualTo("shop.example");
    assertThat(e.pathname()).isEqualTo("/pricing");
    assertThat(e.referrer()).isEqualTo("google.com/search");
    assertThat(e.referrerSource()).isEqualTo("Google");
    assertThat(e.utm().campaign()).isEqualTo("autumn");
    assertThat(e.browser()).isEqualTo("Chrome");
    assertThat(e.os()).isEqualTo("Windows");
    assertThat(e.deviceType()).isEqualTo("desktop");
    assertThat(e.country()).isEqualTo("DE");
    assertThat(e.visitorId()).isPositive();

    Session s = analytics.storage().sessions().find(e.sessionId()).orElseThrow();
    assertThat(s.visitorId()).isEqualTo(e.visitorId());
    assertThat(s.entryPage()).isEqualTo("/pricing");
    assertThat(s.referrerSource()).isEqualTo("Google");
    assertThat(s.bounce()).isTrue();
  }

  @Test
  void visitorIds_sameClientSameIdOtherClientOtherId() {
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create()));
    analytics.tracker().track(pageview("/a", "203.0.113.7", CHROME));
    analytics.tracker().track(pageview("/b", "203.0.113.7", CHROME));
    analytics.tracker().track(pageview("/a", "203.0.113.8", CHROME));
    analytics.tracker().track(pageview("/a", "203.0.113.7", IPHONE));
    analytics.flush(WAIT);

    List<Long> ids = events(analytics, "shop").stream().map(Event::visitorId).toList();
    assertThat(ids.get(0)).isEqualTo(ids.get(1));
    assertThat(ids.subList(1, 4)).doesNotHaveDuplicates();
  }

  @Test
  void visitorIds_samePersonOnTwoSitesGetsUnrelatedIds() {
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create()));
    analytics.sites().save(Site.of("blog", "blog.example", ZoneId.of("UTC"), "", Instant.EPOCH));
    analytics.tracker().track(pageview("/a", "203.0.113.7", CHROME));
    analytics.tracker().track(TrackRequest.pageview("blog", "https://blog.example/a")
        .context(RequestContext.of("203.0.113.7", CHROME)).build());
    analytics.flush(WAIT);

    assertThat(events(analytics, "shop").get(0).visitorId())
        .isNotEqualTo(events(analytics, "blog").get(0).visitorId());
  }

  @Test
  void clientVisitorId_hashedWithTheSite() {
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create()));
    analytics.sites().save(Site.of("blog", "blog.example", ZoneId.of("UTC"), "", Instant.EPOCH));
    for (String site : List.of("shop", "blog", "shop")) {
      analytics.tracker().track(TrackRequest.pageview(site, "/").visitorId("12345").build());
    }
    analytics.flush(WAIT);

    List<Event> shop = events(analytics, "shop");
    List<Event> blog = events(analytics, "blog");
    assertThat(shop).hasSize(2);
    assertThat(shop.get(0).visitorId()).isEqualTo(shop.get(1).visitorId()).isNotEqualTo(12345L);
    assertThat(blog.get(0).visitorId()).isNotEqualTo(shop.get(0).visitorId());
  }

  @Test
  void country_headerFirstThenGeoLocatorForPublicAddressesOnly() {
    List<String> asked = new CopyOnWriteArrayList<>();
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create())
        .geoLocator(address -> {
          asked.add(address.getHostAddress());
          return address.getHostAddress().startsWith("8.") ? "us" : "XX";
        }));
    analytics.tracker().track(TrackRequest.pageview("shop", "/header")
        .context(RequestContext.of("8.8.8.8", CHROME).withCountry("DE")).build());
    analytics.tracker().track(TrackRequest.pageview("shop", "/public")
        .context(RequestContext.of("8.8.4.4", CHROME)).build());
    analytics.tracker().track(TrackRequest.pageview("shop", "/placeholder")
        .context(RequestContext.of("9.9.9.9", CHROME)).build());
    analytics.tracker().track(TrackRequest.pageview("shop", "/private")
        .context(RequestContext.of("192.168.1.20", CHROME)).build());
    analytics.tracker().track(TrackRequest.pageview("shop", "/mapped")
        .context(RequestContext.of("::ffff:10.0.0.1", CHROME)).build());
    analytics.flush(WAIT);

    assertThat(events(analytics, "shop")).extracting(Event::pathname, Event::country)
        .containsExactlyInAnyOrder(
            Tuple.tuple("/header", "DE"),
            Tuple.tuple("/public", "US"),
            Tuple.tuple("/placeholder", ""),
            Tuple.tuple("/private", ""),
            Tuple.tuple("/mapped", ""));
    assertThat(asked).containsExactlyInAnyOrder("8.8.4.4", "9.9.9.9");
  }

  @Test
  void country_failingGeoLocatorIsReportedAndTheEventKept() {
    List<String> reported = new CopyOnWriteArrayList<>();
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create())
        .errorListener((operation, error) -> reported.add(operation))
        .geoLocator(address -> {
          throw new IllegalStateException("database file is corrupt");
        }));
    analytics.tracker().track(pageview("/a", "8.8.8.8", CHROME));
    analytics.flush(WAIT);

    assertThat(events(analytics, "shop")).singleElement()
        .satisfies(e -> assertThat(e.country()).isEmpty());
    assertThat(reported).containsExactly("locate country");
  }

  @Test
  void unknownSite_droppedAtOnce() {
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create()));
    TrackResult result = analytics.tracker()
        .track(TrackRequest.pageview("nope", "/").visitorId("v").build());

    assertThat(result.dropReason()).contains(DropReason.UNKNOWN_SITE);
    assertThat(analytics.stats().dropped(DropReason.UNKNOWN_SITE)).isEqualTo(1);
    assertThat(analytics.stats().accepted()).isZero();
  }

  @Test
  void bots_droppedAndCountedByReason() {
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create()));
    analytics.tracker().track(pageview("/", "198.51.100.1",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"));
    analytics.tracker().track(pageview("/", "198.51.100.1", "Mozilla/5.0 (X11; Linux x86_64)"
        + " AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"));
    analytics.tracker().track(pageview("/", "198.51.100.1", ""));
    analytics.tracker().track(pageview("/", "198.51.100.1", CHROME));
    analytics.flush(WAIT);

    AnalyticsStats stats = analytics.stats();
    assertThat(stats.dropped(DropReason.BOT)).isEqualTo(1);
    assertThat(stats.dropped(DropReason.HEADLESS_BROWSER)).isEqualTo(1);
    assertThat(stats.dropped(DropReason.INVALID_USER_AGENT)).isEqualTo(1);
    assertThat(stats.accepted()).isEqualTo(4);
    assertThat(stats.stored()).isEqualTo(1);
    assertThat(stats.pending()).isZero();
    assertThat(events(analytics, "shop")).hasSize(1);
  }

  @Test
  void trackWithOutcome_reportsEachEventsFateOnceEvenDropsDecidedInTheBackground() {
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create()));
    List<String> outcomes = new CopyOnWriteArrayList<>();
    TrackResult bot = analytics.tracker().track(pageview("/", "198.51.100.1",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"),
        r -> outcomes.add("bot:" + r));
    analytics.tracker().track(pageview("/", "198.51.100.1", CHROME),
        r -> outcomes.add("chrome:" + r));
    analytics.tracker().track(TrackRequest.pageview("nope", "/").visitorId("v").build(),
        r -> outcomes.add("unknown:" + r));
    // The unknown site is known at once, before track returns.
    assertThat(outcomes).contains("unknown:dropped(UNKNOWN_SITE)");
    assertThat(analytics.flush(WAIT)).isTrue();

    assertThat(bot.isAccepted()).isTrue();
    assertThat(outcomes).containsExactlyInAnyOrder("unknown:dropped(UNKNOWN_SITE)",
        "bot:dropped(BOT)", "chrome:accepted");
  }

  @Test
  void trackWithOutcome_listenerThatThrowsIsReportedAndTheEventStillStored() {
    List<String> failures = new CopyOnWriteArrayList<>();
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create())
        .errorListener((operation, error) -> failures.add(operation)));
    analytics.tracker().track(pageview("/", "198.51.100.1", CHROME), r -> {
      throw new IllegalStateException("listener bug");
    });
    assertThat(analytics.flush(WAIT)).isTrue();

    assertThat(failures).containsExactly("report a track outcome");
    assertThat(events(analytics, "shop")).hasSize(1);
  }

  @Test
  void fullBuffer_dropsAndCountsWithoutBlocking() throws Exception {
    ControllableStorage storage = new ControllableStorage();
    storage.gate = new CountDownLatch(1);
    Analytics analytics = open(Analytics.builder().storage(storage).bufferCapacity(10).batchSize(5));

    List<TrackResult> results = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      results.add(analytics.tracker().track(pageview("/" + i, "203.0.113.7", CHROME)));
    }
    storage.gate.countDown();
    assertThat(analytics.flush(WAIT)).isTrue();

    long accepted = results.stream().filter(TrackResult::isAccepted).count();
    AnalyticsStats stats = analytics.stats();
    assertThat(stats.dropped(DropReason.BUFFER_FULL)).isEqualTo(100 - accepted).isPositive();
    assertThat(stats.accepted()).isEqualTo(accepted);
    assertThat(stats.stored()).isEqualTo(accepted);
    assertThat(stats.received()).isEqualTo(100);
    assertThat(events(analytics, "shop")).hasSize((int) accepted);
  }

  @Test
  void awaitCapacity_waitsWhileTheBufferIsHalfFullThenReturns() throws Exception {
    ControllableStorage storage = new ControllableStorage();
    storage.gate = new CountDownLatch(1);
    Analytics analytics = open(Analytics.builder().storage(storage).bufferCapacity(20).batchSize(2));
    assertThat(analytics.tracker().awaitCapacity(Duration.ZERO)).isTrue();

    // The writer is stuck: once the ingest thread has filled its hand-off queue, the buffer fills.
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 40; i++) {
        analytics.tracker().track(pageview("/" + i, "203.0.113.7", CHROME));
      }
      Thread.sleep(300);
    }
    assertThat(analytics.stats().queueDepth()).isEqualTo(20);
    // flush gives up at its timeout even when the full buffer has no room for its marker.
    assertThat(analytics.flush(Duration.ofMillis(100))).isFalse();
    long start = System.nanoTime();
    assertThat(analytics.tracker().awaitCapacity(Duration.ofMillis(200))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
        Duration.ofMillis(200));

    storage.gate.countDown();
    assertThat(analytics.tracker().awaitCapacity(WAIT)).isTrue();
    assertThat(analytics.stats().queueDepth()).isLessThanOrEqualTo(10);
  }

  @Test
  void storageFailure_retriedAndReportedNothingLost() {
    ControllableStorage storage = new ControllableStorage();
    storage.failuresToInject.set(3);
    List<String> reported = new CopyOnWriteArrayList<>();
    Analytics analytics = open(Analytics.builder().storage(storage)
        .errorListener((operation, error) -> reported.add(operation + ": " + error.getMessage())));

    for (int i = 0; i < 20; i++) {
      analytics.tracker().track(pageview("/" + i, "203.0.113.7", CHROME));
    }
    assertThat(analytics.flush(WAIT)).isTrue();

    assertThat(events(analytics, "shop")).hasSize(20);
    assertThat(analytics.stats().storageFailures()).isEqualTo(3);
    assertThat(analytics.stats().stored()).isEqualTo(20);
    assertThat(reported).hasSize(3).allMatch(r -> r.contains("injected failure"));
  }

  @Test
  void commitWhoseAcknowledgementIsLost_isNotStoredAgainByTheRetry() {
    ControllableStorage storage = new ControllableStorage();
    storage.lostAcknowledgements.set(1);
    List<String> reported = new CopyOnWriteArrayList<>();
    Analytics analytics = open(Analytics.builder().storage(storage)
        .errorListener((operation, error) -> reported.add(operation + ": " + error.getMessage())));

    for (int i = 0; i < 20; i++) {
      analytics.tracker().track(pageview("/" + i, "203.0.113.7", CHROME));
    }
    assertThat(analytics.flush(WAIT)).isTrue();

    assertThat(events(analytics, "shop")).hasSize(20);
    assertThat(analytics.stats().stored()).isEqualTo(20);
    assertThat(reported).singleElement()
        .satisfies(r -> assertThat(r).contains("connection broken"));
  }

  @Test
  void refusedData_onlyTheRefusedEventIsDroppedTheRestStored() {
    ControllableStorage storage = new ControllableStorage();
    storage.refusedPath = "/poison";
    List<String> reported = new CopyOnWriteArrayList<>();
    Analytics analytics = open(Analytics.builder().storage(storage)
        .errorListener((operation, error) -> reported.add(operation)));

    for (int i = 0; i < 50; i++) {
      analytics.tracker().track(pageview(i == 17 ? "/poison" : "/" + i, "203.0.113.7", CHROME));
    }
    assertThat(analytics.flush(WAIT)).isTrue();

    assertThat(events(analytics, "shop")).hasSize(49)
        .noneMatch(e -> e.pathname().equals("/poison"));
    AnalyticsStats stats = analytics.stats();
    assertThat(stats.stored()).isEqualTo(49);
    assertThat(stats.dropped(DropReason.REJECTED_BY_STORAGE)).isEqualTo(1);
    assertThat(stats.pending()).isZero();
    assertThat(storage.sessions().find(events(analytics, "shop").get(0).sessionId())).isPresent();
    assertThat(reported).isNotEmpty().allMatch(r -> r.contains("data refused"));
  }

  @Test
  void closeDuringLoad_losesNothingAccepted() throws Exception {
    InMemoryStorage storage = InMemoryStorage.create();
    Analytics analytics = open(Analytics.builder().storage(storage).bufferCapacity(100_000));
    AtomicLong accepted = new AtomicLong();
    AtomicLong shutDown = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch running = new CountDownLatch(4);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String ip = "203.0.113." + t;
      Thread producer = new Thread(() -> {
        running.countDown();
        for (int i = 0; !stop.get(); i++) {
          TrackResult r = analytics.tracker().track(pageview("/" + i, ip, CHROME));
          if (r.isAccepted()) {
            accepted.incrementAndGet();
          } else if (r.dropReason().orElseThrow() == DropReason.SHUT_DOWN) {
            shutDown.incrementAndGet();
            stop.set(true);
          }
        }
      });
      producers.add(producer);
      producer.start();
    }
    running.await();
    Thread.sleep(300);
    analytics.close();
    stop.set(true);
    for (Thread producer : producers) {
      producer.join();
    }

    assertThat(accepted.get()).isPositive();
    assertThat(shutDown.get()).isPositive();
    assertThat(storage.events().count("shop", ALL_START, ALL_END)).isEqualTo(accepted.get());
    assertThat(analytics.stats().stored()).isEqualTo(accepted.get());
    assertThat(analytics.tracker().track(pageview("/late", "203.0.113.1", CHROME)).dropReason())
        .contains(DropReason.SHUT_DOWN);
  }

  @Test
  void close_storageSlowButWorking_waitsPastTheTimeoutAndStoresEveryAcceptedEvent() {
    ControllableStorage storage = new ControllableStorage();
    storage.writeMillis = 40;
    // 200 writes of 40 ms each are pending at close: longer than the timeout and the 5 s grace
    // after it together, but each write succeeds well within the timeout.
    Analytics analytics = trackTwoHundred(storage, 1, Duration.ofSeconds(1));

    analytics.close();

    AnalyticsStats stats = analytics.stats();
    assertThat(stats.accepted()).isEqualTo(200);
    assertThat(stats.stored()).isEqualTo(200);
    assertThat(stats.droppedByReason()).isEmpty();
    assertThat(storage.delegate.events().count("shop", ALL_START, ALL_END)).isEqualTo(200);
  }

  @Test
  void close_storageGoesDownWhileSlow_givesUpOnlyOnceWritesFail() {
    ControllableStorage storage = new ControllableStorage();
    storage.writeMillis = 50;
    storage.downAfterWrites = 30;
    Analytics analytics = trackTwoHundred(storage, 2, Duration.ofMillis(500));

    analytics.close();

    AnalyticsStats stats = analytics.stats();
    long stored = storage.delegate.events().count("shop", ALL_START, ALL_END);
    assertThat(stats.accepted()).isEqualTo(200);
    assertThat(stats.stored()).isEqualTo(stored).isPositive();
    assertThat(stats.dropped(DropReason.STORAGE_FAILURE)).isEqualTo(200 - stored).isPositive();
    assertThat(stats.pending()).isZero();
  }

  /** Tracks 200 pageviews of 50 visitors into a new instance on {@code storage}, not flushed. */
  private static Analytics trackTwoHundred(ControllableStorage storage, int batchSize,
      Duration shutdownTimeout) {
    Analytics analytics = Analytics.builder().storage(storage).bufferCapacity(200)
        .batchSize(batchSize).shutdownTimeout(shutdownTimeout)
        .errorListener((operation, error) -> { }).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("UTC"), "", Instant.EPOCH));
    for (int i = 0; i < 200; i++) {
      analytics.tracker().track(pageview("/" + i, "203.0.113." + (i % 50), CHROME));
    }
    return analytics;
  }

  @Test
  void close_storageHangs_givesUpAfterTheTimeoutAndCountsEveryAcceptedEvent() {
    ControllableStorage storage = new ControllableStorage();
    storage.gate = new CountDownLatch(1);
    Analytics analytics = Analytics.builder().storage(storage).bufferCapacity(20).batchSize(2)
        .shutdownTimeout(Duration.ofMillis(500)).errorListener((operation, error) -> { })
        .build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("UTC"), "", Instant.EPOCH));
    for (int i = 0; i < 60; i++) {
      analytics.tracker().track(pageview("/" + i, "203.0.113.7", CHROME));
    }

    long start = System.nanoTime();
    analytics.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    AnalyticsStats stats = analytics.stats();
    assertThat(stats.stored()).isZero();
    assertThat(stats.dropped(DropReason.STORAGE_FAILURE)).isEqualTo(stats.accepted()).isPositive();
    assertThat(stats.pending()).isZero();
  }

  @Test
  void close_endStoredBeforeTheFirstLook_isNotAStall() throws Exception {
    // Once the end is stored the ingest thread has exited, and looks stalled: close() reported
    // "ingestion stopped making progress" after a flush had stored everything.
    CompletableFuture<Void> ended = CompletableFuture.completedFuture(null);

    assertThat(Analytics.awaitOrStalled(ended, () -> true, Duration.ofMillis(10))).isTrue();
  }

  @Test
  void close_endNotStoredAndStalled_givesUp() throws Exception {
    assertThat(Analytics.awaitOrStalled(new CompletableFuture<>(), () -> true,
        Duration.ofMillis(10))).isFalse();
  }

  @Test
  void close_endStoredAfterSomeLooks_isWaitedFor() throws Exception {
    CompletableFuture<Void> ended = new CompletableFuture<>();
    AtomicInteger looks = new AtomicInteger();

    boolean stored = Analytics.awaitOrStalled(ended, () -> {
      if (looks.incrementAndGet() == 3) {
        ended.complete(null); // the end is stored just as the third look finds the thread gone
        return true;
      }
      return false;
    }, Duration.ofMillis(10));

    assertThat(stored).isTrue();
    assertThat(looks).hasValue(3);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // a safety net: close() hung here before the fix
  void close_ingestThreadDied_returnsAndCountsWhatWasQueued() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    Analytics analytics = Analytics.builder().storage(InMemoryStorage.create())
        .shutdownTimeout(Duration.ofSeconds(1)).errorListener((operation, error) -> { })
        .geoLocator(address -> {
          asked.countDown();
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new AssertionError("an Error that ends the ingest thread");
        }).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("UTC"), "", Instant.EPOCH));
    analytics.tracker().track(TrackRequest.pageview("shop", "/a")
        .context(RequestContext.of("8.8.8.8", CHROME)).build());
    assertThat(asked.await(5, TimeUnit.MINUTES)).as("the first event is being enriched").isTrue();
    analytics.tracker().track(TrackRequest.pageview("shop", "/b")
        .context(RequestContext.of("8.8.4.4", CHROME)).build());
    go.countDown();

    analytics.close(); // returns: it waited forever for the dead thread before the fix

    AnalyticsStats stats = analytics.stats();
    assertThat(stats.accepted()).isEqualTo(2);
    assertThat(stats.stored()).isZero();
    assertThat(stats.dropped(DropReason.STORAGE_FAILURE)).as("the event still queued").isEqualTo(1);
  }

  @Test
  void restart_resumesOpenSessions() {
    InMemoryStorage storage = InMemoryStorage.create();
    Analytics first = open(Analytics.builder().storage(storage));
    first.tracker().track(pageview("/a", "203.0.113.7", CHROME));
    first.close();

    Analytics second = open(Analytics.builder().storage(storage));
    second.tracker().track(pageview("/b", "203.0.113.7", CHROME));
    second.flush(WAIT);

    List<Event> events = events(second, "shop");
    assertThat(events).hasSize(2);
    assertThat(events.get(1).visitorId()).isEqualTo(events.get(0).visitorId());
    assertThat(events.get(1).sessionId()).isEqualTo(events.get(0).sessionId());
    Session session = storage.sessions().find(events.get(0).sessionId()).orElseThrow();
    assertThat(session.pageviews()).isEqualTo(2);
    assertThat(session.bounce()).isFalse();
  }

  @Test
  void today_isReadIntoMemorySoonAfterStartUpWithoutAView() throws Exception {
    InMemoryStorage storage = InMemoryStorage.create();
    CountDownLatch read = new CountDownLatch(1);
    RollupStore watched = Delegating.of(RollupStore.class, storage.rollups(), method -> {
      if (method.equals("forEachEvent")) {
        read.countDown();
      }
      return null;
    });
    open(Analytics.builder().storage(Delegating.of(Storage.class, storage,
        method -> method.equals("rollups") ? watched : null)));

    assertThat(read.await(Analytics.KEEP_TODAY_FIRST.toSeconds() + 300, TimeUnit.SECONDS))
        .as("today's events read for reports").isTrue();
  }

  @Test
  void builder_rejectsBadSettingsWithClearMessages() {
    assertThatThrownBy(() -> Analytics.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("storage was not set but it is required");
    assertThatThrownBy(() -> Analytics.builder().sessionTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sessionTimeout must be positive but was PT-1S");
    assertThatThrownBy(() -> Analytics.builder().batchSize(0))
        .hasMessage("batchSize must be positive but was 0");
    assertThatThrownBy(() -> Analytics.builder().bufferCapacity(10).bufferCapacity(20))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bufferCapacity was already set to 10");
    assertThatThrownBy(() -> Analytics.builder().storage(InMemoryStorage.create())
            .bufferCapacity(10).batchSize(20).build())
        .hasMessageContaining("batchSize was '20' but it must not exceed bufferCapacity (10)");
  }

  @Test
  void sites_domainIsUniqueAndNormalized() {
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create()));
    assertThat(analytics.sites().findByDomain("WWW.Shop.Example")).map(Site::id).contains("shop");
    assertThatThrownBy(() -> analytics.sites().save(
            Site.of("other", "www.shop.example", ZoneId.of("UTC"), "", Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("site domain 'shop.example' is already registered to site 'shop'");
  }
}
