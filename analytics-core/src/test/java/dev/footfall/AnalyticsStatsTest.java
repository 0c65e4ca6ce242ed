package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.ForwardingStorage;
import dev.footfall.spi.SessionStore;
import dev.footfall.spi.SiteStore;
import dev.footfall.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The counters of {@link Analytics#stats()} beyond ingestion, and {@link Analytics#health()}. */
final class AnalyticsStatsTest {
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static final Duration WAIT = Duration.ofMinutes(3);

  private final List<Analytics> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Analytics::close);
  }

  private Analytics open(Storage storage) {
    Analytics analytics = Analytics.builder().storage(storage).build();
    opened.add(analytics);
    analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("UTC"), "Shop",
        Instant.parse("2026-01-01T00:00:00Z")));
    return analytics;
  }

  private static void track(Analytics analytics, int pageviews) {
    for (int i = 0; i < pageviews; i++) {
      analytics.tracker().track(TrackRequest.pageview("shop", "https://shop.example/" + i)
          .context(RequestContext.of("203.0.113.7", CHROME)).build());
    }
  }

  @Test
  void stats_countWritesReportsAndTheUserAgentCache() {
    Analytics analytics = open(InMemoryStorage.create());
    AnalyticsStats before = analytics.stats();
    assertThat(before.batchWrites()).isEqualTo(TimingStats.NONE);
    assertThat(before.reports()).containsOnlyKeys(Reports.REPORTS)
        .allSatisfy((report, timing) -> assertThat(timing).isEqualTo(TimingStats.NONE));

    track(analytics, 3);
    assertThat(analytics.flush(WAIT)).isTrue();
    analytics.reports().aggregate(ReportQuery.builder("shop").build());
    analytics.reports().aggregate(ReportQuery.builder("shop").build());
    analytics.reports().realtime("shop");

    AnalyticsStats stats = analytics.stats();
    assertThat(stats.batchWrites().count()).isPositive();
    assertThat(stats.batchWrites().total()).isPositive();
    assertThat(stats.reports().get("aggregate").count()).isEqualTo(2);
    assertThat(stats.reports().get("aggregate").total()).isPositive();
    assertThat(stats.reports().get("realtime").count()).isEqualTo(1);
    assertThat(stats.reports().get("breakdown")).isEqualTo(TimingStats.NONE);
    // One User-Agent, classified once and then found three times less one.
    CacheCounts userAgents = stats.caches().get("user_agents");
    assertThat(userAgents.misses()).isEqualTo(1);
    assertThat(userAgents.hits()).isEqualTo(2);
    assertThat(userAgents.size()).isEqualTo(1);
    assertThat(userAgents.hitRate()).isEqualTo(2 / 3.0);
    assertThat(stats.writerLag()).isZero();
  }

  @Test
  void stats_countJobRunsAndFailures() {
    AtomicBoolean failing = new AtomicBoolean();
    InMemoryStorage memory = InMemoryStorage.create();
    SessionStore sessions = Delegating.of(SessionStore.class, memory.sessions(), method -> {
      if (method.equals("endInactive") && failing.get()) {
        throw new StorageException("injected failure", null);
      }
      return null;
    });
    Analytics analytics = open(new ForwardingStorage(memory) {
      @Override
      public SessionStore sessions() {
        return sessions;
      }
    });

    assertThat(analytics.jobs().run(Job.FINALIZE_SESSIONS).ran()).isTrue();
    failing.set(true);
    assertThatThrownBy(() -> analytics.jobs().run(Job.FINALIZE_SESSIONS))
        .isInstanceOf(StorageException.class);

    AnalyticsStats stats = analytics.stats();
    assertThat(stats.jobs()).containsOnlyKeys(Job.values());
    assertThat(stats.jobs().get(Job.FINALIZE_SESSIONS).runs()).isEqualTo(2);
    assertThat(stats.jobs().get(Job.FINALIZE_SESSIONS).failures()).isEqualTo(1);
    // A run that does not start is not counted: here another instance holds the job's lease.
    memory.leases().tryAcquire(Job.RETENTION.key(), "another instance", Instant.now(), Jobs.LEASE);
    assertThat(analytics.jobs().run(Job.RETENTION).ran()).isFalse();
    assertThat(analytics.stats().jobs().get(Job.RETENTION).runs()).isZero();
  }

  @Test
  void health_healthyWhenStorageAnswersAndTheWriterKeepsUp() {
    Analytics analytics = open(InMemoryStorage.create());
    track(analytics, 2);
    assertThat(analytics.flush(WAIT)).isTrue();

    Health health = analytics.health();
    assertThat(health.healthy()).isTrue();
    assertThat(health.storageReachable()).isTrue();
    assertThat(health.writerStalled()).isFalse();
    assertThat(health.eventLogReachable()).isEmpty();
    assertThat(health.problem()).isEmpty();
  }

  @Test
  void health_writerStalledWhileWritesFail() throws Exception {
    ControllableStorage storage = new ControllableStorage();
    storage.failuresToInject.set(Integer.MAX_VALUE);
    Analytics analytics = open(storage);
    track(analytics, 1);

    waitUntil(() -> analytics.stats().storageFailures() > 0);
    Health health = analytics.health();
    assertThat(health.writerStalled()).isTrue();
    assertThat(health.healthy()).isFalse();
    assertThat(health.problem()).isEqualTo("the writer is not storing events");
    assertThat(analytics.stats().writerLag()).isPositive();

    storage.failuresToInject.set(0);
    assertThat(analytics.flush(WAIT)).isTrue();
    assertThat(analytics.health().healthy()).isTrue();
    assertThat(analytics.stats().writerLag()).isZero();
  }

  @Test
  void health_storageUnreachableWhenItsReadsFail() {
    AtomicBoolean down = new AtomicBoolean();
    InMemoryStorage memory = InMemoryStorage.create();
    SiteStore sites = Delegating.of(SiteStore.class, memory.sites(), method -> {
      if (method.equals("list") && down.get()) {
        throw new StorageException("injected failure", null);
      }
      return null;
    });
    Analytics analytics = open(new ForwardingStorage(memory) {
      @Override
      public SiteStore sites() {
        return sites;
      }
    });
    assertThat(analytics.health().storageReachable()).isTrue();

    down.set(true);
    Health health = analytics.health();
    assertThat(health.storageReachable()).isFalse();
    assertThat(health.healthy()).isFalse();
    assertThat(health.problem()).isEqualTo("the storage does not answer");
  }

  /** Waits for a condition the background threads bring about, failing after {@link #WAIT}. */
  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within %s", WAIT).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
