package dev.footfall.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** The client script {@code analytics.js}, loaded once from the jar, with its gzip form and ETag. */
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
