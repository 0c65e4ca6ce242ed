package dev.footfall.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Known names for referrer hosts ({@code news.ycombinator.com} is "Hacker News"), read from the data
 * file {@code referrer-sources.tsv} next to this class; its header says where the data comes from.
 * Immutable and thread-safe.
 */
public final class ReferrerSources {
  private static final String RESOURCE = "referrer-sources.tsv";

  private final Map<String, String> names;

  private ReferrerSources(Map<String, String> names) {
    this.names = Map.copyOf(names);
  }

  /** Loads the bundled data file. */
  public static ReferrerSources load() {
    try (InputStream in = ReferrerSources.class.getResourceAsStream(RESOURCE)) {
      Objects.requireNonNull(in, () -> "missing resource " + RESOURCE);
      Map<String, String> names = new HashMap<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        if (fields.length < 2) {
          throw new IllegalStateException(RESOURCE + " has a malformed line: " + line);
        }
        names.put(fields[0], fields[1]);
      }
      return new ReferrerSources(names);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Returns the name for a host (lower case, without {@code www.}), trying the host and then each
   * parent domain: {@code l.facebook.com}, then {@code facebook.com}.
   */
  public Optional<String> nameOf(String host) {
    String candidate = host;
    while (true) {
      String name = names.get(candidate);
      if (name != null) {
        return Optional.of(name);
      }
      int dot = candidate.indexOf('.');
      if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) {
        return Optional.empty();
      }
      candidate = candidate.substring(dot + 1);
    }
  }
}
