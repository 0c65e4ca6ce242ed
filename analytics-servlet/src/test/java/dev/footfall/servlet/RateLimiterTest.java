package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class RateLimiterTest {

  @Test
  void tryAcquire_allowsTheBucketThenRefuses() {
    RateLimiter limiter = RateLimiter.of(HttpSettings.builder()
        .rateLimit(3, Duration.ofHours(1)).build());
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).isTrue();
  }

  @Test
  void memoryStaysBoundedWhateverTheNumberOfClients() {
    RateLimiter limiter = RateLimiter.of(HttpSettings.builder()
        .rateLimit(10, Duration.ofMinutes(1)).maxRateLimitedClients(100).build());
    for (int i = 0; i < 20_000; i++) {
      limiter.tryAcquire("client-" + i);
    }
    assertThat(limiter.trackedClients()).isLessThanOrEqualTo(100);
  }

  @Test
  void off_whenDisabled() {
    assertThat(RateLimiter.of(HttpSettings.builder().noRateLimit().build())).isNull();
  }
}
