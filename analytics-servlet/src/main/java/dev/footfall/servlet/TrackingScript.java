package dev.footfall.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * The client script {@code analytics.js}, loaded once from the jar, with its gzip form and ETag.
 *
 * <p>The script is minified by hand, with no comment, to stay within its budget of 1 KB gzipped
 * (the README's "Client script" says what it does). Its names: {@code t} sends an event ({@code
 * window.trackEvent}; {@code m} name, {@code p} props, {@code o} options, {@code x} fields that
 * replace the body's); {@code v} sends a pageview when the path changed, after {@code g}, which
 * sends the previous page's engagement: its URL {@code U}, deepest scroll {@code D} (%, kept by
 * {@code c} on scroll) and engaged time {@code E} (ms visible since the last engagement sent,
 * counted from {@code T}, 0 while hidden). {@code g} also runs on {@code pagehide} and when the
 * page is hidden. {@code I} reads or creates a stored id; {@code a} reads a {@code data-}
 * attribute of the script tag; {@code A} is the endpoint, {@code H} hash mode, {@code L} the last
 * path.
 */
final class TrackingScript {
  static final String CONTENT_TYPE = "text/javascript; charset=utf-8";
  static final String CACHE_CONTROL = "public, max-age=3600";

  final byte[] plain;
  final byte[] gzipped;
  final String etag;

  private TrackingScript(byte[] plain) {
    this.plain = plain;
    this.gzipped = gzip(plain);
    this.etag = "\"" + sha256(plain).substring(0, 20) + "\"";
  }

  static TrackingScript load() {
    try (InputStream in = TrackingScript.class.getResourceAsStream("analytics.js")) {
      if (in == null) {
        throw new IllegalStateException("analytics.js is missing from the jar");
      }
      return new TrackingScript(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read analytics.js", e);
    }
  }

  /** Returns whether an {@code If-None-Match} header matches the current version. */
  boolean matches(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip();
      if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
