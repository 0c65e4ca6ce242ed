package dev.footfall.spi;

/**
 * The {@linkplain dev.footfall.EventType#ENGAGEMENT engagement} sums of one page, from which {@code
 * Reports} computes {@link dev.footfall.Metric#SCROLL_DEPTH} ({@code scrollDepthSum / visitors})
 * and {@link dev.footfall.Metric#TIME_ON_PAGE} ({@code engagedMillis / visitors}, in seconds).
 * Immutable.
 *
 * @param visitors distinct visitors with an engagement on the page
 * @param scrollDepthSum the sum over those visitors of each one's deepest scroll on the page, in
 *     percent
 * @param engagedMillis the engaged time of all those engagements, in milliseconds
 * @since 0.3
 */
public record EngagementSums(long visitors, long scrollDepthSum, long engagedMillis) {}
