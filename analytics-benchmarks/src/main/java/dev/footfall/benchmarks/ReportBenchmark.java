package dev.footfall.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.footfall.Analytics;
import dev.footfall.servlet.AnalyticsHandler;
import dev.footfall.servlet.HttpSettings;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The latency of each admin report endpoint for {@code period=30d} over {@link ReportDataset}'s
 * million events in H2, straight from raw events (no rollups): the whole endpoint, from the
 * request's query string to the JSON body, without the network.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class ReportBenchmark {
  private static final String KEY = "benchmark-admin-key";

  @Param({"overview", "timeseries", "pages", "pages?type=entry", "referrers", "locations",
      "devices", "devices?type=browser", "realtime"})
  public String endpoint;

  private Analytics analytics;
  private AnalyticsHandler handler;

  @Setup(Level.Trial)
  public void open() throws Exception {
    analytics = ReportDataset.open(Path.of(System.getProperty("footfall.reportData",
        "target/report-benchmark")));
    handler = AnalyticsHandler.create(analytics, HttpSettings.builder().adminApiKey(KEY).build());
  }

  @TearDown(Level.Trial)
  public void close() {
    analytics.close();
  }

  @Benchmark
  public byte[] report() throws Exception {
    String path = "/admin/websites/" + SampleTraffic.SITE + "/analytics/" + endpoint;
    AdminGet get = new AdminGet(path + (path.contains("?") ? "&" : "?")
        + (endpoint.equals("realtime") ? "" : "period=30d"), KEY);
    handler.handle(get);
    if (get.status() != 200) {
      throw new IllegalStateException(endpoint + " answered " + get.status() + ": "
          + new String(get.responseBody(), UTF_8));
    }
    return get.responseBody();
  }
}
