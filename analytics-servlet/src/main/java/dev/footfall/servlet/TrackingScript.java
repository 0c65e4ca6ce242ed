package dev.footfall.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A client script, loaded once from the jar, with its gzip form and ETag: {@code analytics.js}
 * ({@link #core()}), or {@code analytics.ext.js} ({@link #withExtensions()}), which is {@code
 * analytics.js} followed by {@code extensions.js}.
 *
 * <p>The core script is minified by hand, with no comment, to stay within its budget of 1 KB
 * gzipped (the README's "Client script" says what it does; {@code analytics.ext.js} may add 384
 * bytes gzipped for its extensions). Its names: {@code t} sends an event ({@code
 * window.trackEvent}; {@code m} name, {@code p} props, {@code o} options, {@code x} fields that
 * replace the body's); {@code v} sends a pageview when the path changed, after {@code g}, which
 * sends the previous page's engagement: its URL {@code U}, deepest scroll {@code D} (%, kept by
 * {@code c} on scroll) and engaged time {@code E} (ms visible since the last engagement sent,
 * counted from {@code T}, 0 while hidden). {@code g} also runs on {@code pagehide} and when the
 * page is hidden. {@code I} reads or creates a stored id; {@code a} reads a {@code data-}
 * attribute of the script tag; {@code A} is the endpoint, {@code H} hash mode, {@code L} the last
 * path, and the endpoint's regular expression also takes {@code analytics.ext.js}.
 *
 * <p>{@code extensions.js} runs right after it, in the same script (so {@code
 * document.currentScript} is still the tag), and sends through {@code window.trackEvent} ({@code
 * t}). Each extension is off unless its attribute is on the tag: {@code O} outbound links, {@code
 * F} file downloads (of the extensions {@code X}, {@code data-file-types} or Plausible's default
 * list), and {@code data-404}. {@code c} handles {@code click} and middle-button {@code auxclick}
 * on a link with a host: another host than the page's is an outbound link, else a path ending in
 * one of {@code X} a download (its URL without query or fragment).
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

  /** Returns {@code analytics.js}, the core script. */
  static TrackingScript core() {
    return new TrackingScript(resource("analytics.js"));
  }

  /** Returns {@code analytics.ext.js}: the core script followed by the opt-in extensions. */
  static TrackingScript withExtensions() {
    byte[] core = resource("analytics.js");
    byte[] extensions = resource("extensions.js");
    byte[] both = Arrays.copyOf(core, core.length + extensions.length);
    System.arraycopy(extensions, 0, both, core.length, extensions.length);
    return new TrackingScript(both);
  }

  private static byte[] resource(String name) {
    try (InputStream in = TrackingScript.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
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
