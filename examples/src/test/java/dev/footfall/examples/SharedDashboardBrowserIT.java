package dev.footfall.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Analytics;
import dev.footfall.RequestContext;
import dev.footfall.SharedLink;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.servlet.HttpSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A shared link in headless Chromium: created in the admin dashboard, it shows its site's numbers
 * read-only; from its page, another site's reports and the admin API cannot be read; revoked, it
 * answers 404. A password-protected link asks for its password first.
 */
final class SharedDashboardBrowserIT {
  private static final String KEY = "shared-dashboard-test-key-01";
  private static final Duration WAIT = Duration.ofMinutes(5);
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
    for (int v = 0; v < 7; v++) {
      track("shop", "https://shop.example/pricing", "shopper" + v, v);
    }
    for (int v = 0; v < 3; v++) {
      track("blog", "https://blog.example/private-draft", "reader" + v, v);
    }
    assertThat(analytics.flush(WAIT)).isTrue();
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

  private void track(String site, String url, String visitor, int minutesAgo) {
    analytics.tracker().track(TrackRequest.pageview(site, url).visitorId(visitor)
        .timestamp(now.minus(Duration.ofMinutes(10L + minutesAgo)))
        .context(RequestContext.of("", Browser.DESKTOP_CHROME).withCountry("DE")).build());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private HttpResponse<String> get(String absoluteUrl, boolean admin) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(absoluteUrl));
    if (admin) {
      request.header("Authorization", "Bearer " + KEY);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode adminApi(String path) throws Exception {
    HttpResponse<String> response = get(url(path), true);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(browser, WAIT);
  }

  private void awaitLoaded() {
    waiting().until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-loaded") != null);
  }

  private String visitorsCard() {
    return browser.findElement(By.cssSelector("[data-metric='visitors'] .value"))
        .getDomAttribute("data-value");
  }

  /** Fetches a URL relative to the page from its own script; answers status and body. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> fetchFromPage(String path, String method) {
    return (Map<String, Object>) browser.executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {method: arguments[1], credentials: 'same-origin'})"
            + ".then(function (r) { return r.text().then(function (t) {"
            + "  done({status: r.status, body: t}); }); })"
            + ".catch(function (e) { done({status: -1, body: String(e)}); });", path, method);
  }

  private void openSharedLinksPanel() {
    waiting().until(d -> !d.findElements(By.cssSelector("[data-panel='share'] summary")).isEmpty());
    if (browser.findElement(By.cssSelector("[data-panel='share'] details"))
        .getDomAttribute("open") == null) {
      browser.findElement(By.cssSelector("[data-panel='share'] summary")).click();
    }
  }

  @Test
  void sharedLink_showsItsSitesNumbers_readsNothingElse_andAnswers404OnceRevoked()
      throws Exception {
    browser = Browser.start(dir.resolve("profile"), false);
    browser.get(url("/admin/websites/shop/analytics?period=7d"));
    waiting().until(d -> d.findElement(By.id("login")).isDisplayed());
    browser.findElement(By.id("key")).sendKeys(KEY);
    browser.findElement(By.cssSelector("#login button")).click();
    awaitLoaded();

    // Created in the admin dashboard; its URL is shown once.
    openSharedLinksPanel();
    browser.findElement(By.cssSelector("[data-panel='share'] input[aria-label='Shared link name']"))
        .sendKeys("Public board");
    browser.findElement(By.cssSelector("[data-panel='share'] .add-share button")).click();
    waiting().until(d -> !d.findElements(By.id("shared-link-url")).isEmpty());
    String shared = browser.findElement(By.id("shared-link-url")).getDomProperty("value");
    assertThat(shared).matches("http://127\\.0\\.0\\.1:\\d+/share/[A-Za-z0-9_-]{43}");
    String token = shared.substring(shared.lastIndexOf('/') + 1);
    assertThat(browser.findElements(By.cssSelector("[data-panel='share'] [data-shared-link]")))
        .hasSize(1);
    assertThat(adminApi("/admin/websites/shop/shared-links").toString()).doesNotContain(token);

    // A fresh browser, with no admin key anywhere: the shared link shows the site's numbers.
    browser.quit();
    browser = Browser.start(dir.resolve("viewer"), false);
    browser.get(shared + "?period=7d");
    awaitLoaded();
    String expected = adminApi("/admin/websites/shop/analytics/overview?period=7d")
        .at("/metrics/visitors/value").asText();
    assertThat(expected).isEqualTo("7");
    assertThat(visitorsCard()).isEqualTo(expected);
    assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("site")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.cssSelector("[data-panel='manage']")).isDisplayed())
        .isFalse();
    assertThat(browser.findElement(By.cssSelector("[data-panel='share']")).isDisplayed())
        .isFalse();
    assertThat(browser.findElement(By.cssSelector("[data-panel='pages']")).getText())
        .contains("/pricing");

    // From that page: its own reports answer; another site's, and the admin API, do not.
    assertThat(fetchFromPage(token + "/analytics/overview?period=7d", "GET"))
        .containsEntry("status", 200L);
    for (String path : new String[] {"../admin/websites/blog/analytics/overview?period=7d",
        "../admin/websites/blog/analytics/pages?period=7d",
        "../admin/websites/shop/analytics/overview?period=7d", "../admin/websites",
        "../admin/websites/shop/shared-links", "../admin/analytics-events?site_id=blog",
        "../admin/stats"}) {
      Map<String, Object> answer = fetchFromPage(path, "GET");
      assertThat(answer.get("status")).as(path).isEqualTo(401L);
      assertThat((String) answer.get("body")).doesNotContain("private-draft");
    }
    for (String path : new String[] {token + "/analytics/pages?period=7d&site_id=blog",
        token + "/websites/blog/analytics/pages", token + "/blog/analytics/pages",
        token + "/goals", token + "/shared-links"}) {
      Map<String, Object> answer = fetchFromPage(path, "GET");
      assertThat((Long) answer.get("status")).as(path).isIn(400L, 403L, 404L);
      assertThat((String) answer.get("body")).doesNotContain("private-draft");
    }
    assertThat(fetchFromPage(token + "/funnels", "POST").get("status")).isEqualTo(403L);

    // Revoked in the admin dashboard: the link answers 404 at once.
    browser.quit();
    browser = Browser.start(dir.resolve("admin-again"), false);
    browser.get(url("/admin/websites/shop/analytics?period=7d"));
    waiting().until(d -> d.findElement(By.id("login")).isDisplayed());
    browser.findElement(By.id("key")).sendKeys(KEY);
    browser.findElement(By.cssSelector("#login button")).click();
    awaitLoaded();
    openSharedLinksPanel();
    browser.findElement(By.cssSelector("[data-panel='share'] [data-shared-link] .delete")).click();
    waiting().until(d -> d.findElements(By.cssSelector("[data-panel='share'] [data-shared-link]"))
        .isEmpty());
    assertThat(get(shared, false).statusCode()).isEqualTo(404);
    assertThat(get(shared + "/analytics/overview", false).statusCode()).isEqualTo(404);
    browser.get(shared);
    assertThat(browser.findElement(By.tagName("body")).getText())
        .contains("does not exist or was revoked");
  }

  @Test
  void passwordLink_asksForThePassword_thenShowsTheNumbers() throws Exception {
    SharedLink link = analytics.sharedLinks().create("shop", "Investors",
        Optional.of("open sesame"));
    String shared = url("/share/" + link.token().orElseThrow());
    assertThat(get(shared + "/analytics/overview", false).statusCode()).isEqualTo(401);

    browser = Browser.start(dir.resolve("profile"), false);
    browser.get(shared + "?period=7d");
    waiting().until(d -> d.findElement(By.id("share-password")).isDisplayed());
    browser.findElement(By.id("share-password")).sendKeys("wrong");
    browser.findElement(By.cssSelector("#share-login button")).click();
    waiting().until(d -> d.findElement(By.id("share-error")).isDisplayed());
    assertThat(browser.findElement(By.id("share-error")).getText()).isEqualTo("Wrong password.");

    browser.findElement(By.id("share-password")).sendKeys("open sesame");
    browser.findElement(By.cssSelector("#share-login button")).click();
    awaitLoaded();
    assertThat(visitorsCard()).isEqualTo(adminApi(
        "/admin/websites/shop/analytics/overview?period=30d").at("/metrics/visitors/value")
        .asText());
    assertThat(browser.manage().getCookies()).allSatisfy(cookie -> {
      assertThat(cookie.isHttpOnly()).isTrue();
      assertThat(cookie.getSameSite()).isEqualTo("Strict");
    });
    assertThat(fetchFromPage("../admin/websites/shop/analytics/overview", "GET")
        .get("status")).isEqualTo(401L);
  }
}
