package dev.footfall.examples;

import dev.footfall.Analytics;
import dev.footfall.Site;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.servlet.HttpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the dashboard's browser tests share: an in-memory {@link Analytics} with the site {@code
 * shop} (domain {@code shop.example}, UTC), served by a {@link DemoServer} on a free port with the
 * admin key {@link #KEY}, and a headless Chromium that {@link #logIn logs in} to a dashboard page.
 * Skips the test where Chromium is not installed. Closing it quits the browser, then stops the
 * server and closes the analytics.
 */
final class DashboardFixture implements AutoCloseable {
  static final String KEY = "dashboard-test-key-0123";
  /** How long a wait may last: long, as a condition is waited for, never a duration. */
  static final Duration WAIT = Duration.ofMinutes(5);

  final Analytics analytics;
  final DemoServer server;
  private final Path profile;
  private ChromeDriver browser;

  /** @param profile where the browser keeps its profile (a test's temporary folder) */
  DashboardFixture(Path profile) throws Exception {
    Browser.assumeInstalled();
    this.profile = profile;
    analytics = Analytics.builder().storage(InMemoryStorage.create()).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop", Instant.EPOCH));
    server = new DemoServer(analytics, HttpSettings.builder().adminApiKey(KEY).build(),
        "127.0.0.1", 0);
  }

  /** Returns the server's URL of a path. */
  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  /** Returns the browser, started on first use. */
  ChromeDriver browser() {
    if (browser == null) {
      browser = Browser.start(profile, false);
    }
    return browser;
  }

  /** Returns a wait of up to {@link #WAIT} on the browser. */
  WebDriverWait waiting() {
    return new WebDriverWait(browser(), WAIT);
  }

  /** Opens a dashboard page, logs in with {@link #KEY} and waits until the page has loaded. */
  void logIn(String path) {
    browser().get(url(path));
    waiting().until(d -> d.findElement(By.id("login")).isDisplayed());
    browser.findElement(By.id("key")).sendKeys(KEY);
    browser.findElement(By.cssSelector("#login button")).click();
    waitUntilLoaded();
  }

  /** Waits until the dashboard page has loaded its reports. */
  void waitUntilLoaded() {
    waiting().until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-loaded") != null);
  }

  @Override
  public void close() {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      server.close();
      analytics.close();
    }
  }
}
