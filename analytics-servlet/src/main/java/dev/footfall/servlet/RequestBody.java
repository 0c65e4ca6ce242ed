package dev.footfall.servlet;

import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies up to a limit, refusing larger ones without reading them whole. */
final class RequestBody {
  private RequestBody() {}

  /** Reads the body, refusing a declared or actual size over {@code limit} bytes. */
  static byte[] read(HttpExchange exchange, int limit) throws IOException, BodyTooLargeException {
    if (exchange.contentLength() > limit) {
      throw new BodyTooLargeException(limit);
    }
    try (InputStream in = exchange.body()) {
      byte[] data = in.readNBytes(limit + 1);
      if (data.length > limit) {
        throw new BodyTooLargeException(limit);
      }
      return data;
    }
  }
}
