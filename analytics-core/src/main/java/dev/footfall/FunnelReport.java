package dev.footfall;

import java.util.List;
import java.util.Objects;

/**
 * How many visitors reached each step of a {@link Funnel} within one visit over a period ({@link
 * Reports#funnel}).
 *
 * @param siteId the site
 * @param range the days counted, in the site's timezone
 * @param funnel the funnel
 * @param visitors the visitors of the period (with the query's filters)
 * @param steps one per step, in order
 * @since 0.3
 */
public record FunnelReport(String siteId, DateRange range, Funnel funnel, long visitors,
    List<Step> steps) {

  /** Copies the steps. */
  public FunnelReport {
    Objects.requireNonNull(funnel, "funnel");
    steps = List.copyOf(steps);
  }

  /**
   * One step.
   *
   * @param goal the step's goal name
   * @param visitors the distinct visitors who reached this step
   * @param dropoff the visitors who reached the previous step but not this one (0 for the first)
   * @param conversionRate {@code visitors} as a percentage of the first step's, 2 decimals
   * @param stepConversionRate {@code visitors} as a percentage of the previous step's, 2 decimals
   *     (100 for the first)
   */
  public record Step(String goal, long visitors, long dropoff, double conversionRate,
      double stepConversionRate) {}
}
