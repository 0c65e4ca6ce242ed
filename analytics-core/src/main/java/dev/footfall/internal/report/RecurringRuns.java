package dev.footfall.internal.report;

import dev.footfall.internal.report.DayAggregator.VisitorRow;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The rows that recurring visitors are counted in, day by day, and how often a sum of those days
 * counts them too often.
 *
 * <p>Why: a sum of days less the continued part of every day but the first (see {@link
 * dev.footfall.spi.DayCounts}) counts a visitor once per run of consecutive days on which it is in
 * a row, where the distinct count is once. Both are sums over visitors, so the excess is the sum,
 * over the visitors with two runs or more, of their runs less one; and every such visitor was on
 * two days that are not adjacent, so one of them lists it among its {@linkplain
 * RollupStore#recurringVisitors recurring visitors}.
 *
 * <p>How: the listed visitors' own events are counted day by day by a {@link DayAggregator}, with
 * the same rules as the days' rollups, which gives each visitor's rows and whether it continued
 * there; {@link #excess} then counts runs and distinct visitors per group. Immutable.
 */
final class RecurringRuns {
  /** No recurring visitors. */
  static final RecurringRuns NONE = new RecurringRuns(new TreeMap<>());

  /** By day, by visitor, the rows it is counted in. */
  private final TreeMap<LocalDate, Map<Long, List<VisitorRow>>> days;

  private RecurringRuns(TreeMap<LocalDate, Map<Long, List<VisitorRow>>> days) {
    this.days = days;
  }

  /**
   * Counts the events of these visitors on these days (and on the day before each, for what
   * continues), read from the store.
   */
  static RecurringRuns read(RollupStore store, String siteId, ZoneId zone,
      Collection<LocalDate> dates, Set<Long> visitorIds) {
    TreeSet<LocalDate> days = new TreeSet<>(dates);
    if (days.isEmpty() || visitorIds.isEmpty()) {
      return NONE;
    }
    Map<LocalDate, DayAggregator> counted = new HashMap<>();
    store.forEachEventOf(siteId, visitorIds,
        days.first().minusDays(1).atStartOfDay(zone).toInstant(),
        days.last().plusDays(1).atStartOfDay(zone).toInstant(), (event, session) -> {
          LocalDate date = LocalDate.ofInstant(event.timestamp(), zone);
          for (LocalDate day : List.of(date, date.plusDays(1))) {
            if (days.contains(day)) {
              counted.computeIfAbsent(day,
                  d -> new DayAggregator(new RollupDay(siteId, d, zone))).add(event, session);
            }
          }
        });
    TreeMap<LocalDate, Map<Long, List<VisitorRow>>> rows = new TreeMap<>();
    counted.forEach((date, aggregator) -> {
      Map<Long, List<VisitorRow>> ofDay = aggregator.visitorRows(visitorIds);
      if (!ofDay.isEmpty()) {
        rows.put(date, ofDay);
      }
    });
    return new RecurringRuns(rows);
  }

  /** Returns these days plus another day's rows, which replace any this day had. */
  RecurringRuns plus(LocalDate date, Map<Long, List<VisitorRow>> rows) {
    TreeMap<LocalDate, Map<Long, List<VisitorRow>>> more = new TreeMap<>(days);
    more.put(date, rows);
    return new RecurringRuns(more);
  }

  /** Returns how many visitor-days the rows hold (a weight for caches). */
  int size() {
    return days.values().stream().mapToInt(Map::size).sum();
  }

  /**
   * Returns, by group, how many visitors too many a sum of the days counts in the rows of a
   * dimension: the runs of days of each visitor in each group, a run broken on every day where
   * {@code continues} does not hold, less one for each visitor in the group. Groups without
   * excess are left out.
   *
   * @param dimension the dimension key of the rows ({@link RollupStore#TOTAL} for the total)
   * @param value the one value whose rows count, or null for all
   * @param group the group of a day's row, by the day and the row's value
   * @param continues whether a day continues the runs of the day before in its group
   */
  <K> Map<K, Long> excess(String dimension, String value, BiFunction<LocalDate, String, K> group,
      Predicate<LocalDate> continues) {
    Map<K, Long> excess = new HashMap<>();
    Set<Map.Entry<Long, K>> counted = new HashSet<>();
    days.forEach((date, visitors) -> {
      boolean continuing = continues.test(date);
      visitors.forEach((visitor, rows) -> {
        for (VisitorRow row : rows) {
          if (!row.dimension().equals(dimension) || value != null && !value.equals(row.value())) {
            continue;
          }
          K key = group.apply(date, row.value());
          // A new run, less one if it is the visitor's first in the group.
          long runs = continuing && row.continued() ? 0 : 1;
          long more = runs - (counted.add(Map.entry(visitor, key)) ? 1 : 0);
          if (more != 0) {
            excess.merge(key, more, Long::sum);
          }
        }
      });
    });
    excess.values().removeIf(n -> n == 0);
    return excess;
  }
}
