package dev.footfall.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.Site;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.servlet.AnalyticsFilter;
import dev.footfall.servlet.HttpSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Engagement in real headless Chromium: a one-page visit that reads down a long article and
 * then leaves sends an engagement, with Plausible's own tracker from npm (its package {@code
 * tracker}, version 0.4, of the scope {@code plausible-analytics}) and with Footfall's script.
 * The reports API must then show the page's scroll depth and time on page, while the visit is
 * still a bounce of 0 seconds.
 *
 * <p>Plausible's tracker is not part of this repository: {@code .ci/run} fetches it with {@code npm
 * pack} into {@value #DEFAULT_TRACKER}'s directory (under the home directory), and the test reads
 * its {@code plausible.js} from there, or from the system property or environment variable {@code
 * PLAUSIBLE_TRACKER}. Like Chromium, it is skipped when missing outside CI and fails under CI.
 */
final class EngagementBrowserIT {
  static final String DEFAULT_TRACKER = ".cache/footfall/plausible-tracker/package/plausible.js";
  /** Long: conditions are polled, and the first request waits for the User-Agent parser to load. */
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String KEY = "engagement-test-key-0123";
  private static final String SITE = "engage";
  private static final String DOMAIN = "engage.example";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private Analytics analytics;
  private Server server;
  private ChromeDriver browser;
  /** The page's script tags, set by each test before the browser loads it. */
  private volatile String scripts = "";
  private volatile Path tracker;

  @BeforeEach
  void start() throws Exception {
    Browser.assumeInstalled();
    analytics = Analytics.builder().storage(JdbiStorage.h2(dir.resolve("db"))).build();
    analytics.sites().save(Site.of(SITE, DOMAIN, ZoneId.of("UTC"), "", Instant.now()));
    server = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(new AnalyticsFilter(analytics,
        HttpSettings.builder().adminApiKey(KEY).noRateLimit().build())), "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new Pages()), "/");
    server.setHandler(context);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.stop();
      analytics.close();
    }
  }

  @Test
  void plausiblesTracker_sendsAnEngagementThatLeavesTheVisitABounce() throws Exception {
    tracker = plausibleTracker();
    scripts = "<script type=\"module\">import { init } from '/plausible.js';"
        + " init({ domain: '" + DOMAIN + "', endpoint: '/api/event', captureOnLocalhost: true,"
        + " logging: false });</script>";

    readTheArticleAndLeave();
  }

  @Test
  void footfallsScript_sendsAnEngagementThatLeavesTheVisitABounce() throws Exception {
    scripts = "<script defer data-domain=\"" + DOMAIN + "\" data-allow-local"
        + " src=\"/analytics.js\"></script>";

    readTheArticleAndLeave();
  }

  /**
   * Opens the article, waits for its pageview, scrolls half-way down, stays until the page has
   * been open for 1.5 s (by the browser's clock), leaves, and waits for the engagement to show in
   * the reports.
   */
  private void readTheArticleAndLeave() throws Exception {
    browser = Browser.start(dir.resolve("chromium"), true);
    JavascriptExecutor js = browser;
    Instant opened = Instant.now();
    browser.get(url("/article"));
    awaitPageviews(1);

    js.executeScript("window.scrollTo(0, document.documentElement.scrollHeight / 2)");
    // Scroll events are dispatched before the next frame's animation callbacks.
    js.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + " requestAnimationFrame(function () { requestAnimationFrame(done); });");
    long expectedDepth = (Long) js.executeScript("return Math.round(100 * (window.scrollY"
        + " + window.innerHeight) / document.documentElement.scrollHeight)");
    new WebDriverWait(browser, WAIT).until(d -> (Boolean) ((JavascriptExecutor) d)
        .executeScript("return performance.now() > 1500"));
    browser.get("about:blank");

    JsonNode page = awaitPageRow("/article");
    Duration stayed = Duration.between(opened, Instant.now());
    assertThat(expectedDepth).isBetween(40L, 90L);
    assertThat(page.get("scroll_depth").asLong()).isCloseTo(expectedDepth, within(1L));
    assertThat(page.get("time_on_page").asLong()).isBetween(1L, stayed.toSeconds() + 1);
    assertThat(page.get("visitors").asLong()).isEqualTo(1);

    JsonNode overview = api("overview?period=day").get("metrics");
    assertThat(overview.get("visits").get("value").asLong()).isEqualTo(1);
    assertThat(overview.get("pageviews").get("value").asLong()).isEqualTo(1);
    assertThat(overview.get("bounce_rate").get("value").asLong()).isEqualTo(100);
    assertThat(overview.get("visit_duration").get("value").asLong()).isZero();
    JsonNode onePage = api("overview?period=day&filters=page%3D%3D%2Farticle"
        + "&metrics=scroll_depth,time_on_page,events").get("metrics");
    assertThat(onePage.get("scroll_depth").get("value")).isEqualTo(page.get("scroll_depth"));
    assertThat(onePage.get("events").get("value").asLong()).isEqualTo(1);
    assertThat(events()).extracting(Event::name).containsExactly("pageview");
  }

  private void awaitPageviews(int count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (events().size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no pageview stored within " + WAIT);
      }
      Thread.sleep(50);
    }
  }

  /** Polls the pages report until the page's row has a scroll depth. */
  private JsonNode awaitPageRow(String path) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode results = null;
    while (System.nanoTime() < deadline) {
      analytics.flush(WAIT);
      results = api("pages?period=day&metrics=visitors,scroll_depth,time_on_page").get("results");
      for (JsonNode row : results) {
        if (row.get("value").asText().equals(path) && !row.get("scroll_depth").isNull()) {
          return row;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no engagement reported for " + path + " within " + WAIT + ": "
        + results);
  }

  private List<Event> events() {
    analytics.flush(WAIT);
    return analytics.storage().events().list(SITE, Instant.EPOCH, Instant.now().plusSeconds(60),
        0, 100);
  }

  private JsonNode api(String pathAndQuery) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(url("/admin/websites/" + SITE + "/analytics/" + pathAndQuery)))
        .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
        + path;
  }

  /**
   * Returns Plausible's tracker, skipping the test when it is missing outside CI.
   */
  static Path plausibleTracker() {
    String configured = System.getProperty("PLAUSIBLE_TRACKER", System.getenv("PLAUSIBLE_TRACKER"));
    Path path = configured != null && !configured.isBlank() ? Path.of(configured)
        : Path.of(System.getProperty("user.home")).resolve(DEFAULT_TRACKER);
    boolean present = Files.isRegularFile(path);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("Plausible's tracker is required under CI at " + path
          + "; .ci/run fetches it with npm");
    }
    Assumptions.assumeTrue(present, "Plausible's tracker is not at " + path + " (npm pack"
        + " @plausible-analytics/tracker@0.4 there, or set PLAUSIBLE_TRACKER); test skipped");
    return path;
  }

  /** A long article at {@code /article} with the test's scripts, and Plausible's tracker. */
  private final class Pages extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String path = request.getRequestURI();
      if (path.equals("/plausible.js") && tracker != null) {
        response.setContentType("text/javascript; charset=utf-8");
        response.getOutputStream().write(Files.readAllBytes(tracker));
      } else if (path.equals("/article")) {
        response.setContentType("text/html; charset=utf-8");
        response.getOutputStream().write(("<!doctype html><html><head><title>Article</title>"
            + scripts + "<style>html, body { margin: 0; } article { height: 6000px; }</style>"
            + "</head><body><article><h1>A long read</h1></article></body></html>")
            .getBytes(UTF_8));
      } else {
        response.sendError(404);
      }
    }
  }
}
