package dev.footfall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The bundled bot-pattern list and its compilation; no yauaa here. */
final class BotPatternsTest {

  @Test
  void bundledList_everyPatternTranslatesAndCompiles() {
    BotPatterns bundled = BotPatterns.bundled();

    assertThat(bundled.skipped()).isEmpty();
    assertThat(bundled.size())
        .isEqualTo(BotPatterns.readBundled().size())
        .isEqualTo(Integer.parseInt(properties().getProperty("patterns")));
  }

  @Test
  void bundledList_matchesItsRecordedChecksumAndLicence() throws Exception {
    Properties properties = properties();
    byte[] list = resource(BotPatterns.class, BotPatterns.BUNDLED_RESOURCE);

    assertThat(properties.getProperty("file")).isEqualTo("isbot-patterns.txt");
    assertThat(sha256(list)).isEqualTo(properties.getProperty("sha256"));
    assertThat(properties.getProperty("licence")).startsWith("Unlicense");
    assertThat(properties.getProperty("attribution")).contains("isbot");
  }

  @Test
  void aPatternThatCannotBeTranslatedOrCompiled_isLeftOutAndListed() {
    BotPatterns patterns = BotPatterns.of(List.of(
        "(a)\\1",         // a back-reference: refused by the translator
        "(?<!(?:ab)+)c",  // an unbounded look-behind: JavaScript has them, Java refuses them
        "crawler"));

    assertThat(patterns.size()).isEqualTo(1);
    assertThat(patterns.skipped()).hasSize(2)
        .anySatisfy(s -> assertThat(s).startsWith("(a)\\1 — back-references"))
        .anySatisfy(s -> assertThat(s).startsWith("(?<!(?:ab)+)c — Look-behind"));
    assertThat(patterns.matches("MyCrawler/1.0")).isTrue();
    assertThat(patterns.matches("abc")).isFalse();
  }

  @Test
  void firstMatch_namesThePattern() {
    BotPatterns bundled = BotPatterns.bundled();

    assertThat(bundled.firstMatch("Mozilla/5.0 (compatible; Chrome-Lighthouse)"))
        .contains("chrome-lighthouse");
    assertThat(bundled.firstMatch("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
        + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")).isEmpty();
  }

  /**
   * The required-literal shortcut of {@link BotPatterns#matches} answers exactly as the whole list
   * compiled into one pattern, on every string of both corpora.
   */
  @Test
  void fastPath_agreesWithTheCombinedPattern_onBothCorpora() {
    BotPatterns bundled = BotPatterns.bundled();
    List<String> all = new java.util.ArrayList<>(BotCorpora.crawlers());
    all.addAll(BotCorpora.browsers());
    int matched = 0;
    for (String userAgent : all) {
      boolean reference = bundled.combined().matcher(userAgent).find();
      assertThat(bundled.matches(userAgent)).as(userAgent).isEqualTo(reference);
      matched += reference ? 1 : 0;
    }
    assertThat(matched).isPositive().isLessThan(all.size());
  }

  private static Properties properties() {
    Properties properties = new Properties();
    try (InputStream in =
        BotPatterns.class.getResourceAsStream("bots/isbot-patterns.properties")) {
      properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  static byte[] resource(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] data) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
