package dev.footfall.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.EmailRecipient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's "Email reports" panel in headless Chromium: a recipient added there is stored,
 * an invalid address is refused with the API's words, and a removed recipient is gone; the
 * unsubscribe link asks to confirm, then unsubscribes.
 */
final class EmailReportsBrowserIT {
  @TempDir
  Path dir;

  private DashboardFixture dashboard;
  private Analytics analytics;
  private ChromeDriver browser;

  @BeforeEach
  void start() throws Exception {
    dashboard = new DashboardFixture(dir.resolve("profile"));
    analytics = dashboard.analytics;
  }

  @AfterEach
  void stop() {
    if (dashboard != null) {
      dashboard.close();
    }
  }

  private String url(String path) {
    return dashboard.url(path);
  }

  private WebDriverWait waiting() {
    return dashboard.waiting();
  }

  private void openPanel() {
    waiting().until(d -> !d.findElements(By.cssSelector("[data-panel='email'] summary")).isEmpty());
    if (browser.findElement(By.cssSelector("[data-panel='email'] details"))
        .getDomAttribute("open") == null) {
      browser.findElement(By.cssSelector("[data-panel='email'] summary")).click();
    }
  }

  private void add(String address) {
    openPanel();
    browser.findElement(By.cssSelector("[data-panel='email'] input[aria-label='Email address']"))
        .sendKeys(address);
    browser.findElement(By.cssSelector("[data-panel='email'] .add-email button")).click();
  }

  @Test
  void panel_addsRefusesAndRemovesRecipients_andTheLinkUnsubscribes() {
    dashboard.logIn("/admin/websites/shop/analytics?period=7d");
    browser = dashboard.browser();

    add("ann@example.com");
    waiting().until(d -> d.findElements(By.cssSelector("[data-panel='email'] [data-email-recipient]"))
        .size() == 1);
    assertThat(analytics.emailReports().list("shop")).extracting(EmailRecipient::address)
        .containsExactly("ann@example.com");
    assertThat(browser.findElement(By.cssSelector("[data-panel='email'] [data-email-recipient]"))
        .getText()).contains("ann@example.com — weekly");

    // The browser's own check of type=email lets "ann@localhost" through; the API refuses it.
    add("ann@localhost");
    waiting().until(d -> d.findElement(By.cssSelector("[data-panel='email'] .error"))
        .isDisplayed());
    assertThat(browser.findElement(By.cssSelector("[data-panel='email'] .error")).getText())
        .startsWith("address must be an email address such as ann@example.com");

    String token = analytics.emailReports().list("shop").get(0).unsubscribeToken();
    browser.get(url("/email/unsubscribe/" + token));
    assertThat(browser.findElement(By.tagName("body")).getText())
        .contains("Stop the weekly email reports of Shop?");
    assertThat(analytics.emailReports().list("shop")).hasSize(1);
    browser.findElement(By.cssSelector("form button")).click();
    waiting().until(d -> d.findElement(By.tagName("body")).getText().contains("unsubscribed"));
    assertThat(analytics.emailReports().list("shop")).isEmpty();

    analytics.emailReports().subscribe("shop", "bob@example.com",
        dev.footfall.ReportCadence.MONTHLY);
    browser.get(url("/admin/websites/shop/analytics?period=7d"));
    dashboard.waitUntilLoaded();
    openPanel();
    browser.findElement(By.cssSelector("[data-panel='email'] [data-email-recipient] .delete"))
        .click();
    waiting().until(d -> d.findElements(By.cssSelector("[data-panel='email'] [data-email-recipient]"))
        .isEmpty());
    assertThat(analytics.emailReports().list("shop")).isEmpty();
  }
}
