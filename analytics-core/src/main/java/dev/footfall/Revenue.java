package dev.footfall;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * The revenue an event brought, as the site reports it: an exact amount in an ISO 4217 currency
 * (Plausible's {@code revenue} / {@code $}). Amounts are kept exactly, with at most {@value
 * #MAX_INTEGER_DIGITS} digits before the point and {@value #MAX_FRACTION_DIGITS} after it; a
 * negative amount (a refund) is allowed. Immutable.
 *
 * @param amount the amount, without trailing zeros after the point
 * @param currency the currency
 * @since 0.3
 */
public record Revenue(BigDecimal amount, Currency currency) {
  /** The most digits before the decimal point. */
  public static final int MAX_INTEGER_DIGITS = 15;
  /** The most digits after the decimal point (no currency has more minor units). */
  public static final int MAX_FRACTION_DIGITS = 3;

  /**
   * Checks the amount's size and strips its trailing zeros.
   *
   * @throws IllegalArgumentException if the amount has too many digits before or after the point
   */
  public Revenue {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    amount = amount.stripTrailingZeros();
    if (amount.scale() < 0) {
      amount = amount.setScale(0);
    }
    if (amount.scale() > MAX_FRACTION_DIGITS) {
      throw new IllegalArgumentException("revenue amount must have at most "
          + MAX_FRACTION_DIGITS + " digits after the point but was " + amount.toPlainString());
    }
    if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
      throw new IllegalArgumentException("revenue amount must have at most "
          + MAX_INTEGER_DIGITS + " digits before the point but was " + amount.toPlainString());
    }
  }

  /**
   * Returns the revenue of an amount, given as its decimal text ({@code "15.99"}, {@code "-5"}), in
   * the currency with this ISO 4217 code.
   *
   * @throws IllegalArgumentException if the amount is not a decimal number or too large or precise,
   *     or the code is not an ISO 4217 currency code
   */
  public static Revenue of(String amount, String currencyCode) {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currencyCode, "currencyCode");
    BigDecimal parsed;
    try {
      parsed = new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("revenue amount must be a decimal number but was '"
          + amount + "'");
    }
    return new Revenue(parsed, currency(currencyCode));
  }

  private static Currency currency(String code) {
    String stripped = code.strip();
    if (!stripped.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("revenue currency must be an ISO 4217 code of three"
          + " capital letters, such as USD, but was '" + code + "'");
    }
    try {
      return Currency.getInstance(stripped);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("revenue currency must be an ISO 4217 code, such as USD,"
          + " but was '" + code + "'");
    }
  }
}
