package dev.footfall.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** SQL that turns a local epoch day into the key of its week or month bucket. */
final class DayBuckets {
  private DayBuckets() {}

  /** Returns the epoch day of the Monday of the day's week (epoch day 0 was a Thursday). */
  static String week(String day) {
    return "(" + day + " - MOD(" + day + " + 3, 7))";
  }

  /**
   * Returns the epoch day of the 1st of the day's month, found by comparing with the month starts
   * of the range (ascending), so that no date function of the database is needed.
   */
  static String month(String day, List<Long> monthStarts) {
    if (monthStarts.size() == 1) {
      return monthStarts.get(0).toString();
    }
    List<Long> descending = new ArrayList<>(monthStarts);
    Collections.reverse(descending);
    StringBuilder sql = new StringBuilder("CASE");
    for (long start : descending.subList(0, descending.size() - 1)) {
      sql.append(" WHEN ").append(day).append(" >= ").append(start).append(" THEN ").append(start);
    }
    return sql.append(" ELSE ").append(descending.get(descending.size() - 1)).append(" END")
        .toString();
  }
}
