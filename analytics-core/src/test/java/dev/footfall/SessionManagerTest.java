package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

final class SessionManagerTest {
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private final SessionManager sessions = SessionManager.create(Duration.ofMinutes(30), 10_000,
      Clock.fixed(T0, ZoneOffset.UTC));

  private static Event pageview(long visitor, Instant at, String path) {
    return Event.builder("s1", EventType.PAGEVIEW).visitorId(visitor).pathname(path)
        .timestamp(at).build();
  }

  private static Event custom(long visitor, Instant at, boolean interactive) {
    return Event.builder("s1", EventType.CUSTOM_EVENT).name("Click").visitorId(visitor)
        .pathname("/x").interactive(interactive).timestamp(at).build();
  }

  @Test
  void twoPageviewsTenSecondsApart_oneSessionNotBounce() {
    Session first = sessions.assign(pageview(1, T0, "/a"));
    Session second = sessions.assign(pageview(1, T0.plusSeconds(10), "/b"));

    assertThat(second.sessionId()).isEqualTo(first.sessionId());
    assertThat(second.pageviews()).isEqualTo(2);
    assertThat(second.events()).isEqualTo(2);
    assertThat(second.bounce()).isFalse();
    assertThat(second.durationSeconds()).isEqualTo(10);
    assertThat(second.entryPage()).isEqualTo("/a");
    assertThat(second.exitPage()).isEqualTo("/b");
    assertThat(first.bounce()).isTrue();
    assertThat(first.durationSeconds()).isZero();
  }

  @Test
  void thirtyOneMinutesApart_twoSessions() {
    Session first = sessions.assign(pageview(1, T0, "/a"));
    Session second = sessions.assign(pageview(1, T0.plus(Duration.ofMinutes(31)), "/a"));

    assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
    assertThat(second.pageviews()).isEqualTo(1);
    assertThat(second.startedAt()).isEqualTo(T0.plus(Duration.ofMinutes(31)));
  }

  @Test
  void exactlyThirtyMinutesApart_sameSession() {
    Session first = sessions.assign(pageview(1, T0, "/a"));
    Session second = sessions.assign(pageview(1, T0.plus(Duration.ofMinutes(30)), "/a"));
    assertThat(second.sessionId()).isEqualTo(first.sessionId());
  }

  @Test
  void idleRuleCountsFromLastEventNotFromStart() {
    Session first = sessions.assign(pageview(1, T0, "/a"));
    sessions.assign(pageview(1, T0.plus(Duration.ofMinutes(25)), "/b"));
    Session third = sessions.assign(pageview(1, T0.plus(Duration.ofMinutes(50)), "/c"));
    assertThat(third.sessionId()).isEqualTo(first.sessionId());
    assertThat(third.durationSeconds()).isEqualTo(50 * 60);
  }

  @Test
  void interactiveCustomEventPreventsBounce() {
    sessions.assign(pageview(1, T0, "/a"));
    Session s = sessions.assign(custom(1, T0.plusSeconds(5), true));
    assertThat(s.bounce()).isFalse();
    assertThat(s.pageviews()).isEqualTo(1);
    assertThat(s.events()).isEqualTo(2);
  }

  @Test
  void nonInteractiveCustomEventKeepsBounce() {
    sessions.assign(pageview(1, T0, "/a"));
    Session s = sessions.assign(custom(1, T0.plusSeconds(5), false));
    assertThat(s.bounce()).isTrue();
    assertThat(s.durationSeconds()).isEqualTo(5);
  }

  @Test
  void outOfOrderEvents_earliestFixesStartEntryAndSource() {
    Event late = pageview(1, T0.plusSeconds(60), "/late").toBuilder().referrerSource("Bing")
        .country("FR").build();
    Event early = pageview(1, T0, "/early").toBuilder().referrerSource("Google")
        .country("DE").build();
    Event middle = pageview(1, T0.plusSeconds(30), "/middle");

    sessions.assign(late);
    sessions.assign(early);
    Session s = sessions.assign(middle);

    assertThat(s.startedAt()).isEqualTo(T0);
    assertThat(s.lastActivityAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(s.durationSeconds()).isEqualTo(60);
    assertThat(s.entryPage()).isEqualTo("/early");
    assertThat(s.exitPage()).isEqualTo("/late");
    assertThat(s.referrerSource()).isEqualTo("Google");
    assertThat(s.country()).isEqualTo("DE");
    assertThat(s.pageviews()).isEqualTo(3);
  }

  @Test
  void muchOlderEvent_getsItsOwnSessionAndCurrentStays() {
    Session current = sessions.assign(pageview(1, T0, "/now"));
    Session old = sessions.assign(pageview(1, T0.minus(Duration.ofHours(3)), "/old"));
    Session next = sessions.assign(pageview(1, T0.plusSeconds(5), "/next"));

    assertThat(old.sessionId()).isNotEqualTo(current.sessionId());
    assertThat(next.sessionId()).isEqualTo(current.sessionId());
  }

  @Test
  void firstEventFixesSourceAndDevice() {
    sessions.assign(pageview(1, T0, "/a").toBuilder().referrerSource("Google")
        .deviceType("mobile").browser("Safari").build());
    Session s = sessions.assign(pageview(1, T0.plusSeconds(1), "/b").toBuilder()
        .referrerSource("Bing").deviceType("desktop").browser("Edge").build());
    assertThat(s.referrerSource()).isEqualTo("Google");
    assertThat(s.deviceType()).isEqualTo("mobile");
    assertThat(s.browser()).isEqualTo("Safari");
  }

  @Test
  void visitorsAndSitesAreSeparate() {
    Session a = sessions.assign(pageview(1, T0, "/"));
    Session b = sessions.assign(pageview(2, T0, "/"));
    Session c = sessions.assign(pageview(1, T0, "/").toBuilder().siteId("s2").build());
    assertThat(Set.of(a.sessionId(), b.sessionId(), c.sessionId())).hasSize(3);
  }

  @Test
  void hasSession_followsTheIdleRule() {
    sessions.assign(pageview(1, T0, "/"));
    assertThat(sessions.hasSession("s1", 1, T0.plus(Duration.ofMinutes(29)))).isTrue();
    assertThat(sessions.hasSession("s1", 1, T0.plus(Duration.ofMinutes(31)))).isFalse();
    assertThat(sessions.hasSession("s1", 2, T0)).isFalse();
  }

  @Test
  void oneVisitorFromEightThreads_oneSession() throws Exception {
    int threads = 8;
    int perThread = 500;
    Set<Long> ids = ConcurrentHashMap.newKeySet();
    List<Session> last = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread worker = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perThread; i++) {
          ids.add(sessions.assign(pageview(7, T0.plusMillis(i * threads + offset), "/p"))
              .sessionId());
        }
      });
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    last.add(sessions.assign(pageview(7, T0.plusSeconds(10), "/p")));

    assertThat(ids).hasSize(1);
    assertThat(last.get(0).pageviews()).isEqualTo(threads * perThread + 1);
    assertThat(last.get(0).events()).isEqualTo(threads * perThread + 1);
  }

  @Test
  void full_evictsAndCountsWhatItLetsGo() {
    SessionManager small = SessionManager.create(Duration.ofMinutes(30), 100,
        Clock.fixed(T0, ZoneOffset.UTC));
    for (long visitor = 0; visitor < 1_000; visitor++) {
      small.assign(pageview(visitor, T0, "/p"));
    }
    long held = small.activeCount();
    assertThat(held).isBetween(1L, 100L);
    assertThat(small.evictedCount()).isEqualTo(1_000 - held);

    // An evicted visitor's next event starts a new session.
    long evicted = 0;
    while (small.hasSession("s1", evicted, T0)) {
      evicted++;
    }
    Session again = small.assign(pageview(evicted, T0.plusSeconds(1), "/q"));
    assertThat(again.pageviews()).isEqualTo(1);
    assertThat(again.entryPage()).isEqualTo("/q");
  }

  @Test
  void sessionsWithLongTexts_countForTheirSize() {
    SessionManager small = SessionManager.create(Duration.ofMinutes(30), 100,
        Clock.fixed(T0, ZoneOffset.UTC));
    String longPath = "/" + "x".repeat(5_000);
    for (long visitor = 0; visitor < 100; visitor++) {
      small.assign(pageview(visitor, T0, longPath + visitor));
    }
    // Each counts for about ten ordinary sessions (512 bytes), so about ten fit in 100 of those.
    assertThat(small.activeCount()).isBetween(1L, 10L);
    assertThat(small.evictedCount()).isEqualTo(100 - small.activeCount());
  }

  @Test
  void expiredSessions_areNotCountedAsEvicted() {
    Instant[] now = {T0};
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    SessionManager expiring = SessionManager.create(Duration.ofMinutes(30), 100, clock);
    expiring.assign(pageview(1, T0, "/p"));
    now[0] = T0.plus(Duration.ofHours(1));
    assertThat(expiring.activeCount()).isZero();
    assertThat(expiring.evictedCount()).isZero();
  }

  @Test
  void create_rejectsBadArguments() {
    assertThatThrownBy(() -> SessionManager.create(Duration.ZERO, 1, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("session timeout must be positive but was PT0S");
    assertThatThrownBy(() -> SessionManager.create(Duration.ofMinutes(1), 0, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSessions must be at least 1 but was 0");
  }
}
