package dev.footfall;

import dev.footfall.memory.InMemoryStorage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.spi.Counts;
import dev.footfall.spi.DayRollup;
import dev.footfall.spi.EngagementSums;
import dev.footfall.spi.ForwardingStorage;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.Selection;
import dev.footfall.spi.SessionStore;
import dev.footfall.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The background jobs: what each does, leases, and failures that must not stop the scheduler. */
final class JobsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  private Analytics analytics;

  @AfterEach
  void close() {
    if (analytics != null) {
      analytics.close();
    }
  }

  private static Event event(Instant at, String path) {
    return Event.builder("shop", EventType.PAGEVIEW).pathname(path).hostname("shop.example")
        .visitorId(1).sessionId(at.getEpochSecond()).timestamp(at).build();
  }

  private static Event engagement(Instant at, String path) {
    return Event.builder("shop", EventType.ENGAGEMENT).pathname(path).hostname("shop.example")
        .visitorId(1).scrollDepth(50).engagedTime(Duration.ofSeconds(1)).timestamp(at).build();
  }

  private static Session session(long id, Instant last, Instant ended) {
    return Session.builder("shop", id, 1).entryPage("/").exitPage("/").pageviews(1).events(1)
        .bounce(true).startedAt(last.minusSeconds(60)).lastActivityAt(last).endedAt(ended).build();
  }

  @Test
  void retention_deletesOldEventsEngagementsAndEndedSessionsOnly() {
    InMemoryStorage storage = InMemoryStorage.create();
    Instant old = NOW.minus(Duration.ofDays(31));
    storage.write(List.of(event(old, "/old"), event(NOW.minus(Duration.ofDays(29)), "/recent"),
        engagement(old, "/old"), engagement(old.plusSeconds(1), "/old"),
        engagement(NOW.minus(Duration.ofDays(29)), "/recent")),
        List.of(session(1, old, old), session(2, old, null), session(3, NOW, null)));
    analytics = Analytics.builder().storage(storage).retention(Duration.ofDays(30))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    JobRun run = analytics.jobs().run(Job.RETENTION);

    assertThat(run.ran()).isTrue();
    assertThat(run.summary()).isEqualTo("deleted 1 events, 2 engagements and 1 ended sessions"
        + " older than 2026-10-25T12:00:00Z");
    assertThat(storage.aggregates().engagement(Selection.builder("shop", Instant.EPOCH, NOW)
        .build(), List.of("/old", "/recent")))
        .isEqualTo(Map.of("/recent", new EngagementSums(1, 50, 1_000)));
    assertThat(storage.events().list("shop", Instant.EPOCH, NOW, 0, 10))
        .extracting(Event::pathname).containsExactly("/recent");
    assertThat(storage.sessions().find(1)).isEmpty();
    assertThat(storage.sessions().find(2)).as("not ended: the finalizer ends it first")
        .isPresent();
  }

  @Test
  void retention_deletesTheRecurringVisitorIdsOfOldDays() {
    InMemoryStorage storage = InMemoryStorage.create();
    analytics = Analytics.builder().storage(storage).retention(Duration.ofDays(30))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "", Instant.EPOCH));
    LocalDate old = LocalDate.parse("2026-10-20");
    LocalDate recent = LocalDate.parse("2026-10-30");
    for (LocalDate day : List.of(old, recent)) {
      storage.rollups().replace(new DayRollup(new RollupDay("shop", day, ZoneOffset.UTC),
          Map.of(), Set.of(day.toEpochDay())));
    }

    analytics.jobs().run(Job.RETENTION);

    assertThat(storage.rollups().recurringVisitors("shop", old, recent))
        .containsExactly(recent.toEpochDay());
    assertThat(storage.rollups().rolledUp("shop", old, recent)).containsKeys(old, recent);
  }

  @Test
  void retention_keepsEventsOfDaysNotRolledUpYet_thenDeletesThem() {
    InMemoryStorage storage = InMemoryStorage.create();
    Instant old = NOW.minus(Duration.ofDays(31));
    storage.write(List.of(event(old, "/old"), event(NOW.minus(Duration.ofDays(29)), "/recent")),
        List.of(session(old.getEpochSecond(), old, old)));
    analytics = Analytics.builder().storage(storage).retention(Duration.ofDays(30))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "", Instant.EPOCH));

    assertThat(analytics.jobs().run(Job.RETENTION).summary()).isEqualTo(
        "deleted 0 events, 0 engagements and 0 ended sessions older than 2026-10-23T00:00:00Z");
    assertThat(analytics.jobs().run(Job.ROLLUP).summary()).isEqualTo("rolled up 31 days");
    assertThat(analytics.jobs().run(Job.RETENTION).summary()).isEqualTo(
        "deleted 1 events, 0 engagements and 1 ended sessions older than 2026-10-25T12:00:00Z");
    ReportQuery old30 = ReportQuery.builder("shop")
        .period(Period.custom(LocalDate.parse("2026-10-24"), LocalDate.parse("2026-10-26")))
        .metrics(Metric.PAGEVIEWS).build();
    assertThat(analytics.reports().aggregate(old30).metrics().get(Metric.PAGEVIEWS).value())
        .as("rollups are kept").isEqualTo(2L);
    ReportQuery all = ReportQuery.builder("shop").period(Period.parse("all"))
        .metrics(Metric.PAGEVIEWS).build();
    assertThat(analytics.reports().aggregate(all).range().from()).isEqualTo("2026-10-24");
  }

  @Test
  void rollup_waitsForLateEventsAndOpenVisits_thenCatchesUp() {
    InMemoryStorage storage = InMemoryStorage.create();
    Instant midnight = Instant.parse("2026-11-24T00:00:00Z");
    Instant late = midnight.minusSeconds(30);
    storage.write(List.of(event(midnight.minus(Duration.ofDays(2)), "/sunday"),
        event(late, "/late")), List.of(session(late.getEpochSecond(), late, null)));
    for (String at : List.of("2026-11-24T00:20:00Z", "2026-11-24T00:40:00Z")) {
      analytics = Analytics.builder().storage(storage).clock(Clock.fixed(Instant.parse(at),
          ZoneOffset.UTC)).build();
      analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "", Instant.EPOCH));
      assertThat(analytics.jobs().run(Job.ROLLUP).summary()).as(at).isEqualTo(
          at.endsWith("20:00Z") ? "rolled up 1 days; 1 sites wait for a day's late events or open"
              + " visits" : "rolled up 0 days; 1 sites wait for a day's late events or open visits");
      analytics.close();
    }
    assertThat(storage.rollups().rolledUp("shop", LocalDate.parse("2026-11-22"),
        LocalDate.parse("2026-11-23"))).containsOnlyKeys(LocalDate.parse("2026-11-22"));

    analytics = Analytics.builder().storage(storage).clock(Clock.fixed(
        Instant.parse("2026-11-24T00:40:00Z"), ZoneOffset.UTC)).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "", Instant.EPOCH));
    analytics.jobs().run(Job.FINALIZE_SESSIONS);
    assertThat(analytics.jobs().run(Job.ROLLUP).summary()).isEqualTo("rolled up 1 days");
    assertThat(storage.rollups().rolledUp("shop", LocalDate.parse("2026-11-22"),
        LocalDate.parse("2026-11-23"))).hasSize(2);
  }

  @Test
  void rollup_waitsForAnOpenVisitOneDayAtMost() {
    InMemoryStorage storage = InMemoryStorage.create();
    Instant start = Instant.parse("2026-11-22T10:00:00Z");
    Instant last = NOW.minusSeconds(60);
    long session = 7;
    storage.write(List.of(event(start, "/a").toBuilder().sessionId(session).build(),
            event(last, "/b").toBuilder().sessionId(session).build()),
        List.of(Session.builder("shop", session, 1).entryPage("/a").exitPage("/b").pageviews(2)
            .events(2).bounce(false).startedAt(start).lastActivityAt(last).build()));
    analytics = Analytics.builder().storage(storage).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "", Instant.EPOCH));

    assertThat(analytics.jobs().run(Job.ROLLUP).summary()).isEqualTo("rolled up 1 days; 1 sites"
        + " wait for a day's late events or open visits");
    LocalDate held = LocalDate.parse("2026-11-22");
    assertThat(storage.rollups().rolledUp("shop", held, LocalDate.parse("2026-11-23")))
        .as("ended 1.5 days ago, but not 0.5 days ago").containsOnlyKeys(held);
    assertThat(storage.rollups().sum("shop", held, held, null, null).get(""))
        .as("the open visit as it stands").extracting(Counts::visits, Counts::sessionPageviews,
            Counts::bounces, Counts::durationSeconds)
        .containsExactly(1L, 2L, 0L, Duration.between(start, last).toSeconds());
  }

  @Test
  void rollup_skipsASiteDeletedSinceTheSitesWereListed() {
    InMemoryStorage storage = InMemoryStorage.create();
    Instant at = Instant.parse("2026-11-22T10:00:00Z");
    storage.write(List.of(event(at, "/a"), event(at, "/b").toBuilder().siteId("gone").build()),
        List.of());
    analytics = Analytics.builder().storage(storage).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
    analytics.sites().save(Site.of("gone", "gone.example", ZoneOffset.UTC, "", Instant.EPOCH));
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "", Instant.EPOCH));
    storage.sites().delete("gone"); // as another instance would: this one still lists it

    assertThat(analytics.jobs().run(Job.ROLLUP).summary()).isEqualTo("rolled up 2 days");
    assertThat(storage.rollups().rolledUp("shop", at.atZone(ZoneOffset.UTC).toLocalDate(),
        LocalDate.parse("2026-11-23"))).hasSize(2);
  }

  @Test
  void finalizeSessions_endsSessionsIdleForTheTimeout() {
    InMemoryStorage storage = InMemoryStorage.create();
    storage.write(List.of(), List.of(session(1, NOW.minus(Duration.ofMinutes(31)), null),
        session(2, NOW.minus(Duration.ofMinutes(29)), null)));
    analytics = Analytics.builder().storage(storage).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();

    JobRun run = analytics.jobs().run(Job.FINALIZE_SESSIONS);

    assertThat(run.summary()).startsWith("ended 1 sessions idle since before");
    assertThat(storage.sessions().find(1).orElseThrow().endedAt())
        .contains(NOW.minus(Duration.ofMinutes(31)));
    assertThat(storage.sessions().find(2).orElseThrow().endedAt()).isEmpty();
  }

  @Test
  void rotateSalts_byHand() {
    analytics = Analytics.builder().storage(InMemoryStorage.create())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    assertThat(analytics.jobs().run(Job.ROTATE_SALTS))
        .isEqualTo(new JobRun(Job.ROTATE_SALTS, true, "salt of 2026-11-24 stored, older ones"
            + " deleted"));
  }

  @Test
  void run_skipsWhileAnotherInstanceHoldsTheLease() {
    InMemoryStorage storage = InMemoryStorage.create();
    storage.leases().tryAcquire("retention", "another instance", NOW, Duration.ofMinutes(15));
    analytics = Analytics.builder().storage(storage).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();

    assertThat(analytics.jobs().run(Job.RETENTION)).isEqualTo(new JobRun(Job.RETENTION, false,
        "not run: it is running already (here or on another instance)"));
    assertThat(analytics.jobs().run(Job.FINALIZE_SESSIONS).ran()).isTrue();
    assertThat(storage.leases().tryAcquire("finalize_sessions", "another instance", NOW,
        Duration.ofMinutes(15))).as("released after the run").isTrue();
  }

  @Test
  void scheduledJob_failingRunsAreReportedAndTheNextRunsStillHappen() throws Exception {
    InMemoryStorage memory = InMemoryStorage.create();
    memory.write(List.of(), List.of(session(1, NOW.minus(Duration.ofHours(1)), null)));
    AtomicInteger failuresLeft = new AtomicInteger(2);
    List<String> errors = new CopyOnWriteArrayList<>();
    analytics = Analytics.builder().storage(new FlakySessions(memory, failuresLeft))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .jobInterval(Job.FINALIZE_SESSIONS, Duration.ofMillis(20))
        .errorListener((operation, error) -> errors.add(operation)).build();

    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (memory.sessions().find(1).orElseThrow().endedAt().isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(memory.sessions().find(1).orElseThrow().endedAt()).isPresent();
    assertThat(errors).containsExactly("finalize_sessions", "finalize_sessions");
  }

  /** Storage whose session finalizing fails a number of times. */
  private static final class FlakySessions extends ForwardingStorage {
    private final AtomicInteger failuresLeft;

    FlakySessions(Storage delegate, AtomicInteger failuresLeft) {
      super(delegate);
      this.failuresLeft = failuresLeft;
    }

    @Override
    public SessionStore sessions() {
      SessionStore sessions = super.sessions();
      return new SessionStore() {
        @Override
        public Optional<Session> find(long sessionId) {
          return sessions.find(sessionId);
        }

        @Override
        public List<Session> list(String siteId, Instant from, Instant to) {
          return sessions.list(siteId, from, to);
        }

        @Override
        public List<Session> findActive(Instant since) {
          return sessions.findActive(since);
        }

        @Override
        public int endInactive(Instant before) {
          if (failuresLeft.getAndDecrement() > 0) {
            throw new StorageException("injected failure", null);
          }
          return sessions.endInactive(before);
        }

        @Override
        public int deleteEndedBefore(Instant before, int limit) {
          return sessions.deleteEndedBefore(before, limit);
        }
      };
    }
  }
}
