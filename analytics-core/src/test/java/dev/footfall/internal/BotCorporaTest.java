package dev.footfall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.DropReason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.junit.jupiter.api.Test;

/**
 * The bot filter (yauaa's classes plus the bundled pattern list) measured on public corpora: its
 * recall on crawlers and its false positives on real browsers, the figures README.md quotes. Each
 * test prints its figures.
 */
final class BotCorporaTest {
  private static final UserAgentClassifier CLASSIFIER =
      new UserAgentClassifier(UserAgentClassifier.sharedAnalyzer(), 20_000);

  @Test
  void crawlerCorpus_recallAtLeast99Percent() {
    Tally tally = Tally.of(BotCorpora.crawlers());

    System.out.printf(Locale.ROOT, "Crawler corpus (%s): %s%n", BotCorpora.source("crawlers"),
        tally.summary());
    tally.kept.forEach(ua -> System.out.println("  kept: " + ua));
    assertThat(tally.rate()).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void browserCorpus_noFalsePositives() {
    Tally tally = Tally.of(BotCorpora.browsers());

    System.out.printf(Locale.ROOT, "Browser corpus (%s): %s%n", BotCorpora.source("browsers"),
        tally.summary());
    assertThat(tally.dropped).as("real browsers dropped").isEmpty();
  }

  /**
   * A check independent of isbot, whose maintainers test it on crawler-user-agents and whose output
   * intoli's collector already excluded: yauaa's own test cases of browsers (DeviceClass Desktop,
   * Phone or Tablet and AgentClass Browser, read from the yauaa jar), which include decades-old and
   * deliberately odd User-Agents. The list drops a few; the bound only notices if a refresh makes
   * it many more.
   */
  @Test
  void yauaaBrowserTestCases_fewDropped() throws IOException, URISyntaxException {
    List<String> browsers = yauaaBrowserTestCases();
    Tally tally = Tally.of(browsers);

    System.out.printf(Locale.ROOT, "yauaa's browser test cases: %s%n", tally.summary());
    tally.dropped.entrySet().stream().limit(40)
        .forEach(e -> System.out.println("  dropped (" + e.getValue() + "): " + e.getKey()));
    if (tally.dropped.size() > 40) {
      System.out.println("  … and " + (tally.dropped.size() - 40) + " more");
    }
    assertThat(browsers).as("test cases read from the yauaa jar").hasSizeGreaterThan(1_000);
    assertThat(tally.rate()).isLessThan(0.06);
  }

  /** What the ingest pipeline decides for a User-Agent, as {@link Enricher} asks it. */
  private static Optional<DropReason> decide(String userAgent, ClientInfo[] client) {
    boolean classifiable = !userAgent.isBlank()
        && userAgent.length() <= BotFilter.MAX_USER_AGENT_LENGTH;
    client[0] = classifiable ? CLASSIFIER.classify(userAgent) : ClientInfo.UNKNOWN;
    return BotFilter.check(userAgent, client[0], false);
  }

  private static final class Tally {
    final int total;
    final Map<String, String> dropped = new LinkedHashMap<>();
    final List<String> kept = new ArrayList<>();
    final Map<DropReason, Integer> byReason = new EnumMap<>(DropReason.class);
    int byList;

    private Tally(int total) {
      this.total = total;
    }

    static Tally of(List<String> userAgents) {
      Tally tally = new Tally(userAgents.size());
      ClientInfo[] client = new ClientInfo[1];
      for (String userAgent : userAgents) {
        Optional<DropReason> reason = decide(userAgent, client);
        if (reason.isEmpty()) {
          tally.kept.add(userAgent);
          continue;
        }
        tally.dropped.put(userAgent, reason.get().name());
        tally.byReason.merge(reason.get(), 1, Integer::sum);
        if (client[0].listedBot()) {
          tally.byList++;
        }
      }
      return tally;
    }

    double rate() {
      return (double) dropped.size() / total;
    }

    String summary() {
      return String.format(Locale.ROOT,
          "%,d User-Agents, %,d dropped (%.2f %%; %,d by yauaa's classes, headless or length,"
              + " %,d more by the pattern list), %,d kept; dropped by reason %s",
          total, dropped.size(), 100 * rate(), dropped.size() - byList, byList, kept.size(),
          byReason);
    }
  }

  private static final Pattern TEST_START = Pattern.compile("^- test:\\s*$");
  private static final Pattern SECTION = Pattern.compile("^\\s+(input|expected):\\s*$");
  private static final Pattern FIELD = Pattern.compile("^\\s+([\\w-]+)\\s*:\\s*'(.*)'\\s*$");

  /**
   * The User-Agents of yauaa's test cases that expect a browser on a desktop, phone or tablet and
   * have no input but the User-Agent (others carry client hints that change the answer).
   */
  private static List<String> yauaaBrowserTestCases() throws IOException, URISyntaxException {
    Path jar = Path.of(UserAgentAnalyzer.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    Set<String> result = new LinkedHashSet<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : file.stream().toList()) {
        if (!entry.getName().startsWith("UserAgents/") || !entry.getName().endsWith(".yaml")) {
          continue;
        }
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
          readTestCases(reader, result);
        }
      }
    }
    return List.copyOf(result);
  }

  private static void readTestCases(BufferedReader reader, Set<String> result) throws IOException {
    Map<String, String> input = new HashMap<>();
    Map<String, String> expected = new HashMap<>();
    String section = "";
    for (String line = reader.readLine(); ; line = reader.readLine()) {
      if (line == null || line.startsWith("-") || line.startsWith("config")) {
        String userAgent = input.size() == 1
            ? input.getOrDefault("user_agent_string", input.get("User-Agent")) : null;
        String deviceClass = expected.getOrDefault("DeviceClass", "");
        if (userAgent != null && "Browser".equals(expected.get("AgentClass"))
            && Set.of("Desktop", "Phone", "Tablet").contains(deviceClass)) {
          result.add(userAgent);
        }
        input.clear();
        expected.clear();
        section = "";
        if (line == null) {
          return;
        }
        if (!TEST_START.matcher(line).matches()) {
          continue;
        }
        section = "test";
        continue;
      }
      if (section.isEmpty() || line.trim().startsWith("#")) {
        continue;
      }
      Matcher header = SECTION.matcher(line);
      if (header.matches()) {
        section = header.group(1);
        continue;
      }
      Matcher field = FIELD.matcher(line);
      if (field.matches()) {
        String value = field.group(2).replace("''", "'");
        (section.equals("input") ? input : expected).put(field.group(1), value);
      } else if (section.equals("input") && !line.isBlank()) {
        input.put("?", line); // an input this reader does not understand: skip the test
      }
    }
  }
}
