package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two application instances on one database: while one runs a job (holds its lease), the other
 * skips it. That only one can take a lease at a time, even racing, is {@code StorageContract}'s
 * {@code leases_concurrentTakersGetOneWinner}.
 */
final class TwoInstancesJobTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @Test
  void jobs_leaseLetsOneInstanceRunAtATime() {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    JdbiStorage first = JdbiStorage.pooled(url, "", "");
    JdbiStorage second = JdbiStorage.pooled(url, "", "");
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    try (Analytics a = Analytics.builder().storage(first).clock(clock).build();
        Analytics b = Analytics.builder().storage(second).clock(clock).build()) {
      assertThat(first.leases().tryAcquire("retention", "instance a", NOW, Duration.ofMinutes(1)))
          .isTrue();
      assertThat(b.jobs().run(Job.RETENTION).ran()).isFalse();
      first.leases().release("retention", "instance a");
      assertThat(b.jobs().run(Job.RETENTION).ran()).isTrue();
      assertThat(a.jobs().run(Job.RETENTION).ran()).as("b released it after its run").isTrue();
    }
  }
}
