package dev.footfall.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rollup of one day: its events counted in total and by the value of every dimension rollups
 * keep.
 *
 * @param day the day
 * @param rows by dimension key ({@link RollupStore#TOTAL} for all events, else {@link
 *     dev.footfall.Dimension#key()}), the counts by value ({@code ""} for the total row)
 * @param recurringVisitors the ids of the day's {@linkplain RollupStore#recurringVisitors recurring
 *     visitors}
 * @since 0.1
 */
public record DayRollup(RollupDay day, Map<String, Map<String, DayCounts>> rows,
    Set<Long> recurringVisitors) {

  /** Validates and copies the fields. */
  public DayRollup {
    Objects.requireNonNull(day, "day");
    rows = rows.entrySet().stream().collect(Collectors.toUnmodifiableMap(
        Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
    recurringVisitors = Set.copyOf(recurringVisitors);
  }

  /** Returns the day's counts of all events. */
  public Counts total() {
    return rows.getOrDefault(RollupStore.TOTAL, Map.of()).getOrDefault("", DayCounts.ZERO).counts();
  }
}
