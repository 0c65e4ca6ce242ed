package dev.footfall.servlet;

import java.util.regex.Pattern;

/** A path glob: {@code *} matches within one path segment, {@code **} across segments. */
final class PathPattern {
  private final Pattern regex;

  private PathPattern(Pattern regex) {
    this.regex = regex;
  }

  static PathPattern compile(String glob) {
    if (!glob.startsWith("/")) {
      throw new IllegalArgumentException("path pattern must start with '/' but was '" + glob + "'");
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new PathPattern(Pattern.compile(regex.toString()));
  }

  boolean matches(String path) {
    return regex.matcher(path).matches();
  }
}
