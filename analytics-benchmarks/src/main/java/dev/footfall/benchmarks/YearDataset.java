package dev.footfall.benchmarks;

import dev.footfall.Analytics;
import dev.footfall.Job;
import dev.footfall.JobRun;
import dev.footfall.Site;
import dev.footfall.Utm;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Session;
import dev.footfall.duckdb.DuckDbStorage;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.spi.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The rollup benchmark's dataset: {@value #EVENTS} events of one Berlin site over the 365 days up
 * to {@link #NOW} (13:00 local time; today's visits start before noon), in visits of 1 to 8 events
 * by about 12,000 visitors a day, with every complete day rolled up. The events and their finished sessions
 * are written straight to the storage in batches (through the pipeline, the session upserts grew
 * the H2 file past 28 GB in its first 9 minutes). A visitor's id changes every UTC day, as the daily
 * salt's does. Built once, then reused while the file holds the full count.
 *
 * <p>{@link #openDuck} writes the same events and sessions (same generator, same seed) into a
 * DuckDB file, and rolls it up the same way.
 */
final class YearDataset {
  static final int EVENTS = 10_000_000;
  /** Requests of {@link #liveTraffic}: a minute's worth at this dataset's 27k events a day. */
  static final int LIVE_REQUESTS = 20;
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  /** The local day of {@link #NOW}: not rolled up, counted from raw events. */
  static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZONE);
  private static final int DAYS = 365;
  private static final int VISITORS_PER_DAY = 12_000;
  private static final String[] COUNTRIES = {"DE", "US", "FR", "GB", "NL", "IN", "BR", "JP", ""};
  private static final String[][] SOURCES = {{"", ""}, {"", ""}, {"", ""},
      {"google.com", "Google"}, {"news.ycombinator.com/item", "Hacker News"},
      {"t.co/xyz", "X (Twitter)"}, {"bing.com/search", "Bing"}, {"github.com/footfall", "GitHub"},
      {"blog.example/post/1", "blog.example"}};
  /** Device type, browser and OS of a client. */
  private static final String[][] CLIENTS = {{"desktop", "Chrome", "Windows"},
      {"desktop", "Firefox", "Linux"}, {"mobile", "Safari", "iOS"}, {"mobile", "Chrome", "Android"},
      {"tablet", "Safari", "iPadOS"}, {"desktop", "Safari", "macOS"}};

  private YearDataset() {}

  /**
   * Builds the dataset if it is missing or incomplete, and exits; the benchmarks then open it. The
   * same properties as {@link DashboardBenchmark}'s choose where; {@code
   * -Dfootfall.yearDuck=<file>} builds it in a DuckDB file instead ({@link #openDuck}).
   */
  public static void main(String[] args) throws Exception {
    String duck = System.getProperty("footfall.yearDuck", "");
    if (!duck.isEmpty()) {
      openDuck(Path.of(duck), true).close();
      return;
    }
    open(System.getProperty("footfall.yearDb", ""),
        Path.of(System.getProperty("footfall.yearData", "target/year-benchmark")), true).close();
  }

  /**
   * Opens the dataset at a JDBC URL (its schema must hold only Footfall's tables), or in an H2 file
   * in {@code directory} if the URL is empty, building it first if it is missing or incomplete.
   */
  static Analytics open(String jdbcUrl, Path directory, boolean reportsFromRollups)
      throws Exception {
    String url = !jdbcUrl.isEmpty() ? jdbcUrl : "jdbc:h2:file:"
        + directory.resolve("footfall").toAbsolutePath()
        // H2 would otherwise answer a repeated identical query from a cache while no table
        // changes, which is not what a dashboard over live data sees.
        + ";DB_CLOSE_ON_EXIT=FALSE;OPTIMIZE_REUSE_RESULTS=FALSE";
    LocalDate first = TODAY.minusDays(DAYS - 1);
    try (JdbiStorage storage = JdbiStorage.pooled(url, "", "")) {
      // Under the fixed clock a lease never expires: drop one left by a killed earlier run.
      storage.jdbi().useHandle(handle -> handle.execute("DELETE FROM job_lease"));
    }
    Analytics analytics = analytics(url, reportsFromRollups);
    long stored = analytics.storage().events().count(SampleTraffic.SITE, Instant.EPOCH, NOW);
    long rolledUp = analytics.storage().rollups().rolledUp(SampleTraffic.SITE, first,
        TODAY.minusDays(1)).size();
    if (stored == EVENTS && rolledUp == DAYS - 1) {
      return analytics;
    }
    if (stored != EVENTS) {
      analytics.close();
      long start = System.nanoTime();
      try (JdbiStorage storage = JdbiStorage.pooled(url, "", "")) {
        rewrite(storage, storage.jdbi());
        if (url.startsWith("jdbc:postgresql:")) {
          // Statistics of the new rows, as autovacuum gathers them on a server that runs it (the
          // test servers here do not); without them PostgreSQL plans the rollups' lookups by
          // visitor as scans of the whole year.
          storage.jdbi().useHandle(handle -> handle.execute("ANALYZE"));
        }
      }
      System.out.printf("wrote %,d events in %d s%n", EVENTS,
          Duration.ofNanos(System.nanoTime() - start).toSeconds());
      analytics = analytics(url, reportsFromRollups);
    }
    return rolledUp(analytics);
  }

  /**
   * Rolls up every complete day of the year that is not rolled up yet, through the rollup job, whose
   * lease keeps the scheduled run (a minute after start-up) out; returns {@code analytics}.
   */
  private static Analytics rolledUp(Analytics analytics) throws InterruptedException {
    LocalDate first = TODAY.minusDays(DAYS - 1);
    long start = System.nanoTime();
    JobRun run = analytics.jobs().run(Job.ROLLUP);
    while (!run.ran()) { // the scheduled run has the lease: wait for it, then catch up
      Thread.sleep(10_000);
      run = analytics.jobs().run(Job.ROLLUP);
    }
    System.out.printf("%s in %d s%n", run.summary(),
        Duration.ofNanos(System.nanoTime() - start).toSeconds());
    if (analytics.storage().rollups().rolledUp(SampleTraffic.SITE, first, TODAY.minusDays(1))
        .size() != DAYS - 1) {
      analytics.close();
      throw new IllegalStateException("the year is not rolled up: " + run.summary());
    }
    return analytics;
  }

  /**
   * Opens the dataset in the DuckDB file {@code file}, writing it first if it does not hold the
   * full count (the same events and sessions as {@link #open}'s, through {@link
   * DuckDbStorage#write}, then a {@code CHECKPOINT}) and rolling up every day that is not, as
   * {@link #open} does. With {@code reportsFromRollups} false, every report is counted from the
   * raw events.
   */
  static Analytics openDuck(Path file, boolean reportsFromRollups) throws InterruptedException {
    DuckDbStorage storage = DuckDbStorage.open(file);
    Analytics analytics;
    try {
      // Under the fixed clock a lease never expires: drop one left by a killed earlier run.
      storage.jdbi().useHandle(handle -> handle.execute("DELETE FROM job_lease"));
      long stored = storage.events().count(SampleTraffic.SITE, Instant.EPOCH, NOW);
      if (stored != EVENTS) {
        long start = System.nanoTime();
        rewrite(storage, storage.jdbi());
        long written = System.nanoTime();
        storage.jdbi().useHandle(handle -> handle.execute("CHECKPOINT"));
        System.out.printf("wrote %,d events in %d s (then CHECKPOINT in %d s)%n", EVENTS,
            Duration.ofNanos(written - start).toSeconds(),
            Duration.ofNanos(System.nanoTime() - written).toSeconds());
      }
      logSlowSql(storage.jdbi());
      analytics = Analytics.builder().storage(storage).clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .retention(Duration.ofDays(DAYS + 30)).reportsFromRollups(reportsFromRollups).build();
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
    if (storage.rollups().rolledUp(SampleTraffic.SITE, TODAY.minusDays(DAYS - 1),
        TODAY.minusDays(1)).size() == DAYS - 1) {
      return analytics;
    }
    return rolledUp(analytics);
  }

  /**
   * With {@code -Dfootfall.slowSql=<ms>}, prints every statement that took longer than that to
   * execute, with its bound values (to find which query of a report is slow).
   */
  static void logSlowSql(Jdbi jdbi) {
    Long threshold = Long.getLong("footfall.slowSql");
    if (threshold != null) {
      jdbi.setSqlLogger(new SqlLogger() {
        @Override
        public void logAfterExecution(StatementContext context) {
          long millis = Duration.between(context.getExecutionMoment(),
              context.getCompletionMoment()).toMillis();
          if (millis > threshold) {
            System.out.printf("slow SQL, %d ms: %s with %s%n", millis,
                context.getRenderedSql(), context.getBinding());
          }
        }
      });
    }
  }

  /**
   * Tracks {@value #LIVE_REQUESTS} requests through the tracker and waits until they are stored:
   * the traffic such a site gets in about a minute, between two views of its dashboard. Their
   * events are timed {@link #NOW}, today, which the check for a complete dataset leaves out.
   */
  static void liveTraffic(Analytics analytics, long seed) {
    SampleTraffic.requests(LIVE_REQUESTS, 1_000, seed).forEach(analytics.tracker()::track);
    if (!analytics.flush(Duration.ofSeconds(30))) {
      throw new IllegalStateException("live traffic was not stored within 30 s");
    }
  }

  private static Analytics analytics(String url, boolean reportsFromRollups) {
    JdbiStorage storage = JdbiStorage.pooled(url, "", "");
    logSlowSql(storage.jdbi());
    return Analytics.builder().storage(storage)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).retention(Duration.ofDays(DAYS + 30))
        .reportsFromRollups(reportsFromRollups).build();
  }

  /** Deletes whatever the store holds and writes the year's site, events and sessions anew. */
  private static void rewrite(Storage storage, Jdbi jdbi) {
    jdbi.useHandle(handle -> {
      for (String table : List.of("event", "session", "daily_rollup", "monthly_rollup",
          "daily_stats", "recurring_visitor", "site")) {
        handle.execute("DELETE FROM " + table);
      }
    });
    storage.sites().save(Site.of(SampleTraffic.SITE, SampleTraffic.DOMAIN, ZONE, "",
        Instant.EPOCH));
    write(storage, TODAY.minusDays(DAYS - 1).atStartOfDay(ZONE).toInstant(),
        new SplittableRandom(10_000_000));
  }

  /** Writes the year's visits, day by day, in batches of about 5,000 events. */
  private static void write(Storage storage, Instant from, SplittableRandom random) {
    List<Event> events = new ArrayList<>();
    List<Session> sessions = new ArrayList<>();
    long perDay = EVENTS / DAYS;
    long written = 0;
    for (int day = 0; day < DAYS; day++) {
      Instant dayStart = from.plus(Duration.ofDays(day));
      long target = day == DAYS - 1 ? EVENTS : written + perDay;
      long window = Math.min(86_400, Duration.between(dayStart, NOW).toSeconds() - 3_600);
      while (written < target) {
        int length = (int) Math.min(1 + random.nextInt(8), target - written);
        Instant at = dayStart.plusSeconds(random.nextLong(window));
        int visitor = random.nextInt(VISITORS_PER_DAY);
        long visitorId = ("v" + visitor + "-" + LocalDate.ofInstant(at, ZoneOffset.UTC))
            .hashCode() * 31L + visitor;
        sessions.add(visit(random, visitor, visitorId, at, length, events));
        written += length;
        if (events.size() >= 5_000) {
          storage.write(events, sessions);
          events.clear();
          sessions.clear();
        }
      }
    }
    storage.write(events, sessions);
  }

  /**
   * Adds one visit's events starting {@code at} by a visitor ({@code visitor} picks its client and
   * country) with the given id, and returns its session, finished unless it is within 30 minutes
   * of {@link #NOW}.
   */
  static Session visit(SplittableRandom random, int visitor, long visitorId, Instant at,
      int length, List<Event> events) {
    long sessionId = random.nextLong();
    String[] client = CLIENTS[visitor % CLIENTS.length];
    String country = COUNTRIES[visitor % COUNTRIES.length];
    String[] source = SOURCES[random.nextInt(SOURCES.length)];
    Utm utm = random.nextInt(20) == 0
        ? new Utm("newsletter", "", "launch", "", "") : Utm.NONE;
    Instant first = at;
    String entry = null;
    String exit = "";
    int pageviews = 0;
    boolean interacted = false;
    for (int i = 0; i < length; i++) {
      String path = "/docs/page-" + random.nextInt(200);
      boolean custom = random.nextInt(10) == 0;
      Event.Builder event = Event.builder(SampleTraffic.SITE,
              custom ? EventType.CUSTOM_EVENT : EventType.PAGEVIEW)
          .name(custom ? "Signup" : "pageview").hostname(SampleTraffic.DOMAIN).pathname(path)
          .referrer(source[0]).referrerSource(utm == Utm.NONE ? source[1] : "newsletter")
          .utm(utm).visitorId(visitorId).sessionId(sessionId).browser(client[1])
          .browserVersion("131").os(client[2]).osVersion("").deviceType(client[0])
          .country(country).interactive(true).timestamp(at);
      if (custom) {
        event.props(Map.of("plan", random.nextBoolean() ? "pro" : "free"));
        interacted = true;
      } else {
        entry = entry == null ? path : entry;
        exit = path;
        pageviews++;
      }
      events.add(event.build());
      if (i < length - 1) {
        at = at.plusSeconds(20 + random.nextInt(280));
      }
    }
    boolean bounce = pageviews < 2 && !interacted;
    Instant last = at;
    return Session.builder(SampleTraffic.SITE, sessionId, visitorId)
        .entryPage(entry == null ? "" : entry).exitPage(exit).pageviews(pageviews).events(length)
        .bounce(bounce).referrer(source[0])
        .referrerSource(utm == Utm.NONE ? source[1] : "newsletter").utm(utm).country(country)
        .deviceType(client[0]).browser(client[1]).os(client[2]).startedAt(first)
        .lastActivityAt(last).endedAt(last.isBefore(NOW.minus(Duration.ofMinutes(30))) ? last : null)
        .build();
  }
}
