package dev.footfall.spi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The revenue of a group of events in one currency.
 *
 * @param total the sum of their amounts, exact, without trailing zeros
 * @param events how many of the events carried revenue in that currency
 * @since 0.3
 */
public record RevenueSum(BigDecimal total, long events) {
  /** No revenue. */
  public static final RevenueSum ZERO = new RevenueSum(BigDecimal.ZERO, 0);

  /** Validates the sum and strips its trailing zeros, so that equal sums are equal. */
  public RevenueSum {
    Objects.requireNonNull(total, "total");
    total = total.signum() == 0 ? BigDecimal.ZERO : total.stripTrailingZeros();
    if (events < 0) {
      throw new IllegalArgumentException("events must not be negative but was " + events);
    }
  }
}
