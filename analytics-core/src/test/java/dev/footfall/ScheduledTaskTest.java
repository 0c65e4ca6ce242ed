package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Tasks that modules add to the scheduler: leases, stats, runs by hand and failures. */
final class ScheduledTaskTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  private static ScheduledTask task(String name, Duration every,
      Function<Analytics, String> body) {
    return new ScheduledTask() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Duration interval() {
        return every;
      }

      @Override
      public String run(Analytics analytics) {
        return body.apply(analytics);
      }
    };
  }

  @Test
  void runTask_byHand_holdsTheLease_andCountsTheRun() {
    InMemoryStorage storage = InMemoryStorage.create();
    AtomicInteger runs = new AtomicInteger();
    try (Analytics analytics = Analytics.builder().storage(storage)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .task(task("greet", Duration.ofDays(1), a -> {
          assertThat(storage.leases().tryAcquire("task:greet", "other", NOW, Duration.ofMinutes(1)))
              .as("held while running").isFalse();
          return "greeted " + a.sites().list().size() + " sites, run " + runs.incrementAndGet();
        })).build()) {
      assertThat(analytics.jobs().tasks()).containsExactly("greet");
      assertThat(analytics.jobs().runTask("greet"))
          .isEqualTo(new TaskRun("greet", true, "greeted 0 sites, run 1"));
      assertThat(analytics.stats().tasks().get("greet").runs()).isEqualTo(1);

      storage.leases().tryAcquire("task:greet", "another instance", NOW, Duration.ofMinutes(15));
      assertThat(analytics.jobs().runTask("greet")).isEqualTo(new TaskRun("greet", false,
          "not run: it is running already (here or on another instance)"));
      assertThat(runs).hasValue(1);
      assertThatThrownBy(() -> analytics.jobs().runTask("nope"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("task must be one of [greet] but was 'nope'");
    }
  }

  @Test
  void scheduledTask_failingRunsAreReported_andCounted_andTheNextRunsStillHappen()
      throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    List<String> errors = new CopyOnWriteArrayList<>();
    try (Analytics analytics = Analytics.builder().storage(InMemoryStorage.create())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .errorListener((operation, error) -> errors.add(operation))
        .task(task("flaky", Duration.ofMillis(20), a -> {
          if (calls.incrementAndGet() <= 2) {
            throw new IllegalStateException("injected");
          }
          return "ok";
        })).build()) {
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (analytics.stats().tasks().get("flaky").runs() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      JobStats stats = analytics.stats().tasks().get("flaky");
      assertThat(stats.runs()).isGreaterThanOrEqualTo(3);
      assertThat(stats.failures()).isEqualTo(2);
      assertThat(errors).startsWith("task:flaky", "task:flaky");
    }
  }

  @Test
  void task_badNameOrInterval_orTwice() {
    assertThatThrownBy(() -> Analytics.builder().task(task("Email Reports", Duration.ofMinutes(1),
        a -> ""))).isInstanceOf(IllegalArgumentException.class).hasMessage("task name must be 1"
            + " to 40 lower-case letters, digits and hyphens but was 'Email Reports'");
    assertThatThrownBy(() -> Analytics.builder().task(task("t", Duration.ZERO, a -> "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task(t).interval() must be positive but was PT0S");
    Analytics.Builder builder = Analytics.builder().task(task("t", Duration.ofMinutes(1), a -> ""));
    assertThatThrownBy(() -> builder.task(task("t", Duration.ofMinutes(2), a -> "")))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("task(t) was already set");
  }
}
