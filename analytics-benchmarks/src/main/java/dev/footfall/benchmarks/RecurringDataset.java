package dev.footfall.benchmarks;

import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.Job;
import dev.footfall.JobRun;
import dev.footfall.Session;
import dev.footfall.Site;
import dev.footfall.jdbc.JdbiStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The dataset of imported history: {@value #EVENTS} events of one Berlin site over the {@value
 * #DAYS} days up to {@link YearDataset#NOW}, in visits of 1 to 8 events whose visitors send their
 * own stable ids (as an import of another tool's history has): {@value #RETURNING_PERCENT} % of
 * visits are by one of {@value #RETURNING} returning visitors, picked with Zipf weights (the first
 * returns on most days, the last a few times), the others by a visitor seen once. Events and their
 * sessions are written straight to an H2 file, then the complete days are rolled up by the {@code
 * rollup} job. Built afresh by every run (a few seconds), so that the rollups are this version's.
 */
final class RecurringDataset {
  static final int EVENTS = 16_500;
  static final int DAYS = 100;
  static final int RETURNING = 500;
  static final int RETURNING_PERCENT = 30;

  private RecurringDataset() {}

  /** Builds the dataset in {@code directory}, replacing any there, and prints what it holds. */
  static void build(Path directory) throws Exception {
    Files.createDirectories(directory);
    Files.deleteIfExists(directory.resolve("footfall.mv.db"));
    SplittableRandom random = new SplittableRandom(16_500);
    double[] zipf = zipf(RETURNING);
    List<Event> events = new ArrayList<>();
    List<Session> sessions = new ArrayList<>();
    Instant first = YearDataset.TODAY.minusDays(DAYS - 1).atStartOfDay(YearDataset.ZONE)
        .toInstant();
    int once = 0;
    int returningVisits = 0;
    try (JdbiStorage storage = JdbiStorage.pooled(url(directory), "", "")) {
      storage.sites().save(Site.of(SampleTraffic.SITE, SampleTraffic.DOMAIN, YearDataset.ZONE,
          "", Instant.EPOCH));
      for (int day = 0; day < DAYS; day++) {
        Instant dayStart = first.plus(Duration.ofDays(day));
        long window = Math.min(86_400,
            Duration.between(dayStart, YearDataset.NOW).toSeconds() - 3_600);
        int target = (int) ((long) EVENTS * (day + 1) / DAYS);
        while (events.size() < target) {
          int length = Math.min(1 + random.nextInt(8), target - events.size());
          int visitor;
          String client;
          if (random.nextInt(100) < RETURNING_PERCENT) {
            int rank = Arrays.binarySearch(zipf, random.nextDouble());
            visitor = rank < 0 ? -rank - 1 : rank;
            client = "returning-" + visitor;
            returningVisits++;
          } else {
            visitor = RETURNING + once++;
            client = "once-" + visitor;
          }
          sessions.add(YearDataset.visit(random, visitor, client.hashCode() * 31L + visitor,
              dayStart.plusSeconds(random.nextLong(window)), length, events));
        }
      }
      storage.write(events, sessions);
    }
    try (Analytics analytics = open(directory, true)) {
      JobRun run = analytics.jobs().run(Job.ROLLUP);
      Map<LocalDate, Long> rolledUp = analytics.storage().rollups().rolledUp(
          SampleTraffic.SITE, YearDataset.TODAY.minusDays(DAYS), YearDataset.TODAY);
      System.out.printf("%,d events, %,d visits (%,d by returning visitors, %,d by one-time"
              + " visitors); %s: %d of %d days with recurring visitors, %,d listed in all%n",
          events.size(), sessions.size(), returningVisits, once, run.summary(),
          rolledUp.values().stream().filter(n -> n > 0).count(), rolledUp.size(),
          rolledUp.values().stream().mapToLong(Long::longValue).sum());
    }
  }

  /** Opens the dataset built in {@code directory}. */
  static Analytics open(Path directory, boolean reportsFromRollups) {
    return Analytics.builder().storage(JdbiStorage.pooled(url(directory), "", ""))
        .clock(Clock.fixed(YearDataset.NOW, ZoneOffset.UTC))
        .retention(Duration.ofDays(DAYS + 30)).reportsFromRollups(reportsFromRollups).build();
  }

  private static String url(Path directory) {
    // As YearDataset: no answers from H2's cache of repeated queries.
    return "jdbc:h2:file:" + directory.resolve("footfall").toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE;OPTIMIZE_REUSE_RESULTS=FALSE";
  }

  /** Returns the cumulative Zipf probabilities (exponent 1) of ranks 0 to {@code n - 1}. */
  private static double[] zipf(int n) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1.0 / (k + 1);
      cumulative[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cumulative[k] /= sum;
    }
    return cumulative;
  }
}
