package dev.footfall.spi;

import java.util.Objects;

/**
 * The counts of one group of one day's events, and the part of them continued from the day before.
 *
 * <p>{@code continued} counts the visitors and sessions of the group that also had an event of the
 * group on the day before, with those sessions' sums. Distinct counts over a run of days are then
 * the sum of the days' counts minus the continued counts of every day but the first: each visitor
 * counts once per run of consecutive days on which it appears. Footfall's own visitor ids live for
 * one day, or two for a visit across midnight, so that is exactly the distinct count; only an id
 * seen on two days that are not adjacent (one the client sent, or a visit longer than a day) would
 * count twice, so {@link RollupStore#recurringVisitors} lists such ids, and reports over their days
 * subtract what they count too often, counted from those ids' own events.
 *
 * @param counts the day's counts; {@code conversions} is 0 (a goal is counted as the visitors of its
 *     event name)
 * @param continued the visitors, visits and session sums carried over from the day before; the
 *     other sums are 0
 * @since 0.1
 */
public record DayCounts(Counts counts, Counts continued) {
  /** No events. */
  public static final DayCounts ZERO = new DayCounts(Counts.ZERO, Counts.ZERO);

  /** Validates the fields. */
  public DayCounts {
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(continued, "continued");
  }
}
