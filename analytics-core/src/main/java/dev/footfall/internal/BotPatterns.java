package dev.footfall.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A list of bot User-Agent patterns, written for JavaScript, compiled for Java. The bundled list
 * ({@link #bundled()}) is isbot's, a maintained list of crawlers, HTTP libraries, link-preview
 * fetchers, audit and automation tools and monitors that yauaa does not all class as robots;
 * {@code analytics-core/refresh-bot-patterns.sh} refreshes it, and {@code
 * bots/isbot-patterns.properties} beside it records its source, version, checksum and licence.
 *
 * <p>Each pattern is translated by {@link JsRegex} and compiled alone: one that cannot be translated
 * or compiled is left out and listed in {@link #skipped()}, never allowed to break the others (a
 * test requires the bundled list to have none). Matching tests each pattern's required literal
 * ({@link JsRegex#requiredLiteral}) with {@code String.contains} first, and runs the regex only
 * where it is present: a browser's User-Agent costs about 20 µs instead of several hundred for one
 * combined pattern, which Java tries alternative by alternative at every position. {@link
 * #combined()} is that one pattern, the reference the tests hold the fast path to. Immutable and
 * thread-safe.
 */
public final class BotPatterns {
  /** The bundled list, as a resource beside this class. */
  static final String BUNDLED_RESOURCE = "bots/isbot-patterns.txt";

  private static final int FLAGS = Pattern.CASE_INSENSITIVE;

  private final List<String> sources;
  private final List<Pattern> patterns;
  /** Per pattern, a lower-case literal every match contains, or "" for none. */
  private final String[] literals;
  private final List<String> skipped;
  private final Pattern combined;

  private BotPatterns(List<String> javaScriptPatterns) {
    List<String> kept = new ArrayList<>();
    List<Pattern> compiled = new ArrayList<>();
    List<String> required = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    StringBuilder joined = new StringBuilder();
    for (String source : javaScriptPatterns) {
      try {
        String java = JsRegex.toJava(source);
        compiled.add(Pattern.compile(java, FLAGS));
        kept.add(source);
        required.add(JsRegex.requiredLiteral(source));
        joined.append(joined.length() == 0 ? "" : "|").append("(?:").append(java).append(')');
      } catch (IllegalArgumentException e) { // PatternSyntaxException is one
        String why = e instanceof PatternSyntaxException syntax ? syntax.getDescription()
            : e.getMessage();
        refused.add(source + " — " + why);
      }
    }
    this.sources = List.copyOf(kept);
    this.patterns = List.copyOf(compiled);
    this.literals = required.toArray(String[]::new);
    this.skipped = List.copyOf(refused);
    this.combined = Pattern.compile(joined.length() == 0 ? "(?!)" : joined.toString(), FLAGS);
  }

  /** Compiles a list of JavaScript patterns, leaving out (and listing) any that fail. */
  public static BotPatterns of(List<String> javaScriptPatterns) {
    return new BotPatterns(javaScriptPatterns);
  }

  /** The bundled list, read and compiled once per JVM, on first use. */
  public static BotPatterns bundled() {
    return Bundled.INSTANCE;
  }

  private static final class Bundled {
    static final BotPatterns INSTANCE = of(readBundled());
  }

  /** Reads the bundled list: one pattern a line; blank lines are ignored. */
  static List<String> readBundled() {
    InputStream in = BotPatterns.class.getResourceAsStream(BUNDLED_RESOURCE);
    if (in == null) {
      throw new IllegalStateException("missing resource " + BUNDLED_RESOURCE);
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /** Whether any pattern matches somewhere in the User-Agent. */
  public boolean matches(String userAgent) {
    String lower = asciiLowerCase(userAgent);
    for (int i = 0; i < literals.length; i++) {
      if (lower.contains(literals[i]) && patterns.get(i).matcher(userAgent).find()) {
        return true;
      }
    }
    return false;
  }

  /** The whole list as one pattern: the slow reference that {@link #matches} must agree with. */
  Pattern combined() {
    return combined;
  }

  /** Lower-cases ASCII letters only, as the patterns' case-insensitivity does. */
  private static String asciiLowerCase(String text) {
    char[] chars = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (chars == null) {
          chars = text.toCharArray();
        }
        chars[i] = (char) (c + ('a' - 'A'));
      }
    }
    return chars == null ? text : new String(chars);
  }

  /** The first listed pattern (in its JavaScript form) that matches, for tests and diagnostics. */
  public Optional<String> firstMatch(String userAgent) {
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).matcher(userAgent).find()) {
        return Optional.of(sources.get(i));
      }
    }
    return Optional.empty();
  }

  /** How many patterns are in use. */
  public int size() {
    return patterns.size();
  }

  /** The patterns left out, each with why. */
  public List<String> skipped() {
    return skipped;
  }
}
