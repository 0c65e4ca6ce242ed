package dev.footfall.spring;

import dev.footfall.Analytics;
import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Reports {@link Analytics#health()} to Spring Boot's actuator as {@code footfall}: {@code UP}
 * when the storage answers, the writer is not stalled and (in cluster mode) the event log's
 * servers answered, else {@code DOWN} with the problem. Details: {@code storage} ({@code
 * reachable}/{@code unreachable}), {@code writer} ({@code running}/{@code stalled}) and, in
 * cluster mode, {@code eventLog} ({@code reachable}/{@code unreachable}). Each call reads the
 * storage once. Thread-safe.
 *
 * @since 0.4
 */
public final class FootfallHealthIndicator implements HealthIndicator {
  private final Analytics analytics;

  /** Reports the health of {@code analytics}. */
  public FootfallHealthIndicator(Analytics analytics) {
    this.analytics = Objects.requireNonNull(analytics, "analytics");
  }

  @Override
  public Health health() {
    dev.footfall.Health health = analytics.health();
    Health.Builder builder = health.healthy() ? Health.up() : Health.down();
    builder.withDetail("storage", health.storageReachable() ? "reachable" : "unreachable")
        .withDetail("writer", health.writerStalled() ? "stalled" : "running");
    health.eventLogReachable().ifPresent(reachable ->
        builder.withDetail("eventLog", reachable ? "reachable" : "unreachable"));
    if (!health.healthy()) {
      builder.withDetail("problem", health.problem());
    }
    return builder.build();
  }
}
