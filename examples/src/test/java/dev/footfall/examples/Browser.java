package dev.footfall.examples;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver; nothing is downloaded. Installed by
 * {@code .ci/run} when missing.
 */
final class Browser {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  /** A desktop Chrome User-Agent: headless Chromium's own says "HeadlessChrome", a bot. */
  static final String DESKTOP_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  private Browser() {}

  /**
   * Skips the calling test when Chromium is not installed, so that {@code mvn verify} works on a
   * machine with only a JDK and Maven; under CI ({@code CI=true}), where {@code .ci/run} installs
   * it, a missing browser fails the test instead.
   */
  static void assumeInstalled() {
    boolean installed = Files.isExecutable(Path.of(CHROMIUM))
        && Files.isExecutable(Path.of(CHROMEDRIVER));
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(CHROMIUM + " and " + CHROMEDRIVER
          + " are required under CI; .ci/run installs them");
    }
    Assumptions.assumeTrue(installed, "Chromium is not installed (apt-get install chromium"
        + " chromium-driver); browser tests skipped");
  }

  /**
   * Starts Chromium.
   *
   * @param profile an empty directory for the browser profile (a test's temporary directory, so
   *     that it is removed afterwards)
   * @param hideAutomation whether to opt in to tracking under automation: Chromium then reports
   *     {@code navigator.webdriver} as false, as a person's browser does
   */
  static ChromeDriver start(Path profile, boolean hideAutomation, String... extraArguments) {
    List<String> arguments = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--user-data-dir=" + profile,
        "--user-agent=" + DESKTOP_CHROME, "--window-size=1280,900"));
    if (hideAutomation) {
      arguments.add("--disable-blink-features=AutomationControlled");
    }
    arguments.addAll(List.of(extraArguments));
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments(arguments);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }
}
