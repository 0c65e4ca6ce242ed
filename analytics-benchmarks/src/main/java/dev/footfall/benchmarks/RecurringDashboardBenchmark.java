package dev.footfall.benchmarks;

import dev.footfall.Analytics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard set of {@link DashboardBenchmark} over {@link RecurringDataset}'s imported history,
 * whose visitors return across days, for {@code 30d}, {@code 90d} and {@code 12mo}, in one run:
 * "warm" is the median of {@code rounds} sets on one instance (after one warm-up set), with the
 * sums of rolled-up days kept (and the rows of the recurring visitors); "minute" the median of
 * {@code rounds} sets each on a newly opened instance that holds today already (read by a realtime
 * report first, untimed), which is a view a minute or more after the last, when nothing is kept
 * but today; "raw" one set with rollups off.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.footfall.benchmarks.RecurringDashboardBenchmark
 * [rounds, default 11]}; {@code -Dfootfall.recurringData=<directory>} says where the H2 file is
 * built (default {@code target/recurring-benchmark}).
 */
public final class RecurringDashboardBenchmark {
  private static final List<String> PERIODS = List.of("30d", "90d", "12mo");

  private RecurringDashboardBenchmark() {}

  @SuppressWarnings("try") // the keeper is only held open
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
    Path directory = Path.of(System.getProperty("footfall.recurringData",
        "target/recurring-benchmark"));
    RecurringDataset.build(directory);
    try (Analytics analytics = RecurringDataset.open(directory, true)) {
      for (String period : PERIODS) {
        DashboardBenchmark.report("warm", period,
            DashboardBenchmark.median(analytics, period, rounds));
      }
    }
    // One instance stays open, so that H2 keeps the database open (and its pages cached) while
    // the others come and go, as a server's database would be.
    try (Analytics keeper = RecurringDataset.open(directory, true)) {
      for (String period : PERIODS) {
        List<List<Long>> samples = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          try (Analytics analytics = RecurringDataset.open(directory, true)) {
            analytics.reports().realtime(SampleTraffic.SITE);
            samples.add(DashboardBenchmark.set(analytics, period));
          }
        }
        DashboardBenchmark.report("minute", period, DashboardBenchmark.medians(samples));
      }
    }
    try (Analytics analytics = RecurringDataset.open(directory, false)) {
      for (String period : PERIODS) {
        DashboardBenchmark.report("raw", period, DashboardBenchmark.set(analytics, period));
      }
    }
  }
}
