package dev.footfall.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Analytics;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.servlet.HttpSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium over a known dataset: it must show what the admin API
 * answers, follow the period and filters, keep its state in the URL, refresh the live count, and
 * render hostile values as text.
 */
final class DashboardBrowserIT {
  private static final String KEY = "dashboard-test-key-0123";
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final String XSS_PATH = "/<img src=x onerror=window.__xss=1>";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final Instant now = Instant.now();
  private Analytics analytics;
  private DemoServer server;
  private ChromeDriver browser;

  @BeforeEach
  void start() throws Exception {
    Browser.assumeInstalled();
    analytics = Analytics.builder().storage(InMemoryStorage.create()).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop", Instant.EPOCH));
    analytics.sites().save(Site.of("blog", "blog.example", ZoneOffset.UTC, "Blog", Instant.EPOCH));
    server = new DemoServer(analytics, HttpSettings.builder().adminApiKey(KEY).build(),
        "127.0.0.1", 0);
    seed();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
      analytics.close();
    }
  }

  /**
   * 40 visitors over the last days (pages, sources, countries, devices, a goal, hostile values) and
   * 12 in the week before.
   */
  private void seed() {
    String[] pages = {"/", "/pricing", "/docs", "/blog/launch"};
    String[] referrers = {"", "https://www.google.com/", "https://news.ycombinator.com/"};
    String[] countries = {"DE", "US", "FR"};
    Instant today = now.truncatedTo(ChronoUnit.DAYS);
    for (int v = 0; v < 40; v++) {
      Instant at = today.minus(Duration.ofDays(v % 5)).plus(Duration.ofMinutes(7 * v));
      if (at.isAfter(now.minusSeconds(600))) {
        at = now.minus(Duration.ofMinutes(20 + v));
      }
      String ua = v % 3 == 0 ? Browser.DESKTOP_CHROME
          : "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15"
              + " (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
      for (int p = 0; p <= v % 3; p++) {
        track(TrackRequest.pageview("shop", "https://shop.example" + pages[(v + p) % pages.length])
            .referrer(p == 0 ? referrers[v % referrers.length] : ""), "v" + v, at, ua,
            countries[v % countries.length]);
        at = at.plusSeconds(45);
      }
      if (v % 2 == 0) { // scrolled and read the visit's last page for 20 to 100 s
        track(TrackRequest.engagement("shop", "https://shop.example"
            + pages[(v + v % 3) % pages.length], 30 + v, Duration.ofSeconds(20 + 2 * v)), "v" + v,
            at.minusSeconds(30), ua, countries[v % countries.length]);
      }
      if (v % 4 == 0) {
        track(TrackRequest.event("shop", "Signup", "https://shop.example/pricing")
            .prop("plan", "<b>pro</b>"), "v" + v, at, ua, countries[v % countries.length]);
      }
    }
    track(TrackRequest.pageview("shop", "https://shop.example"
        + "/%3Cimg%20src=x%20onerror=window.__xss=1%3E")
        .referrer("https://evil.example/%3Cscript%3Ewindow.__xss=2%3C/script%3E"), "x",
        now.minusSeconds(3600), Browser.DESKTOP_CHROME, "DE");
    // The week before, so that the 7-day cards have a change to show.
    for (int v = 0; v < 12; v++) {
      Instant at = today.minus(Duration.ofDays(8 + v % 5)).plus(Duration.ofMinutes(11 * v));
      for (int p = 0; p <= v % 2; p++) {
        track(TrackRequest.pageview("shop", "https://shop.example" + pages[(v + p) % pages.length]),
            "earlier-" + v, at.plusSeconds(90 * p), Browser.DESKTOP_CHROME,
            countries[v % countries.length]);
      }
    }
    analytics.flush(WAIT);
  }

  private void track(TrackRequest.Builder request, String visitor, Instant at, String ua,
      String country) {
    analytics.tracker().track(request.visitorId(visitor).timestamp(at)
        .context(RequestContext.of("", ua).withCountry(country)).build());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private JsonNode api(String pathAndQuery) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(url("/admin/websites/shop/analytics/" + pathAndQuery)))
        .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(browser, WAIT);
  }

  /** Waits until the dashboard finished a load later than {@code after}. */
  private int awaitLoaded(int after) {
    waiting().until(d -> {
      String loaded = d.findElement(By.tagName("body")).getDomAttribute("data-loaded");
      return loaded != null && Integer.parseInt(loaded) > after;
    });
    return Integer.parseInt(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded"));
  }

  private String card(String metric) {
    return browser.findElement(By.cssSelector("[data-metric='" + metric + "'] .value"))
        .getDomAttribute("data-value");
  }

  private List<String> rows(String panel) {
    return browser.findElements(By.cssSelector("[data-panel='" + panel + "'] .row")).stream()
        .map(row -> row.getDomAttribute("data-value")).toList();
  }

  private int signIn(String path) {
    browser.get(url(path));
    waiting().until(d -> d.findElement(By.id("login")).isDisplayed());
    browser.findElement(By.id("key")).sendKeys(KEY);
    browser.findElement(By.cssSelector("#login button")).click();
    return awaitLoaded(0);
  }

  @Test
  void dashboard_showsWhatTheApiAnswers_followsPeriodAndFilters() throws Exception {
    browser = Browser.start(dir.resolve("profile"), false);
    int loaded = signIn("/admin/websites/shop/analytics?period=7d");

    JsonNode overview = api("overview?period=7d");
    for (String metric : List.of("visitors", "visits", "pageviews", "views_per_visit",
        "bounce_rate", "visit_duration")) {
      JsonNode expected = overview.get("metrics").get(metric);
      assertThat(card(metric)).as(metric).isEqualTo(expected.get("value").asText());
      assertThat(expected.get("change").isNumber()).as(metric + " change").isTrue();
      long change = expected.get("change").asLong();
      assertThat(browser.findElement(By.cssSelector("[data-metric='" + metric + "'] .change"))
          .getText()).as(metric).isEqualTo((change >= 0 ? "▲ " : "▼ ") + Math.abs(change) + "%");
    }
    assertThat(browser.findElement(By.id("chart")).getDomAttribute("data-points")).isEqualTo("7");
    assertThat(browser.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
    assertThat(rows("pages")).isEqualTo(values(api("pages?period=7d&limit=10")));
    // Top pages shows each page's scroll depth and time on page, as the API answers them.
    assertThat(browser.findElements(By.cssSelector("[data-panel='pages'] .head .metric")))
        .extracting(WebElement::getText).containsExactly("Scroll depth", "Time on page");
    List<String> engagement = new ArrayList<>();
    api("pages?period=7d&limit=10&metrics=visitors,scroll_depth,time_on_page").get("results")
        .forEach(row -> engagement.add(row.get("scroll_depth").isNull() ? "– –"
            : row.get("scroll_depth").asText() + "% " + duration(row.get("time_on_page").asInt())));
    assertThat(engagement).anyMatch(cells -> !cells.startsWith("–"));
    assertThat(browser.findElements(By.cssSelector("[data-panel='pages'] .row"))).extracting(
        row -> row.findElement(By.cssSelector("[data-column='scroll_depth']")).getText() + " "
            + row.findElement(By.cssSelector("[data-column='time_on_page']")).getText())
        .isEqualTo(engagement);
    assertThat(rows("sources")).isEqualTo(values(api("referrers?period=7d&limit=10")));
    assertThat(rows("locations")).isEqualTo(values(api("locations?period=7d&limit=10")));
    assertThat(rows("devices")).isEqualTo(values(api("devices?period=7d&limit=10")));
    assertThat(rows("events")).containsExactly("Signup");
    assertThat(browser.findElement(By.cssSelector("[data-panel='locations'] .row .name"))
        .getText()).endsWith(api("locations?period=7d").get("results").get(0).get("name").asText());
    assertThat(browser.findElements(By.cssSelector("[data-panel='devices'] svg.donut circle")))
        .hasSize(api("devices?period=7d").get("results").size());

    // The map shades each country with visitors, and a click on one filters by it.
    assertThat(browser.findElements(By.cssSelector("svg.map path"))).hasSizeGreaterThan(170);
    assertThat(browser.findElements(By.cssSelector("svg.map path.visited")).stream()
        .map(shape -> shape.getDomAttribute("data-country") + "="
            + shape.getDomAttribute("data-visitors")).toList())
        .containsExactlyInAnyOrderElementsOf(StreamSupport.stream(
            api("locations?period=7d&limit=250").get("results").spliterator(), false)
            .map(row -> row.get("value").asText() + "=" + row.get("visitors").asText()).toList());
    WebElement locations = browser.findElement(By.cssSelector("[data-panel='locations']"));
    browser.executeScript("arguments[0].scrollIntoView()", locations);
    Files.write(screenshots().resolve("dashboard-locations.png"),
        locations.getScreenshotAs(OutputType.BYTES));
    browser.findElement(By.cssSelector("svg.map path[data-country='DE']")).click();
    loaded = awaitLoaded(loaded);
    assertThat(browser.getCurrentUrl()).contains("filters=country%3D%3DDE");
    assertThat(rows("locations")).containsExactly("DE");
    browser.findElement(By.cssSelector(".chip")).click();
    loaded = awaitLoaded(loaded);

    // Period: today, with hours.
    new Select(browser.findElement(By.id("period")))
        .selectByValue("day");
    loaded = awaitLoaded(loaded);
    assertThat(browser.getCurrentUrl()).contains("period=day");
    assertThat(card("visitors"))
        .isEqualTo(api("overview?period=day").get("metrics").get("visitors").get("value").asText());
    assertThat(browser.findElement(By.id("chart")).getDomAttribute("data-points")).isEqualTo("24");

    // A click on a row filters everything; the chip removes the filter again.
    new Select(browser.findElement(By.id("period")))
        .selectByValue("7d");
    loaded = awaitLoaded(loaded);
    browser.findElement(By.cssSelector("[data-panel='pages'] .row[data-value='/pricing']")).click();
    loaded = awaitLoaded(loaded);
    assertThat(browser.getCurrentUrl()).contains("filters=page%3D%3D%2Fpricing");
    assertThat(browser.findElement(By.cssSelector(".chip")).getText()).startsWith("page is /pricing");
    assertThat(card("visitors")).isEqualTo(api("overview?period=7d&filters=page%3D%3D%2Fpricing")
        .get("metrics").get("visitors").get("value").asText());
    assertThat(rows("pages")).containsExactly("/pricing");

    // The state lives in the URL: reloading shows the same view.
    browser.navigate().refresh();
    loaded = awaitLoaded(0);
    assertThat(browser.findElements(By.cssSelector(".chip"))).hasSize(1);
    browser.findElement(By.cssSelector(".chip")).click();
    loaded = awaitLoaded(loaded);
    assertThat(browser.findElements(By.cssSelector(".chip"))).isEmpty();
    assertThat(card("visitors")).isEqualTo(overview.get("metrics").get("visitors").get("value")
        .asText());

    // The live count follows new events.
    String live = browser.findElement(By.id("live-count")).getText();
    for (int i = 0; i < 3; i++) {
      analytics.tracker().track(TrackRequest.pageview("shop", "https://shop.example/live")
          .visitorId("live-" + i).context(RequestContext.of("", Browser.DESKTOP_CHROME)).build());
    }
    analytics.flush(WAIT);
    browser.findElement(By.id("live")).click();
    waiting().until(d -> !d.findElement(By.id("live-count")).getText().equals(live));
    assertThat(Integer.parseInt(browser.findElement(By.id("live-count")).getText()))
        .isEqualTo(Integer.parseInt(live) + 3);

    // Several sites: a switcher.
    assertThat(browser.findElements(By.cssSelector("#site option"))).hasSize(2);

    screenshot("dashboard-1280x900.png", 1280, 900);
    screenshot("dashboard-390x844.png", 390, 844);
    assertThat(browser.executeScript("return document.documentElement.scrollWidth"
        + " <= document.documentElement.clientWidth")).as("no sideways scrolling at 390 px")
        .isEqualTo(true);

    // Dark mode when the system asks for it.
    browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
        List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    browser.navigate().refresh();
    awaitLoaded(0);
    assertThat(browser.executeScript("return getComputedStyle(document.body).backgroundColor"))
        .isEqualTo("rgb(15, 18, 24)");
    screenshot("dashboard-dark-1280x900.png", 1280, 900);
  }

  @Test
  void dashboard_rendersHostileValuesAsText() throws Exception {
    browser = Browser.start(dir.resolve("profile"), false);
    signIn("/admin/websites/shop/analytics?period=7d");

    WebElement pages = browser.findElement(By.cssSelector("[data-panel='pages']"));
    assertThat(rows("pages")).contains(XSS_PATH);
    assertThat(pages.getText()).contains(XSS_PATH);
    assertThat(pages.findElements(By.tagName("img"))).isEmpty();
    String hostileReferrer = values(api("referrers?period=7d&type=referrers")).stream()
        .filter(value -> value.startsWith("evil.example")).findFirst().orElseThrow();
    assertThat(hostileReferrer).contains("<script>");
    browser.findElement(By.cssSelector("[data-panel='sources'] .tab:nth-child(2)")).click();
    waiting().until(d -> d.findElement(By.cssSelector("[data-panel='sources']")).getText()
        .contains(hostileReferrer));
    assertThat(browser.findElements(By.cssSelector("[data-panel='sources'] script"))).isEmpty();
    assertThat(browser.executeScript("return window.__xss === undefined")).isEqualTo(true);
  }

  @Test
  void page_forbidsInlineScriptAndAssetsAreCachedForAYear() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> page = client.send(HttpRequest.newBuilder(
        URI.create(url("/admin/websites/shop/analytics"))).build(),
        HttpResponse.BodyHandlers.ofString(UTF_8));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
        .contains("script-src 'self'").doesNotContain("unsafe-inline");
    assertThat(page.body()).doesNotContain("<script>").contains("data-site=\"shop\"");
    String script = page.body().replaceAll("(?s).*src=\"\\.\\./\\.\\./(assets/[^\"]+/dashboard"
        + "\\.js)\".*", "$1");
    HttpResponse<String> asset = client.send(HttpRequest.newBuilder(
        URI.create(url("/admin/" + script))).build(), HttpResponse.BodyHandlers.ofString(UTF_8));
    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(asset.headers().firstValue("Cache-Control"))
        .contains("public, max-age=31536000, immutable");
  }

  @Test
  void emptySite_showsTheSetUpSnippet() {
    browser = Browser.start(dir.resolve("profile"), false);
    signIn("/admin/websites/blog/analytics");

    assertThat(browser.findElement(By.id("empty")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("snippet")).getText()).contains("data-website-id=\"blog\"");
  }

  /** A duration as the dashboard shows it: {@code 45s}, {@code 1m 5s}. */
  private static String duration(int seconds) {
    return seconds < 60 ? seconds + "s" : seconds / 60 + "m " + seconds % 60 + "s";
  }

    private static List<String> values(JsonNode report) {
    return StreamSupport.stream(report.get("results").spliterator(), false)
        .map(row -> row.get("value").asText()).toList();
  }

  private void screenshot(String name, int width, int height) throws Exception {
    browser.manage().window().setSize(new Dimension(width, height));
    Thread.sleep(300); // let the chart follow the resize
    Files.write(screenshots().resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  private static Path screenshots() throws IOException {
    return Files.createDirectories(Path.of("target", "screenshots"));
  }
}
