package dev.footfall.jdbc;

import java.util.List;

/** Column lists of the event and session tables, in the order the row writers bind them. */
final class Columns {
  static final List<String> EVENT = List.of(
      "site_id", "event_type", "event_name", "hostname", "pathname", "referrer", "referrer_source",
      "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "visitor_id",
      "session_id", "browser", "browser_version", "os", "os_version", "device_type", "country",
      "interactive", "metadata", "timestamp", "revenue_amount", "revenue_currency");

  static final List<String> SESSION = List.of(
      "session_id", "site_id", "visitor_id", "entry_page", "exit_page", "pageviews", "events",
      "duration_seconds", "is_bounce", "referrer", "referrer_source", "utm_source", "utm_medium",
      "utm_campaign", "utm_content", "utm_term", "country", "device_type", "browser", "os",
      "started_at", "last_activity_at", "ended_at", "owner");

  private Columns() {}

  static String list(List<String> columns) {
    return String.join(", ", columns);
  }
}
