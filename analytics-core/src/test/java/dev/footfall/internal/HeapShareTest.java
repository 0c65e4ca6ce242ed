package dev.footfall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class HeapShareTest {
  private static final long GIB = 1L << 30;

  @Test
  void countsWhatFitsInTheShare() {
    assertThat(HeapShare.count(GIB, 10, 512, Long.MAX_VALUE)).isEqualTo(209_715);
    assertThat(HeapShare.count(256L << 20, 5, 400, 100_000)).isEqualTo(33_554);
  }

  @Test
  void keepsWithinOneAndTheMaximum() {
    assertThat(HeapShare.count(8 * GIB, 5, 400, 100_000)).isEqualTo(100_000);
    assertThat(HeapShare.count(1_000, 1, 512, 100)).isEqualTo(1);
  }

  @Test
  void theRealHeapGivesAPositiveCount() {
    assertThat(HeapShare.count(10, 512, Long.MAX_VALUE)).isPositive();
  }
}
