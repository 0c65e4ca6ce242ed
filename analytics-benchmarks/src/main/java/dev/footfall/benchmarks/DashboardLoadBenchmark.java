package dev.footfall.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.footfall.Analytics;
import dev.footfall.servlet.AnalyticsServlet;
import dev.footfall.servlet.HttpSettings;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The 30-day dashboard over {@link YearDataset}'s ten million events (with rollups), loaded in
 * Debian's headless Chromium from a local Jetty: for each load, when the first content was painted
 * and when the whole dashboard was drawn (every card, the chart and every panel: the dashboard's
 * {@code footfall-loaded} performance mark), both from navigation start, and the slowest admin API
 * request the page made (Resource Timing) with the part of it between sending the request and the
 * first byte of the answer (the rest is the browser queueing it, and the body). Prints each load
 * and the medians. Loads are {@code warm} (one after the other, no new data), {@code live} (each
 * after {@link YearDataset#liveTraffic}: new events since the load before, which today's count must
 * take in) or {@code idle} (each a minute and a second after the one before, no new data: the sums
 * of rolled-up days kept for a minute are read again, and the first report has today read again in
 * full in the background), or {@code clicks}: each load of the unfiltered dashboard is followed by
 * two clicks, on the Germany row of the countries panel and then on the mobile row of the devices
 * panel (each filters the whole dashboard: the filter goes into the URL and every report is asked
 * again), timed from the click event to the dashboard drawn again, with the slowest admin API
 * request made after the click.
 *
 * <p>Usage: {@code java -Xmx3g -cp benchmarks.jar dev.footfall.benchmarks.DashboardLoadBenchmark
 * [loads, default 11] [warm|live|idle|clicks, default warm]} with {@code
 * -Dfootfall.yearData=<directory>} as for {@link DashboardBenchmark}, or {@code
 * -Dfootfall.yearDuck=<file>} for the DuckDB copy of the dataset (also rolled up; {@link
 * YearDataset#openDuck}). {@code -Dfootfall.dashboardFilters=<filters>} (the admin API's syntax,
 * such as {@code country==DE;device==mobile}) loads the dashboard with those filters in its URL, as
 * a bookmarked filtered view.
 */
public final class DashboardLoadBenchmark {
  private static final String KEY = "benchmark-admin-key";
  /** How long an idle load waits: longer than rolled-up sums and days read are kept fresh. */
  private static final Duration IDLE = Duration.ofSeconds(61);
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final String TIMINGS = "const paint = performance.getEntriesByName("
      + "'first-contentful-paint')[0];"
      + "const drawn = performance.getEntriesByName('footfall-loaded')[0];"
      + "const api = performance.getEntriesByType('resource')"
      + "  .filter(r => r.name.includes('/admin/websites/'));"
      + "const slowest = api.reduce((a, b) => a.duration >= b.duration ? a : b);"
      + "return {paint: paint ? paint.startTime : -1, drawn: drawn ? drawn.startTime : -1,"
      + "  slowest: slowest.duration, requests: api.length,"
      + "  server: slowest.responseStart - slowest.requestStart,"
      + "  slowestPath: new URL(slowest.name).pathname.split('/').pop()};";

  /**
   * The times of the last click: from the click event to the newest {@code footfall-loaded} mark,
   * and the slowest admin API request started after the click.
   */
  private static final String CLICK_TIMINGS = "const at = window.footfallClicked;"
      + "const marks = performance.getEntriesByName('footfall-loaded');"
      + "const api = performance.getEntriesByType('resource')"
      + "  .filter(r => r.name.includes('/admin/websites/') && r.startTime >= at);"
      + "const slowest = api.reduce((a, b) => a.duration >= b.duration ? a : b);"
      + "return {drawn: marks[marks.length - 1].startTime - at, slowest: slowest.duration,"
      + "  requests: api.length, server: slowest.responseStart - slowest.requestStart,"
      + "  slowestPath: new URL(slowest.name).pathname.split('/').pop(),"
      + "  filters: new URLSearchParams(location.search).get('filters')};";

  private DashboardLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(Path.of(binary))) {
        throw new IllegalStateException(binary + " is missing: install Debian's chromium and"
            + " chromium-driver packages");
      }
    }
    int loads = args.length > 0 ? Integer.parseInt(args[0]) : 11;
    String mode = args.length > 1 ? args[1] : "warm";
    if (!List.of("warm", "live", "idle", "clicks").contains(mode)) {
      throw new IllegalArgumentException("mode must be warm, live, idle or clicks but was " + mode);
    }
    Path directory = Path.of(System.getProperty("footfall.yearData", "target/year-benchmark"));
    String duck = System.getProperty("footfall.yearDuck", "");
    String filters = System.getProperty("footfall.dashboardFilters", "");
    Path profile = Files.createTempDirectory("footfall-chromium");
    try (Analytics analytics = !duck.isEmpty() ? YearDataset.openDuck(Path.of(duck), true)
        : YearDataset.open(System.getProperty("footfall.yearDb", ""), directory, true)) {
      Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
      ServletContextHandler context = new ServletContextHandler();
      context.addServlet(new ServletHolder(new AnalyticsServlet(analytics,
          HttpSettings.builder().adminApiKey(KEY).build())), "/*");
      server.setHandler(context);
      server.start();
      ChromeDriver browser = chromium(profile);
      try {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        String dashboard = "http://127.0.0.1:" + port + "/admin/websites/"
            + SampleTraffic.SITE + "/analytics?period=30d"
            + (filters.isEmpty() ? "" : "&filters=" + URLEncoder.encode(filters, UTF_8));
        browser.get(dashboard);
        browser.findElement(By.id("key")).sendKeys(KEY);
        browser.findElement(By.cssSelector("#login button")).click();
        awaitDrawn(browser);
        if (mode.equals("clicks")) {
          clicks(browser, dashboard, loads);
          return;
        }
        List<Double> paints = new ArrayList<>();
        List<Double> drawn = new ArrayList<>();
        List<Double> slowest = new ArrayList<>();
        for (int i = 0; i < loads; i++) {
          if (mode.equals("live")) {
            YearDataset.liveTraffic(analytics, i + 1);
          } else if (mode.equals("idle")) {
            Thread.sleep(IDLE.toMillis());
          }
          browser.get(dashboard); // the key stays in the tab's sessionStorage
          awaitDrawn(browser);
          @SuppressWarnings("unchecked")
          Map<String, Object> t = (Map<String, Object>) browser.executeScript(TIMINGS);
          paints.add(number(t.get("paint")));
          drawn.add(number(t.get("drawn")));
          slowest.add(number(t.get("slowest")));
          System.out.printf("load %2d: first paint %6.0f ms, dashboard drawn %6.0f ms, slowest of"
              + " %s API requests %6.0f ms (%s, %.0f ms of it waiting for the server)%n", i + 1,
              paints.get(i), drawn.get(i), t.get("requests"), slowest.get(i),
              t.get("slowestPath"), number(t.get("server")));
        }
        System.out.printf("median of %d %sloads: first paint %.0f ms, dashboard drawn %.0f ms,"
            + " slowest API request %.0f ms%n", loads, mode + " ", median(paints),
            median(drawn), median(slowest));
      } finally {
        browser.quit();
        server.stop();
      }
    }
  }

  /**
   * Loads the dashboard {@code loads} times, and after each load clicks Germany in the countries
   * panel, then mobile in the devices panel, each once the dashboard is drawn; prints each click's
   * time to drawn and the medians.
   */
  private static void clicks(ChromeDriver browser, String dashboard, int loads) {
    List<String> clicks = List.of("[data-panel=\"locations\"] .row[data-value=\"DE\"]",
        "[data-panel=\"devices\"] .row[data-value=\"mobile\"]");
    List<List<Double>> drawn = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Double>> slowest = List.of(new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < loads; i++) {
      browser.get(dashboard);
      awaitDrawn(browser);
      browser.executeScript("window.footfallClicked = -1; document.addEventListener('click',"
          + " e => { window.footfallClicked = e.timeStamp; }, true);");
      StringBuilder line = new StringBuilder(String.format("load %2d:", i + 1));
      for (int c = 0; c < clicks.size(); c++) {
        int marks = marks(browser);
        browser.findElement(By.cssSelector(clicks.get(c))).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> marks(browser) > marks);
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) browser.executeScript(CLICK_TIMINGS);
        drawn.get(c).add(number(t.get("drawn")));
        slowest.get(c).add(number(t.get("slowest")));
        line.append(String.format(" click %d (%s) drawn %5.0f ms, slowest of %s API requests"
            + " %5.0f ms (%s, %.0f ms waiting for the server);", c + 1, t.get("filters"),
            number(t.get("drawn")), t.get("requests"), number(t.get("slowest")),
            t.get("slowestPath"), number(t.get("server"))));
      }
      System.out.println(line);
    }
    for (int c = 0; c < clicks.size(); c++) {
      System.out.printf("click %d, %d loads: dashboard drawn median %.0f ms (%.0f–%.0f), slowest"
          + " API request median %.0f ms (%.0f–%.0f)%n", c + 1, loads, median(drawn.get(c)),
          Collections.min(drawn.get(c)), Collections.max(drawn.get(c)), median(slowest.get(c)),
          Collections.min(slowest.get(c)), Collections.max(slowest.get(c)));
    }
  }

  private static int marks(ChromeDriver browser) {
    return ((Number) browser.executeScript(
        "return performance.getEntriesByName('footfall-loaded').length")).intValue();
  }

  private static void awaitDrawn(ChromeDriver browser) {
    new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> {
      Object drawn = browser.executeScript(
          "return performance.getEntriesByName('footfall-loaded').length");
      return drawn instanceof Number n && n.intValue() > 0;
    });
  }

  /** Starts Debian's headless Chromium with a fresh profile; nothing is downloaded. */
  private static ChromeDriver chromium(Path profile) {
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
