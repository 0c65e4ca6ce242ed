package dev.footfall.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.footfall.Analytics;
import dev.footfall.servlet.AnalyticsHandler;
import dev.footfall.servlet.HttpSettings;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@link DashboardBenchmark}'s set of six reports over {@link YearDataset}'s ten million events,
 * with the filters a dashboard user clicks: for each period ({@code 30d}, {@code 90d}, {@code
 * 12mo}) four filter sets —
 *
 * <ul>
 *   <li>{@code none};
 *   <li>{@code one}: country is DE (a click on a row);
 *   <li>{@code two}: country is DE and device is mobile (a second click);
 *   <li>{@code three}: country is DE, custom prop {@code plan} is {@code pro} (the dataset's {@code
 *       Signup} events carry it) and page contains {@code page-1}.
 * </ul>
 *
 * <p>Each timing is the whole admin endpoint, query string in, JSON out, no network, and every
 * answer must be 200. A set is run once as a warm-up; if that took longer than {@code
 * -Dfootfall.slowSet} ms (default 10,000) that single round is its figure, otherwise the medians
 * of {@code rounds} more (per report; the set's total is the sum of its reports' medians).
 *
 * <p>Usage: {@code java -Xmx3g <store> -cp benchmarks.jar
 * dev.footfall.benchmarks.FilteredDashboardBenchmark [rounds, default 11] [rollups|raw, default
 * raw] [periods, default 30d,90d,12mo] [sets, default none,one,two,three]}, where the store is
 * {@code -Dfootfall.yearDuck=<file>} (DuckDB), {@code
 * -Dfootfall.yearDb=<JDBC URL>} (PostgreSQL, say) or {@code -Dfootfall.yearData=<directory>} (H2,
 * as for {@link DashboardBenchmark}).
 *
 * <p>Sanity check across stores: with {@code -Dfootfall.answers=<directory>} each set's JSON
 * answers (of its last round) are written to {@code <directory>/<store>-<mode>/} and compared with
 * the same answers of every other store found there, printing whether they are identical — a
 * fast but wrong store shows there.
 */
public final class FilteredDashboardBenchmark {
  private static final String KEY = "benchmark-admin-key";
  private static final Map<String, String> FILTER_SETS = new LinkedHashMap<>();

  static {
    FILTER_SETS.put("none", "");
    FILTER_SETS.put("one", "country==DE");
    FILTER_SETS.put("two", "country==DE;device==mobile");
    FILTER_SETS.put("three", "country==DE;prop:plan==pro;page~=page-1");
  }

  private FilteredDashboardBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
    String mode = args.length > 1 ? args[1] : "raw";
    if (!mode.equals("raw") && !mode.equals("rollups")) {
      throw new IllegalArgumentException("mode must be rollups or raw but was " + mode);
    }
    List<String> periods = Arrays.asList((args.length > 2 ? args[2] : "30d,90d,12mo").split(","));
    List<String> sets = Arrays.asList((args.length > 3 ? args[3] : "none,one,two,three")
        .split(","));
    for (String set : sets) {
      if (!FILTER_SETS.containsKey(set)) {
        throw new IllegalArgumentException("sets are " + FILTER_SETS.keySet() + ", not " + set);
      }
    }
    long slowSet = Long.getLong("footfall.slowSet", 10_000);
    String answers = System.getProperty("footfall.answers", "");
    String duck = System.getProperty("footfall.yearDuck", "");
    String url = System.getProperty("footfall.yearDb", "");
    String store = !duck.isEmpty() ? "duckdb" : url.isEmpty() ? "h2"
        : url.startsWith("jdbc:postgresql:") ? "postgresql" : url.split(":")[1];
    String label = store + "-" + mode;
    System.out.printf("%s, %d rounds, periods %s, sets %s, started %s%n", label, rounds, periods,
        sets, Instant.now());
    List<String> table = new ArrayList<>();
    boolean rollups = mode.equals("rollups");
    try (Analytics analytics = !duck.isEmpty() ? YearDataset.openDuck(Path.of(duck), rollups)
        : YearDataset.open(url, Path.of(System.getProperty("footfall.yearData",
            "target/year-benchmark")), rollups)) {
      AnalyticsHandler handler = AnalyticsHandler.create(analytics,
          HttpSettings.builder().adminApiKey(KEY).build());
      for (String period : periods) {
        for (String set : sets) {
          List<Answer> warmUp = set(handler, period, FILTER_SETS.get(set));
          List<Answer> last = warmUp;
          List<Long> millis;
          String how;
          if (total(times(warmUp)) > slowSet) {
            millis = times(warmUp);
            how = "1 round";
          } else {
            List<List<Long>> samples = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
              last = set(handler, period, FILTER_SETS.get(set));
              samples.add(times(last));
            }
            millis = DashboardBenchmark.medians(samples);
            how = "median of " + rounds;
          }
          System.out.printf("%s %-4s %-5s set %7d ms  %s  (%s)%n", label, period, set,
              total(millis), millis, how);
          table.add(String.format("| `%s` | %s | %,d | %s | %s |", period, set, total(millis),
              String.join(", ", millis.stream().map(m -> String.format("%,d", m)).toList()),
              how));
          if (!answers.isEmpty()) {
            compare(Path.of(answers), label, period + "-" + set, last);
          }
        }
      }
    }
    System.out.printf("%s ended %s; per report: %s%n", label, Instant.now(),
        DashboardBenchmark.SET);
    System.out.println("| period | filters | set (ms) | per report (ms) | rounds |");
    System.out.println("|---|---|---|---|---|");
    table.forEach(System.out::println);
  }

  /** One report's answer and time. */
  private record Answer(String endpoint, long millis, String json) {}

  /** Runs the set once, each report through the admin API; fails on any status but 200. */
  private static List<Answer> set(AnalyticsHandler handler, String period, String filters)
      throws Exception {
    List<Answer> answers = new ArrayList<>();
    for (String endpoint : DashboardBenchmark.SET) {
      String path = "/admin/websites/" + SampleTraffic.SITE + "/analytics/" + endpoint
          + "?period=" + period
          + (filters.isEmpty() ? "" : "&filters=" + URLEncoder.encode(filters, UTF_8));
      AdminGet get = new AdminGet(path, KEY);
      long start = System.nanoTime();
      handler.handle(get);
      long millis = (System.nanoTime() - start) / 1_000_000;
      String body = new String(get.responseBody(), UTF_8);
      if (get.status() != 200) {
        throw new IllegalStateException(path + " answered " + get.status() + ": " + body);
      }
      answers.add(new Answer(endpoint, millis, body));
    }
    return answers;
  }

  private static List<Long> times(List<Answer> answers) {
    return answers.stream().map(Answer::millis).toList();
  }

  private static long total(List<Long> millis) {
    return millis.stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Writes the set's answers under {@code directory/label} and compares them with those of every
   * other store's directory there that holds the same set.
   */
  private static void compare(Path directory, String label, String name, List<Answer> answers)
      throws IOException {
    Path own = directory.resolve(label);
    Files.createDirectories(own);
    for (Answer answer : answers) {
      Files.writeString(own.resolve(name + "-" + answer.endpoint() + ".json"), answer.json());
    }
    List<Path> others;
    try (Stream<Path> list = Files.list(directory)) {
      others = list.filter(p -> Files.isDirectory(p) && !p.equals(own)).sorted().toList();
    }
    for (Path other : others) {
      List<String> differing = new ArrayList<>();
      int compared = 0;
      for (Answer answer : answers) {
        Path file = other.resolve(name + "-" + answer.endpoint() + ".json");
        if (Files.exists(file)) {
          compared++;
          String theirs = Files.readString(file);
          if (!theirs.equals(answer.json())) {
            differing.add(answer.endpoint() + " " + firstDifference(answer.json(), theirs));
          }
        }
      }
      if (compared > 0) {
        System.out.printf("  answers of %s %s against %s: %s%n", label, name,
            other.getFileName(), differing.isEmpty() ? "identical (" + compared + " reports)"
                : "DIFFERENT in " + differing);
      }
    }
  }

  private static String firstDifference(String ours, String theirs) {
    int i = 0;
    while (i < ours.length() && i < theirs.length() && ours.charAt(i) == theirs.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 60);
    return "at " + i + ": ours …" + ours.substring(from, Math.min(ours.length(), i + 60))
        + "… theirs …" + theirs.substring(from, Math.min(theirs.length(), i + 60)) + "…";
  }
}
