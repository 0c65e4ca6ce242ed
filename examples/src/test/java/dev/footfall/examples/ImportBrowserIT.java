package dev.footfall.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.DateRange;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's "Imported data" panel in headless Chromium: a site owner uploads another site's
 * export, sees its numbers marked as imported, is told which line of a broken file is wrong, and
 * deletes the import.
 */
final class ImportBrowserIT {
  @TempDir
  Path dir;

  private DashboardFixture dashboard;
  private Analytics analytics;

  @BeforeEach
  void start() throws Exception {
    dashboard = new DashboardFixture(dir.resolve("profile"));
    analytics = dashboard.analytics;
    analytics.sites().save(Site.of("moved", "moved.example", ZoneOffset.UTC, "Moved",
        Instant.EPOCH));
    for (String visitor : new String[] {"v1", "v2", "v3"}) {
      analytics.tracker().track(TrackRequest.pageview("shop", "https://shop.example/")
          .visitorId(visitor).timestamp(Instant.now().minusSeconds(600))
          .context(RequestContext.of("", Browser.DESKTOP_CHROME)).build());
    }
    analytics.flush(DashboardFixture.WAIT);
  }

  @AfterEach
  void stop() {
    if (dashboard != null) {
      dashboard.close();
    }
  }

  @Test
  void importPanel_uploadsShowsAndDeletesAnImport() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Path export = dir.resolve("shop.zip");
    try (OutputStream out = Files.newOutputStream(export)) {
      analytics.exports().write("shop", new DateRange(today, today), out);
    }
    Path broken = dir.resolve("broken.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(broken))) {
      zip.putNextEntry(new ZipEntry("imported_visitors_20250101_20250131.csv"));
      zip.write(("\"date\",\"visitors\",\"pageviews\",\"bounces\",\"visits\","
          + "\"visit_duration\"\n\"2025-01-01\",x,1,1,1,0\n").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    dashboard.logIn("/admin/websites/moved/analytics?period=day");
    ChromeDriver browser = dashboard.browser();
    WebDriverWait waiting = dashboard.waiting();
    assertThat(visitors()).isEqualTo("0");

    browser.findElement(By.cssSelector("[data-panel=imports] summary")).click();
    browser.findElement(By.cssSelector("[data-panel=imports] input[type=file]"))
        .sendKeys(broken.toString());
    browser.findElement(By.cssSelector("[data-panel=imports] button[type=submit]")).click();
    waiting.until(d -> d.findElement(By.id("import-error")).isDisplayed());
    assertThat(browser.findElement(By.id("import-error")).getText()).isEqualTo(
        "imported_visitors_20250101_20250131.csv line 2, column visitors: \"x\" is not a whole"
            + " number of at most 18 digits");

    browser.findElement(By.cssSelector("[data-panel=imports] input[type=file]"))
        .sendKeys(export.toString());
    browser.findElement(By.cssSelector("[data-panel=imports] button[type=submit]")).click();
    waiting.until(d -> !d.findElements(By.cssSelector("[data-import]")).isEmpty());

    assertThat(browser.findElement(By.cssSelector("[data-import] span")).getText())
        .isEqualTo("shop.zip: " + today + " to " + today + " (" + analytics.imports()
            .list("moved").get(0).rows() + " rows)");
    assertThat(visitors()).isEqualTo("3");
    assertThat(browser.findElement(By.id("imported-note")).getText())
        .isEqualTo("Includes data imported from Plausible for 1 day without events of their own.");

    browser.findElement(By.cssSelector("[data-import] .delete")).click();
    waiting.until(d -> d.findElements(By.cssSelector("[data-import]")).isEmpty()
        && visitors().equals("0"));
    assertThat(analytics.imports().list("moved")).isEmpty();
    assertThat(browser.findElements(By.id("imported-note"))).isEmpty();
  }

  private String visitors() {
    return dashboard.browser().findElement(By.cssSelector("[data-metric=visitors] .value"))
        .getDomAttribute("data-value");
  }
}
