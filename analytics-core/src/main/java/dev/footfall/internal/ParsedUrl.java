package dev.footfall.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A URL split into the parts attribution needs, parsed leniently: browsers send URLs that {@link
 * java.net.URI} refuses (spaces, raw Unicode, stray {@code %}), and a bad escape must not lose the
 * event. Escapes are decoded as UTF-8; a {@code %} not followed by two hex digits is kept as written.
 *
 * @param scheme the scheme in lower case, or empty for a bare path
 * @param host the host in lower case, without user info or port, or empty
 * @param path the decoded path, {@code /} when empty
 * @param query the decoded query parameters; the first value of a repeated name wins
 */
public record ParsedUrl(String scheme, String host, String path, Map<String, String> query) {
  /** A URL scheme (RFC 3986), compiled once: parsing runs for every event's URL and referrer. */
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

  /** Parses an absolute URL ({@code scheme://host/path?query}) or a path ({@code /path?query}). */
  public static ParsedUrl parse(String url) {
    String rest = url.strip();
    String scheme = "";
    String host = "";
    int schemeEnd = rest.indexOf("://");
    if (schemeEnd > 0 && SCHEME.matcher(rest.substring(0, schemeEnd)).matches()) {
      scheme = rest.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      rest = rest.substring(schemeEnd + 3);
      int authorityEnd = indexOfAny(rest, "/?#");
      host = hostOf(rest.substring(0, authorityEnd));
      rest = rest.substring(authorityEnd);
    }
    int fragment = rest.indexOf('#');
    if (fragment >= 0) {
      rest = rest.substring(0, fragment);
    }
    int queryStart = rest.indexOf('?');
    String rawPath = queryStart >= 0 ? rest.substring(0, queryStart) : rest;
    String rawQuery = queryStart >= 0 ? rest.substring(queryStart + 1) : "";
    String path = decode(rawPath, false);
    return new ParsedUrl(scheme, host, path.isEmpty() ? "/" : path, parseQuery(rawQuery));
  }

  /** Returns the host without a leading {@code www.}. */
  public String hostWithoutWww() {
    return host.startsWith("www.") ? host.substring(4) : host;
  }

  private static String hostOf(String authority) {
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      return (close > 0 ? hostPort.substring(0, close + 1) : hostPort).toLowerCase(Locale.ROOT);
    }
    int colon = hostPort.indexOf(':');
    String host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host.toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq >= 0 ? pair.substring(0, eq) : pair, true);
      String value = eq >= 0 ? decode(pair.substring(eq + 1), true) : "";
      if (!name.isEmpty()) {
        query.putIfAbsent(name, value.strip());
      }
    }
    return query;
  }

  private static int indexOfAny(String text, String chars) {
    for (int i = 0; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }

  /** Decodes percent escapes as UTF-8 (and {@code +} as a space in query parts). */
  private static String decode(String text, boolean plusIsSpace) {
    if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 3;
        continue;
      }
      flush(bytes, out);
      out.append(plusIsSpace && c == '+' ? ' ' : c);
      i++;
    }
    flush(bytes, out);
    // A decoded %00 is dropped: some databases cannot store NUL characters.
    return out.indexOf("\0") < 0 ? out.toString() : out.toString().replace("\0", "");
  }

  private static boolean isHex(String text, int index) {
    return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() > 0) {
      out.append(new String(bytes.toByteArray(), UTF_8));
      bytes.reset();
    }
  }
}
