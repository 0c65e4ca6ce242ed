package dev.footfall.internal.report;

import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.Counts;
import dev.footfall.spi.ImportStore;
import dev.footfall.spi.Selection;
import dev.footfall.spi.StoredImport;
import dev.footfall.spi.TimeBuckets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the imported counts that a report adds: those of the days of its range that the site has
 * imports of and no events of its own (a day with any event counts natively only, so the two never
 * add up twice). Thread-safe.
 */
public final class ImportedCounts {
  private final ImportStore store;
  private final AggregateStore aggregates;

  /**
   * @param store the storage's import store, or null if it stores none
   * @param aggregates counts the site's own events, to find the days that have some
   */
  public ImportedCounts(ImportStore store, AggregateStore aggregates) {
    this.store = store;
    this.aggregates = aggregates;
  }

  /** Returns the first day of the site's earliest import, or empty without imports. */
  public Optional<LocalDate> firstDay(String siteId) {
    return store == null ? Optional.empty() : store.list(siteId).stream()
        .map(StoredImport::firstDay).min(LocalDate::compareTo);
  }

  /**
   * Returns the days from {@code from} to {@code to} whose imported counts a report adds, or
   * empty if the site has no import touching them (a range whose every imported day has events of
   * its own gives no days, not empty).
   */
  public Optional<Days> days(String siteId, ZoneId zone, LocalDate from, LocalDate to) {
    if (store == null) {
      return Optional.empty();
    }
    LocalDate first = null;
    LocalDate last = null;
    for (StoredImport stored : store.list(siteId)) {
      if (stored.lastDay().isBefore(from) || stored.firstDay().isAfter(to)) {
        continue;
      }
      LocalDate start = stored.firstDay().isBefore(from) ? from : stored.firstDay();
      LocalDate end = stored.lastDay().isAfter(to) ? to : stored.lastDay();
      first = first == null || start.isBefore(first) ? start : first;
      last = last == null || end.isAfter(last) ? end : last;
    }
    if (first == null) {
      return Optional.empty();
    }
    Map<Long, Counts> own = aggregates.timeseries(Selection.builder(siteId,
        first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant())
        .build(), new TimeBuckets(TimeBuckets.Unit.DAY, zone));
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      Counts counts = own.get(day.toEpochDay());
      if (counts == null || (counts.events() == 0 && counts.visits() == 0)) {
        days.add(day);
      }
    }
    return Optional.of(new Days(List.copyOf(days)));
  }

  /** Returns the imported counts of these days, of a dimension's rows (of one value, or all). */
  public Counts total(String siteId, Days days, String dimension, String value) {
    Counts total = Counts.ZERO;
    for (Counts counts : byDay(siteId, days, dimension, value).values()) {
      total = total.plus(counts);
    }
    return total;
  }

  /** Returns the imported counts of these days by day, of a dimension's rows. */
  public Map<LocalDate, Counts> byDay(String siteId, Days days, String dimension, String value) {
    if (days.days().isEmpty()) {
      return Map.of();
    }
    Map<LocalDate, Counts> byDay = new HashMap<>(store.sumByDay(siteId, days.days().get(0),
        days.days().get(days.days().size() - 1), dimension, value));
    byDay.keySet().retainAll(new HashSet<>(days.days()));
    return byDay;
  }

  /** Returns the imported counts of these days by value, of a dimension's rows. */
  public Map<String, Counts> byValue(String siteId, Days days, String dimension, String value) {
    Map<String, Counts> byValue = new HashMap<>();
    for (LocalDate[] run : days.runs()) {
      store.sum(siteId, run[0], run[1], dimension, value)
          .forEach((v, counts) -> byValue.merge(v, counts, Counts::plus));
    }
    return byValue;
  }

  /**
   * The days whose imported counts a report adds.
   *
   * @param days in order
   */
  public record Days(List<LocalDate> days) {
    /** Returns the days as runs of consecutive days, each its first and last day. */
    List<LocalDate[]> runs() {
      List<LocalDate[]> runs = new ArrayList<>();
      for (LocalDate day : days) {
        LocalDate[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (last != null && last[1].plusDays(1).equals(day)) {
          last[1] = day;
        } else {
          runs.add(new LocalDate[] {day, day});
        }
      }
      return runs;
    }
  }
}
