package dev.footfall.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Site;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.servlet.HttpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The demo website in real headless Chromium, checked against the H2 database behind it. */
final class DemoBrowserIT {
  private static final Duration WAIT = Duration.ofMinutes(5);

  @TempDir
  Path dir;

  private Analytics analytics;
  private DemoServer server;
  private ChromeDriver browser;

  @BeforeEach
  void start() throws Exception {
    Browser.assumeInstalled();
    analytics = Analytics.builder().storage(JdbiStorage.h2(dir.resolve("db"))).build();
    analytics.sites().save(Site.of(Demo.SITE_ID, Demo.DOMAIN, ZoneId.of("UTC"), "", Instant.now()));
    server = new DemoServer(analytics, HttpSettings.defaults(), "0.0.0.0", 0);
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

  private String url(String host, String path) {
    return "http://" + host + ":" + server.port() + path;
  }

  private List<Event> events() {
    analytics.flush(WAIT);
    return analytics.storage().events().list(Demo.SITE_ID, Instant.EPOCH,
        Instant.now().plusSeconds(60), 0, 1000);
  }

  /** Waits until a stored event matches. */
  private Event awaitEvent(String description, Predicate<Event> match) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Event e : events()) {
        if (match.test(e)) {
          return e;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no stored event: " + description + "; stored: " + events());
  }

  private static Predicate<Event> pageview(String path) {
    return e -> e.type() == EventType.PAGEVIEW && e.pathname().equals(path);
  }

  @Test
  void pagesSpaNavigationCustomEventAndBeaconOnPageHide() throws Exception {
    browser = Browser.start(dir.resolve("chromium"), true);
    WebDriverWait wait = new WebDriverWait(browser, WAIT);

    // A page on another host (127.0.0.2) sends the visitor over, so the referrer is external.
    browser.get(url("127.0.0.2", "/docs"));
    wait.until(ExpectedConditions.titleContains("Docs"));
    ((JavascriptExecutor) browser).executeScript(
        "location.href = arguments[0]", url("127.0.0.1", "/pricing"));
    wait.until(ExpectedConditions.titleContains("Pricing"));
    Event pricing = awaitEvent("pageview of /pricing", pageview("/pricing"));
    assertThat(pricing.hostname()).isEqualTo("127.0.0.1");
    assertThat(pricing.referrer()).isEqualTo("127.0.0.2");
    assertThat(pricing.referrerSource()).isEqualTo("127.0.0.2");
    assertThat(pricing.deviceType()).isEqualTo("desktop");
    assertThat(pricing.browser()).isEqualTo("Chrome");
    assertThat(pricing.os()).isEqualTo("Linux");

    browser.findElement(By.id("trial")).click();
    Event signup = awaitEvent("Signup event", e -> e.name().equals("Signup"));
    assertThat(signup.type()).isEqualTo(EventType.CUSTOM_EVENT);
    assertThat(signup.pathname()).isEqualTo("/pricing");
    assertThat(signup.props()).containsEntry("plan", "pro");
    assertThat(signup.sessionId()).isEqualTo(pricing.sessionId());

    browser.get(url("127.0.0.1", "/app/"));
    awaitEvent("pageview of /app/", pageview("/app/"));
    browser.findElement(By.linkText("Reports")).click();
    wait.until(ExpectedConditions.textToBe(By.id("view"), "Reports"));
    Event spa = awaitEvent("SPA pageview of /app/reports", pageview("/app/reports"));
    assertThat(spa.sessionId()).isEqualTo(pricing.sessionId());
    // replaceState to the same path is not another pageview.
    ((JavascriptExecutor) browser).executeScript("history.replaceState({}, '', location.pathname)");

    // Leaving the app page fires "Time on page" from a pagehide listener: only a beacon survives.
    browser.get(url("127.0.0.1", "/"));
    Event hidden = awaitEvent("Time on page event", e -> e.name().equals("Time on page"));
    assertThat(hidden.pathname()).isEqualTo("/app/reports");
    assertThat(hidden.interactive()).isFalse();
    assertThat(hidden.props()).containsKey("seconds");
    awaitEvent("pageview of /", pageview("/"));

    assertThat(events()).filteredOn(pageview("/app/reports")).hasSize(1);
    assertThat(browser.manage().getCookies()).isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript(
        "return localStorage.length + sessionStorage.length")).isEqualTo(0L);
  }

  @Test
  void scriptFromAnotherOrigin_sendsToItsOwnOrigin() throws Exception {
    browser = Browser.start(dir.resolve("chromium"), true);
    browser.get(url("127.0.0.2", "/docs"));
    new WebDriverWait(browser, WAIT).until(ExpectedConditions.titleContains("Docs"));
    // The page on 127.0.0.2 loads the script from 127.0.0.1, as a site using a separate analytics
    // host would; events go to 127.0.0.1's /api/event, cross-origin.
    ((JavascriptExecutor) browser).executeScript("var s = document.createElement('script');"
        + "s.src = arguments[0]; s.setAttribute('data-website-id', 'demo');"
        + "s.setAttribute('data-allow-local', ''); history.replaceState({}, '', '/cross-origin');"
        + "document.head.appendChild(s);", url("127.0.0.1", "/analytics.js"));
    Event event = awaitEvent("cross-origin pageview", pageview("/cross-origin"));
    assertThat(event.hostname()).isEqualTo("127.0.0.2");
  }

  @Test
  void identityStorageMode_keepsRandomIdsOnlyWhenThePageOptsIn() throws Exception {
    browser = Browser.start(dir.resolve("chromium"), true);
    JavascriptExecutor js = (JavascriptExecutor) browser;
    browser.get(url("127.0.0.1", "/docs"));
    awaitEvent("default pageview", pageview("/docs"));
    assertThat(js.executeScript("return localStorage.length + sessionStorage.length")).isEqualTo(0L);

    js.executeScript("var s = document.createElement('script');"
        + "s.src = '/analytics.js'; s.setAttribute('data-website-id', 'demo');"
        + "s.setAttribute('data-allow-local', ''); s.setAttribute('data-identity', 'storage');"
        + "history.replaceState({}, '', '/identity'); document.head.appendChild(s);");
    awaitEvent("pageview in identity mode", pageview("/identity"));

    Object visitorId = js.executeScript("return localStorage.getItem('footfall_vid')");
    assertThat(visitorId).isInstanceOf(String.class);
    assertThat((String) visitorId).hasSizeGreaterThan(5);
    assertThat(js.executeScript("return sessionStorage.getItem('footfall_sid')")).isNotNull();
    assertThat(browser.manage().getCookies()).isEmpty();
  }

  @Test
  void automatedBrowser_notTrackedUnlessThePageOptsIn() throws Exception {
    browser = Browser.start(dir.resolve("chromium"), false);
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    browser.get(url("127.0.0.1", "/pricing"));
    wait.until(ExpectedConditions.titleContains("Pricing"));
    browser.findElement(By.id("trial")).click();
    assertThat(((JavascriptExecutor) browser).executeScript("return navigator.webdriver"))
        .isEqualTo(true);
    // The script sends nothing at all: give a stray request time to arrive, then count requests.
    Thread.sleep(1000);
    assertThat(analytics.stats().received()).isZero();

    // A script tag with data-allow-webdriver opts in.
    ((JavascriptExecutor) browser).executeScript("var s = document.createElement('script');"
        + "s.src = '/analytics.js'; s.setAttribute('data-website-id', 'demo');"
        + "s.setAttribute('data-allow-local', ''); s.setAttribute('data-allow-webdriver', '');"
        + "document.head.appendChild(s);");
    awaitEvent("opted-in pageview", pageview("/pricing"));
  }
}
