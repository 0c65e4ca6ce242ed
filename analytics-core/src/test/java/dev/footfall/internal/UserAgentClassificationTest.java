package dev.footfall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.DropReason;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** User-Agent classification and the bot filter, over real User-Agent strings. */
final class UserAgentClassificationTest {
  private static final UserAgentClassifier CLASSIFIER =
      new UserAgentClassifier(UserAgentClassifier.sharedAnalyzer(), 100);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      desktop Chrome  | Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome | 131 | Windows | desktop
      desktop Firefox | Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox | 133 | Windows | desktop
      desktop Safari  | Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15 | Safari | 18 | Mac OS | desktop
      desktop Edge    | Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 | Edge | 131 | Windows | desktop
      iPhone          | Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1 | Safari | 18 | iOS | mobile
      iPad            | Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1 | Safari | 17 | iOS | tablet
      Android phone   | Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 | Chrome | 131 | Android | mobile
      Android tablet  | Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome | 131 | Android | tablet
      """)
  void browsers_classifiedAndKept(String label, String userAgent, String browser,
      String version, String os, String deviceType) {
    ClientInfo client = CLASSIFIER.classify(userAgent);

    assertThat(client.browser()).isEqualTo(browser);
    assertThat(client.browserVersion()).isEqualTo(version);
    assertThat(client.os()).isEqualTo(os);
    assertThat(client.deviceType()).isEqualTo(deviceType);
    assertThat(BotFilter.check(userAgent, client, false)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      Googlebot       | Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | BOT
      bingbot         | Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) | BOT
      curl            | curl/8.5.0 | BOT
      python-requests | python-requests/2.31.0 | BOT
      headless Chrome | Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36 | HEADLESS_BROWSER
      garbage         | x | INVALID_USER_AGENT
      SQL injection   | ' OR 1=1 -- | INVALID_USER_AGENT
      """)
  void robots_dropped(String label, String userAgent, DropReason expected) {
    ClientInfo client = CLASSIFIER.classify(userAgent);
    assertThat(BotFilter.check(userAgent, client, false)).contains(expected);
  }

  /**
   * The examples issue 16 found counted as visitors: yauaa takes them for browsers or does not know
   * them, and the bundled bot-pattern list catches them. Strings from the crawler corpus.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      Python-urllib         | Python-urllib/2.5
      aiohttp               | Python/3.9 aiohttp/3.7.3
      python-httpx          | python-httpx/0.16.1
      http.rb               | http.rb/2.2.2 (Mastodon/1.5.1; +https://example-masto-instance.org/)
      WhatsApp              | WhatsApp/2.12.15/i
      meta-externalagent    | meta-externalagent/1.1
      Chrome-Lighthouse     | Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36(KHTML, like Gecko) Chrome/69.0.3464.0 Safari/537.36 Chrome-Lighthouse
      Google-InspectionTool | Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/W.X.Y.Z Mobile Safari/537.36 (compatible; Google-InspectionTool/1.0)
      Playwright            | Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Playwright/1.40.0
      Selenium              | Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36; Selenium
      Blackbox Exporter     | Blackbox Exporter/0.20.0-rc.0
      Server Density        | Server Density Service Monitoring v2Server Density Agent
      """)
  void issue16Examples_droppedAsBots(String label, String userAgent) {
    ClientInfo client = CLASSIFIER.classify(userAgent);
    assertThat(client.listedBot()).as("on the pattern list").isTrue();
    assertThat(BotFilter.check(userAgent, client, false)).contains(DropReason.BOT);
  }

  @ParameterizedTest(name = "blank user agent, client visitor id {0}")
  @CsvSource({"false, INVALID_USER_AGENT", "true, "})
  void emptyUserAgent_droppedUnlessVisitorIdSupplied(boolean hasVisitorId, DropReason expected) {
    assertThat(BotFilter.check("", ClientInfo.UNKNOWN, hasVisitorId))
        .isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest(name = "length {0}")
  @CsvSource({"1024, false", "1025, true"})
  void absurdlyLongUserAgent_dropped(int length, boolean dropped) {
    String userAgent = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) " + "A".repeat(length))
        .substring(0, length);
    ClientInfo client =
        new ClientInfo("Desktop", "Browser", "Chrome", "131", "Windows", "", "desktop", false);
    assertThat(BotFilter.check(userAgent, client, false).isPresent()).isEqualTo(dropped);
  }
}
