package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a database whose days were rolled up before recurring visitor ids were kept: a day that
 * counted recurring visitors then reports -1 (ids not known), so that reports over it read raw
 * events until it is rolled up again; a day without any keeps 0.
 */
abstract class RecurringIdsUpgradeContract {
  private static final String SITE = "upgraded";
  private static final LocalDate WITH = LocalDate.parse("2026-10-01");
  private static final LocalDate WITHOUT = LocalDate.parse("2026-10-02");
  private TestDatabases.Fresh database;

  /** Returns a fresh database of the kind under test. */
  protected abstract TestDatabases.Fresh newDatabase();

  /** Returns the dialect whose migrations the database runs. */
  protected abstract Dialect dialect();

  /** Returns the last migration version before recurring visitor ids were kept. */
  protected abstract String beforeRecurringIdsVersion();

  @BeforeEach
  void daysRolledUpByAnEarlierVersion() {
    database = newDatabase();
    Flyway.configure()
        .dataSource(database.url(), database.user(), "")
        .locations(dialect().migrations)
        .table("footfall_schema_history")
        .target(beforeRecurringIdsVersion())
        .load()
        .migrate();
    Jdbi.create(database.url(), database.user(), "").useHandle(handle -> {
      for (Map.Entry<LocalDate, Long> day : Map.of(WITH, 3L, WITHOUT, 0L).entrySet()) {
        handle.createUpdate("INSERT INTO daily_stats (site_id, date, pageviews, unique_visitors,"
                + " sessions, bounce_rate, avg_session_duration, desktop_visitors, mobile_visitors,"
                + " tablet_visitors, top_pages, top_referrers, top_countries, top_browsers, top_os,"
                + " recurring_visitors, rolled_up_at) VALUES (:site, :date, 1, 1, 1, 0, 0, 1, 0,"
                + " 0, " + dialect().json("none") + ", " + dialect().json("none") + ", "
                + dialect().json("none") + ", " + dialect().json("none") + ", "
                + dialect().json("none") + ", :recurring, :at)")
            .bind("site", SITE)
            .bind("date", day.getKey())
            .bind("none", "[]")
            .bind("recurring", day.getValue())
            .bind("at", dialect().bind(Instant.parse("2026-10-03T00:00:00Z")))
            .execute();
      }
    });
  }

  @AfterEach
  void drop() {
    database.drop();
  }

  @Test
  void daysWithRecurringVisitorsRolledUpBeforeHaveTheirIdsUnknown() {
    try (JdbiStorage storage = database.open()) {
      assertThat(storage.rollups().rolledUp(SITE, WITH, WITHOUT))
          .containsExactly(Map.entry(WITH, -1L), Map.entry(WITHOUT, 0L));
      assertThat(storage.rollups().recurringVisitors(SITE, WITH, WITHOUT)).isEmpty();
    }
  }
}
