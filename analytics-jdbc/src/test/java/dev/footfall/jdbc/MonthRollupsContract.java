package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Dimension;
import dev.footfall.Site;
import dev.footfall.spi.Counts;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.DayRollup;
import dev.footfall.spi.RollupDay;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Month rollups on each database: upgrading one whose days were rolled up before month rollups
 * existed computes the month rows of those days, so that sums over ranges with whole months (read
 * from month rows) equal the sums of the day rows; replacing days, one after the other or at the
 * same time, keeps it so.
 */
abstract class MonthRollupsContract {
  private static final String SITE = "upgraded";
  private static final List<String[]> RANGES = List.of(
      new String[] {"2026-09-30", "2026-11-01"}, new String[] {"2026-10-01", "2026-10-31"},
      new String[] {"2026-09-01", "2026-11-30"}, new String[] {"2026-10-02", "2026-11-01"});

  /** One page's day rows: each day's counts (every sum the same) and its continued part. */
  private final Map<LocalDate, long[]> days = new TreeMap<>(Map.of(
      LocalDate.parse("2026-09-30"), new long[] {5, 3},
      LocalDate.parse("2026-10-01"), new long[] {4, 2},
      LocalDate.parse("2026-10-02"), new long[] {3, 1},
      LocalDate.parse("2026-10-31"), new long[] {6, 0},
      LocalDate.parse("2026-11-01"), new long[] {2, 1}));
  private TestDatabases.Fresh database;

  /** Returns a fresh database of the kind under test. */
  protected abstract TestDatabases.Fresh newDatabase();

  /** Returns the dialect whose migrations the database runs. */
  protected abstract Dialect dialect();

  /** Returns the last migration version before month rollups. */
  protected abstract String dayRollupsVersion();

  @BeforeEach
  void dayRollupsOfAnEarlierVersion() throws SQLException {
    database = newDatabase();
    Flyway.configure()
        .dataSource(database.url(), database.user(), "")
        .locations(dialect().migrations)
        .table("footfall_schema_history")
        .target(dayRollupsVersion())
        .load()
        .migrate();
    try (Connection connection = DriverManager.getConnection(database.url(), database.user(), "");
        PreparedStatement insert = connection.prepareStatement("INSERT INTO daily_rollup"
            + " VALUES (?, ?, ?, '/docs', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<LocalDate, long[]> day : days.entrySet()) {
        insert.setString(1, SITE);
        insert.setLong(2, day.getKey().toEpochDay());
        insert.setString(3, Dimension.PAGE.key());
        for (int column = 4; column <= 11; column++) {
          insert.setLong(column, day.getValue()[0]);
        }
        for (int column = 12; column <= 17; column++) {
          insert.setLong(column, day.getValue()[1]);
        }
        insert.executeUpdate();
      }
    }
  }

  @AfterEach
  void drop() {
    database.drop();
  }

  @Test
  void monthRowsAreComputedForDaysRolledUpBefore() {
    try (JdbiStorage storage = database.open()) {
      assertSumsOfDays(storage);
    }
  }

  @Test
  void wholeMonthsAreReadFromMonthRows() {
    try (JdbiStorage storage = database.open()) {
      // Day rows changed behind the store's back show only in sums that read day rows.
      storage.jdbi().useHandle(handle -> handle.createUpdate("UPDATE daily_rollup"
              + " SET pageviews = pageviews + 1000 WHERE epoch_day = :day")
          .bind("day", LocalDate.parse("2026-10-02").toEpochDay())
          .execute());

      assertThat(pageviews(storage, "2026-10-01", "2026-10-31")).isEqualTo(13);
      assertThat(pageviews(storage, "2026-09-01", "2026-11-30")).isEqualTo(20);
      assertThat(pageviews(storage, "2026-10-02", "2026-10-31")).isEqualTo(1009);
    }
  }

  @Test
  void replacingADayRecomputesItsMonth() {
    try (JdbiStorage storage = database.open()) {
      storage.sites().save(Site.of(SITE, "upgraded.example", ZoneOffset.UTC, "", Instant.EPOCH));
      for (String day : List.of("2026-10-01", "2026-10-31")) {
        LocalDate date = LocalDate.parse(day);
        days.put(date, new long[] {9, 4});
        storage.rollups().replace(new DayRollup(new RollupDay(SITE, date, ZoneOffset.UTC),
            Map.of(Dimension.PAGE.key(), Map.of("/docs", new DayCounts(all(9), all(4)))), Set.of()));
        assertSumsOfDays(storage);
      }
    }
  }

  @Test
  void concurrentReplacesOfDaysOfOneMonthKeepOneMonthRow() throws Exception {
    try (JdbiStorage storage = database.open()) {
      storage.sites().save(Site.of(SITE, "upgraded.example", ZoneOffset.UTC, "", Instant.EPOCH));
      days.put(LocalDate.parse("2026-10-01"), new long[] {9, 4});
      days.put(LocalDate.parse("2026-10-02"), new long[] {7, 2});
      AtomicLong mostMonthRows = new AtomicLong();
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> runs = new ArrayList<>();
        for (String day : List.of("2026-10-01", "2026-10-02")) {
          LocalDate date = LocalDate.parse(day);
          long[] counts = days.get(date);
          DayRollup rollup = new DayRollup(new RollupDay(SITE, date, ZoneOffset.UTC), Map.of(
              Dimension.PAGE.key(), Map.of("/docs", new DayCounts(all(counts[0]),
                  all(counts[1])))), Set.of());
          runs.add(threads.submit(() -> {
            for (int i = 0; i < 100; i++) {
              storage.rollups().replace(rollup);
              mostMonthRows.accumulateAndGet(monthRows(storage), Math::max);
            }
          }));
        }
        for (Future<?> run : runs) {
          run.get(5, TimeUnit.MINUTES);
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(mostMonthRows).hasValue(1);
      assertSumsOfDays(storage);
    }
  }

  /** Returns how many rows October has for the page. */
  private static long monthRows(JdbiStorage storage) {
    return storage.jdbi().withHandle(handle -> handle.createQuery(
            "SELECT COUNT(*) FROM monthly_rollup WHERE site_id = :site AND epoch_day = :month")
        .bind("site", SITE)
        .bind("month", LocalDate.parse("2026-10-01").toEpochDay())
        .mapTo(Long.class)
        .one());
  }

  private static long pageviews(JdbiStorage storage, String from, String to) {
    return storage.rollups().sum(SITE, LocalDate.parse(from), LocalDate.parse(to), Dimension.PAGE,
        null).get("/docs").pageviews();
  }

  private void assertSumsOfDays(JdbiStorage storage) {
    for (String[] range : RANGES) {
      LocalDate from = LocalDate.parse(range[0]);
      LocalDate to = LocalDate.parse(range[1]);
      Map<String, Counts> sums = storage.rollups().sum(SITE, from, to, Dimension.PAGE, null);
      assertThat(sums.get("/docs")).as("%s to %s", from, to)
          .usingRecursiveComparison().isEqualTo(daySum(from, to));
    }
  }

  /** The sum of the day rows: all counts, less the continued part of every day but the first. */
  private Counts daySum(LocalDate from, LocalDate to) {
    long counts = 0;
    long continued = 0;
    for (Map.Entry<LocalDate, long[]> day : days.entrySet()) {
      if (!day.getKey().isBefore(from) && !day.getKey().isAfter(to)) {
        counts += day.getValue()[0];
        continued += day.getKey().isAfter(from) ? day.getValue()[1] : 0;
      }
    }
    return all(counts - continued).toBuilder().pageviews(counts).events(counts).build();
  }

  /** Returns counts with every sum (but conversions, which rollups do not keep) {@code n}. */
  private static Counts all(long n) {
    return Counts.builder().pageviews(n).events(n).visitors(n).visits(n).sessions(n)
        .sessionPageviews(n).bounces(n).durationSeconds(n).build();
  }
}
