package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.EventStore;
import dev.footfall.spi.LeaseStore;
import dev.footfall.spi.SaltStore;
import dev.footfall.spi.SessionStore;
import dev.footfall.spi.SiteStore;
import dev.footfall.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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

  private static Session session(long id, Instant last, Instant ended) {
    return Session.builder("shop", id, 1).entryPage("/").exitPage("/").pageviews(1).events(1)
        .bounce(true).startedAt(last.minusSeconds(60)).lastActivityAt(last).endedAt(ended).build();
  }

  @Test
  void retention_deletesOldEventsAndEndedSessionsOnly() {
    InMemoryStorage storage = InMemoryStorage.create();
    Instant old = NOW.minus(Duration.ofDays(31));
    storage.write(List.of(event(old, "/old"), event(NOW.minus(Duration.ofDays(29)), "/recent")),
        List.of(session(1, old, old), session(2, old, null), session(3, NOW, null)));
    analytics = Analytics.builder().storage(storage).retention(Duration.ofDays(30))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    JobRun run = analytics.jobs().run(Job.RETENTION);

    assertThat(run.ran()).isTrue();
    assertThat(run.summary()).isEqualTo("deleted 1 events and 1 ended sessions older than"
        + " 2026-10-25T12:00:00Z");
    assertThat(storage.events().list("shop", Instant.EPOCH, NOW, 0, 10))
        .extracting(Event::pathname).containsExactly("/recent");
    assertThat(storage.sessions().find(1)).isEmpty();
    assertThat(storage.sessions().find(2)).as("not ended: the finalizer ends it first")
        .isPresent();
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

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (memory.sessions().find(1).orElseThrow().endedAt().isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(memory.sessions().find(1).orElseThrow().endedAt()).isPresent();
    assertThat(errors).containsExactly("finalize_sessions", "finalize_sessions");
  }

  /** Storage whose session finalizing fails a number of times. */
  private static final class FlakySessions implements Storage {
    private final Storage delegate;
    private final AtomicInteger failuresLeft;

    FlakySessions(Storage delegate, AtomicInteger failuresLeft) {
      this.delegate = delegate;
      this.failuresLeft = failuresLeft;
    }

    @Override
    public SessionStore sessions() {
      SessionStore sessions = delegate.sessions();
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

    @Override
    public SiteStore sites() {
      return delegate.sites();
    }

    @Override
    public EventStore events() {
      return delegate.events();
    }

    @Override
    public SaltStore salts() {
      return delegate.salts();
    }

    @Override
    public AggregateStore aggregates() {
      return delegate.aggregates();
    }

    @Override
    public LeaseStore leases() {
      return delegate.leases();
    }

    @Override
    public void write(List<Event> events, Collection<Session> sessions) {
      delegate.write(events, sessions);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
