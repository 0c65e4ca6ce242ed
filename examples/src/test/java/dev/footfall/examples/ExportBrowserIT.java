package dev.footfall.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.RequestContext;
import dev.footfall.TrackRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's Export button in headless Chromium: it fetches the period's ZIP from the admin
 * API with the key the dashboard holds and hands it to the browser under the server's file name.
 */
final class ExportBrowserIT {
  @TempDir
  Path dir;

  private DashboardFixture dashboard;

  @BeforeEach
  void start() throws Exception {
    dashboard = new DashboardFixture(dir.resolve("profile"));
    dashboard.analytics.tracker().track(TrackRequest.pageview("shop", "https://shop.example/")
        .visitorId("v1").timestamp(Instant.now().minusSeconds(600))
        .context(RequestContext.of("", Browser.DESKTOP_CHROME)).build());
    dashboard.analytics.flush(DashboardFixture.WAIT);
  }

  @AfterEach
  void stop() {
    if (dashboard != null) {
      dashboard.close();
    }
  }

  @Test
  void exportButton_downloadsThePeriodsZip() {
    dashboard.logIn("/admin/websites/shop/analytics?period=7d");
    ChromeDriver browser = dashboard.browser();
    WebDriverWait waiting = dashboard.waiting();
    // Catch the download: the blob handed to the browser and the link's file name.
    browser.executeScript("window.__downloads = [];"
        + "var create = URL.createObjectURL;"
        + "URL.createObjectURL = function (blob) { window.__blob = blob; return create(blob); };"
        + "HTMLAnchorElement.prototype.click = function () {"
        + "  var name = this.download;"
        + "  window.__blob.arrayBuffer().then(function (buffer) {"
        + "    var bytes = new Uint8Array(buffer);"
        + "    window.__downloads.push({name: name, size: bytes.length,"
        + "        magic: String.fromCharCode(bytes[0], bytes[1])});"
        + "  });"
        + "};");

    browser.findElement(By.id("export")).click();

    waiting.until(d -> ((List<?>) browser.executeScript("return window.__downloads")).size() > 0);
    Map<?, ?> download = (Map<?, ?>) ((List<?>) browser.executeScript(
        "return window.__downloads")).get(0);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    DateTimeFormatter compact = DateTimeFormatter.BASIC_ISO_DATE;
    assertThat(download.get("name")).isEqualTo("shop_example_"
        + compact.format(today.minusDays(6)) + "_" + compact.format(today) + ".zip");
    assertThat(download.get("magic")).isEqualTo("PK");
    assertThat(((Number) download.get("size")).longValue()).isGreaterThan(1000);
    assertThat(browser.findElement(By.id("export-error")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("export")).isEnabled()).isTrue();
  }
}
