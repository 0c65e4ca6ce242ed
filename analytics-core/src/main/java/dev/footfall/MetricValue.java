package dev.footfall;

/**
 * A metric's value in a period and, when compared, in the previous period.
 *
 * @param value the value: a {@code Long}, or a {@code Double} for views per visit and conversion
 *     rate
 * @param previous the previous period's value, or {@code null} when not compared
 * @param change the percentage change from {@code previous} to {@code value}, rounded; {@code null}
 *     when not compared or when {@code previous} is 0
 * @since 0.1
 */
public record MetricValue(Number value, Number previous, Long change) {}
