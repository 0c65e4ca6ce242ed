package dev.footfall.servlet;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads request bodies up to a limit, refusing larger ones without reading them whole. A body that
 * stops arriving or is cut short becomes an {@link IncompleteBodyException}, and is logged at most
 * once a minute for each of the two kinds, since slow or broken clients can come in floods.
 * Thread-safe.
 */
final class BodyReader {
  private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);

  private final ThrottledLog slow;
  private final ThrottledLog truncated;

  BodyReader() {
    this(new ThrottledLog(LOG::info, "footfall: slow request body: a client stopped sending a"
            + " request body before its end and the server's idle timeout passed; answered 408"),
        new ThrottledLog(LOG::info, "footfall: truncated request body: a request body could not"
            + " be read to its end (the connection closed or broke, or its framing was bad);"
            + " answered 400"));
  }

  BodyReader(ThrottledLog slow, ThrottledLog truncated) {
    this.slow = slow;
    this.truncated = truncated;
  }

  /** Reads the body, refusing a declared or actual size over {@code limit} bytes. */
  byte[] read(HttpExchange exchange, int limit)
      throws BodyTooLargeException, IncompleteBodyException {
    if (exchange.contentLength() > limit) {
      throw new BodyTooLargeException(limit);
    }
    byte[] data;
    try (InputStream in = exchange.body()) {
      data = in.readNBytes(limit + 1);
    } catch (IOException e) {
      IncompleteBodyException incomplete = IncompleteBodyException.of(e);
      (incomplete.stoppedArriving() ? slow : truncated).occurred();
      throw incomplete;
    }
    if (data.length > limit) {
      throw new BodyTooLargeException(limit);
    }
    return data;
  }
}
