package dev.footfall.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.footfall.Analytics;
import dev.footfall.servlet.AnalyticsHandler;
import dev.footfall.servlet.HttpSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The dashboard set (overview with comparison, timeseries, pages, sources, countries, devices)
 * over {@link YearDataset}'s ten million events for {@code 30d}, {@code 90d} and {@code
 * 12mo}, from the day rollups and from raw events, in one run; then the time to roll up one day
 * again. Each timing is the whole admin endpoint, from the query string to the JSON body, without
 * the network. Rollup timings are the median of {@code rounds}: "warm" with no new data between
 * sets, "live" with {@link YearDataset#liveTraffic} before each set (today's count takes in the new
 * events); "reread" is a single set after events were edited, when today and the day before are
 * read in full again (as on the first view after start); raw ones a single round (a raw set over a
 * year takes minutes).
 *
 * <p>Usage: {@code java -Xmx3g -cp benchmarks.jar dev.footfall.benchmarks.DashboardBenchmark
 * [rounds, default 11] [raw: yes|no, default yes]}; {@code -Dfootfall.yearDb=<JDBC URL>} runs it
 * on another database (PostgreSQL, say) instead of the H2 file in {@code
 * -Dfootfall.yearData=<directory>}.
 */
public final class DashboardBenchmark {
  private static final String KEY = "benchmark-admin-key";
  static final List<String> SET = List.of("overview",
      "timeseries", "pages", "referrers", "locations", "devices");
  private static final List<String> PERIODS = List.of("30d", "90d", "12mo");

  private DashboardBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
    boolean raw = args.length <= 1 || args[1].equals("yes");
    Path directory = Path.of(System.getProperty("footfall.yearData", "target/year-benchmark"));
    String url = System.getProperty("footfall.yearDb", "");
    try (Analytics analytics = YearDataset.open(url, directory, true)) {
      LocalDate today = YearDataset.TODAY;
      for (String period : PERIODS) {
        report("warm", period, median(analytics, period, rounds));
      }
      // Live: new events before every set, which today's count must take in.
      long seed = 1;
      for (String period : PERIODS) {
        List<List<Long>> samples = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          YearDataset.liveTraffic(analytics, seed++);
          samples.add(set(analytics, period));
        }
        report("live", period, medians(samples));
      }
      // Reread: events edited (here an empty refresh), so today and the day before are read in
      // full again, as on the first view after start.
      for (String period : PERIODS) {
        analytics.rollups().refresh(SampleTraffic.SITE, today, today);
        report("reread", period, set(analytics, period));
      }
      LocalDate yesterday = today.minusDays(1);
      List<Long> times = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        analytics.rollups().rollUp(SampleTraffic.SITE, yesterday.minusDays(1),
            yesterday.minusDays(1));
        times.add((System.nanoTime() - start) / 1_000_000);
      }
      System.out.printf("roll up one day (%,d events): median %d ms of %s%n",
          analytics.storage().events().count(SampleTraffic.SITE,
              yesterday.minusDays(1).atStartOfDay(YearDataset.ZONE).toInstant(),
              yesterday.atStartOfDay(YearDataset.ZONE).toInstant()), median(times), times);
    }
    if (raw) {
      try (Analytics analytics = YearDataset.open(url, directory, false)) {
        for (String period : PERIODS) {
          report("raw", period, set(analytics, period));
        }
      }
    }
  }

  static void report(String path, String period, List<Long> millis) {
    long total = millis.stream().mapToLong(Long::longValue).sum();
    System.out.printf("%-7s %-4s set %6d ms  %s%n", path, period, total, millis);
  }

  /** Returns, per report of the set, its median time over the rounds (after one warm-up). */
  static List<Long> median(Analytics analytics, String period, int rounds)
      throws Exception {
    set(analytics, period);
    List<List<Long>> samples = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      samples.add(set(analytics, period));
    }
    return medians(samples);
  }

  /** Returns, per report of the set, its median time over the samples. */
  static List<Long> medians(List<List<Long>> samples) {
    List<Long> medians = new ArrayList<>();
    for (int report = 0; report < SET.size(); report++) {
      List<Long> times = new ArrayList<>();
      for (List<Long> sample : samples) {
        times.add(sample.get(report));
      }
      medians.add(median(times));
    }
    return medians;
  }

  static List<Long> set(Analytics analytics, String period) throws Exception {
    AnalyticsHandler handler = AnalyticsHandler.create(analytics,
        HttpSettings.builder().adminApiKey(KEY).build());
    List<Long> times = new ArrayList<>();
    for (String endpoint : SET) {
      String path = "/admin/websites/" + SampleTraffic.SITE + "/analytics/" + endpoint;
      AdminGet get = new AdminGet(path + (path.contains("?") ? "&" : "?") + "period=" + period,
          KEY);
      long start = System.nanoTime();
      handler.handle(get);
      times.add((System.nanoTime() - start) / 1_000_000);
      if (get.status() != 200) {
        throw new IllegalStateException(endpoint + " answered " + get.status() + ": "
            + new String(get.responseBody(), UTF_8));
      }
    }
    return times;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
