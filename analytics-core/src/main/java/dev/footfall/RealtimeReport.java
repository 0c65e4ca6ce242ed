package dev.footfall;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What is happening now.
 *
 * @param siteId the site
 * @param currentVisitors distinct visitors with an event in the last 5 minutes
 * @param pageviewsByMinute pageviews in each of the last 30 minutes (the current one included),
 *     oldest first, in the site's local time
 * @since 0.1
 */
public record RealtimeReport(String siteId, long currentVisitors,
    List<MinutePageviews> pageviewsByMinute) {

  /** Copies the minutes. */
  public RealtimeReport {
    pageviewsByMinute = List.copyOf(pageviewsByMinute);
  }

  /**
   * Pageviews in one minute.
   *
   * @param minute the minute's start, local time
   * @param pageviews pageviews in it
   */
  public record MinutePageviews(LocalDateTime minute, long pageviews) {}
}
