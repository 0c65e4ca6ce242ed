package dev.footfall;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Each of a site's goals and its conversions over a period, in the order the goals were added
 * ({@link Reports#goals}).
 *
 * @param siteId the site
 * @param range the days counted, in the site's timezone
 * @param visitors the visitors of the period (with the query's filters), whom conversion rates
 *     divide by
 * @param results one row per goal
 * @since 0.3
 */
public record GoalsReport(String siteId, DateRange range, long visitors, List<Row> results) {

  /** Copies the results. */
  public GoalsReport {
    results = List.copyOf(results);
  }

  /**
   * One goal's conversions.
   *
   * @param goal the goal
   * @param visitors the distinct visitors who converted it (unique conversions)
   * @param events the events that converted it (total conversions)
   * @param conversionRate {@code visitors} as a percentage of the period's visitors, 1 decimal
   * @param revenue for a revenue goal, the revenue its conversions brought in its currency
   */
  public record Row(Goal goal, long visitors, long events, double conversionRate,
      Optional<Revenue> revenue) {
    /** Validates the row. */
    public Row {
      Objects.requireNonNull(goal, "goal");
      Objects.requireNonNull(revenue, "revenue");
    }
  }

  /**
   * A revenue goal's revenue. Conversions whose revenue is in another currency are left out:
   * Footfall does not convert currencies.
   *
   * @param currency the goal's currency
   * @param total the sum of the conversions' amounts, exact
   * @param average {@code total} divided by the conversions that carried revenue, rounded half up
   *     to the currency's minor unit (2 decimals for most); 0 when none did
   */
  public record Revenue(Currency currency, BigDecimal total, BigDecimal average) {}
}
