package dev.footfall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * The vendored User-Agent corpora in {@code src/test/resources/dev/footfall/internal/bots}, written
 * by {@code analytics-core/refresh-bot-test-corpora.sh}; {@code corpora.properties} records their
 * sources, licences, sizes and checksums, which are checked on loading.
 */
final class BotCorpora {
  private BotCorpora() {}

  /** crawler-user-agents' instances (MIT): crawlers, libraries, monitors. */
  static List<String> crawlers() {
    return load("crawlers");
  }

  /** intoli user-agents' distinct User-Agents (BSD-2-Clause): real browsers. */
  static List<String> browsers() {
    return load("browsers");
  }

  /** Where a corpus comes from, as corpora.properties says. */
  static String source(String corpus) {
    return properties().getProperty(corpus + ".source");
  }

  private static List<String> load(String corpus) {
    Properties properties = properties();
    byte[] data = BotPatternsTest.resource(BotCorpora.class,
        "bots/" + properties.getProperty(corpus + ".file"));
    try {
      assertThat(BotPatternsTest.sha256(data)).as(corpus + " checksum")
          .isEqualTo(properties.getProperty(corpus + ".sha256"));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<String> lines = new String(data, StandardCharsets.UTF_8).lines()
        .filter(line -> !line.isEmpty()).toList();
    assertThat(lines).as(corpus).hasSize(Integer.parseInt(properties.getProperty(corpus + ".count")));
    return lines;
  }

  private static Properties properties() {
    Properties properties = new Properties();
    try (InputStream in = BotCorpora.class.getResourceAsStream("bots/corpora.properties")) {
      assertThat(in).as("corpora.properties").isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
