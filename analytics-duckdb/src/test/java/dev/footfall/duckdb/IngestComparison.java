package dev.footfall.duckdb;

import dev.footfall.Event;
import dev.footfall.EventType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints how long 100,000 events take to store into an in-memory DuckDB database in batches of
 * 1,000 (the writer's default): through {@link DuckDbStorage#write} (DuckDB's Appender), and
 * through a JDBC batch insert, the way {@code JdbiStorage} writes the other databases. A
 * measurement to read, not a test:
 *
 * <pre>{@code
 * mvn -B -q -o -pl analytics-duckdb -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/footfall-duckdb.classpath
 * java -cp "analytics-duckdb/target/test-classes:analytics-duckdb/target/classes:$(cat \
 *     /tmp/footfall-duckdb.classpath)" dev.footfall.duckdb.IngestComparison
 * }</pre>
 */
final class IngestComparison {
  private static final int EVENTS = 100_000;
  private static final int BATCH = 1_000;
  private static final String INSERT = "INSERT INTO event (site_id, event_type, event_name,"
      + " hostname, pathname, referrer, referrer_source, utm_source, utm_medium, utm_campaign,"
      + " utm_content, utm_term, visitor_id, session_id, browser, browser_version, os, os_version,"
      + " device_type, country, interactive, metadata, timestamp)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private IngestComparison() {}

  public static void main(String[] args) throws Exception {
    List<Event> events = events();
    for (int round = 1; round <= 2; round++) {
      System.out.printf("round %d: appender %,d ms, JDBC batch %,d ms for %,d events%n", round,
          appender(events), jdbcBatch(events), EVENTS);
    }
  }

  private static long appender(List<Event> events) {
    try (DuckDbStorage storage = DuckDbStorage.inMemory()) {
      long start = System.nanoTime();
      for (int i = 0; i < events.size(); i += BATCH) {
        storage.write(events.subList(i, i + BATCH), List.of());
      }
      return (System.nanoTime() - start) / 1_000_000;
    }
  }

  private static long jdbcBatch(List<Event> events) throws SQLException {
    try (DuckDbStorage storage = DuckDbStorage.inMemory()) {
      long start = System.nanoTime();
      for (int i = 0; i < events.size(); i += BATCH) {
        List<Event> batch = events.subList(i, i + BATCH);
        storage.jdbi().useTransaction(handle -> insert(handle.getConnection(), batch));
      }
      return (System.nanoTime() - start) / 1_000_000;
    }
  }

  private static void insert(Connection connection, List<Event> batch) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (Event e : batch) {
        int i = 1;
        for (String value : List.of(e.siteId(), e.type().wireName(), e.name(), e.hostname(),
            e.pathname(), e.referrer(), e.referrerSource(), e.utm().source(), e.utm().medium(),
            e.utm().campaign(), e.utm().content(), e.utm().term())) {
          insert.setString(i++, value);
        }
        insert.setLong(i++, e.visitorId());
        insert.setLong(i++, e.sessionId());
        for (String value : List.of(e.browser(), e.browserVersion(), e.os(), e.osVersion(),
            e.deviceType(), e.country())) {
          insert.setString(i++, value);
        }
        insert.setBoolean(i++, e.interactive());
        insert.setString(i++, e.props().isEmpty() ? "{}" : "{\"plan\":\"pro\"}");
        insert.setObject(i, LocalDateTime.ofInstant(e.timestamp(), ZoneOffset.UTC));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static List<Event> events() {
    String[] pages = {"/", "/pricing", "/docs", "/blog/one", "/about"};
    String[] countries = {"DE", "US", "FR", "", "JP"};
    Instant start = Instant.parse("2026-11-01T00:00:00Z");
    List<Event> events = new ArrayList<>(EVENTS);
    for (int i = 0; i < EVENTS; i++) {
      boolean custom = i % 7 == 0;
      EventType type = custom ? EventType.CUSTOM_EVENT : EventType.PAGEVIEW;
      Event.Builder event = Event.builder("site", type)
          .pathname(pages[i % pages.length])
          .hostname("site.example")
          .referrer(i % 3 == 0 ? "google.com" : "")
          .visitorId(i / 4)
          .sessionId(i / 3)
          .browser("Chrome")
          .browserVersion("131")
          .os("Windows")
          .osVersion("10")
          .deviceType("desktop")
          .country(countries[i % countries.length])
          .timestamp(start.plusSeconds(i * 3L));
      if (custom) {
        event.name("Signup").props(Map.of("plan", "pro"));
      }
      events.add(event.build());
    }
    return events;
  }
}
