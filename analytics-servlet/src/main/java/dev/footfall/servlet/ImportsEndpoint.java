package dev.footfall.servlet;

import dev.footfall.Imports;
import dev.footfall.SiteImport;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /admin/websites/{id}/imports}: list ({@code GET}) a site's imports, and import ({@code
 * POST}, the body a ZIP of Plausible's CSV export, {@code ?source=} naming it) one;
 * {@code .../imports/{importId}}: delete ({@code DELETE}) one. A thin adapter over {@link
 * Imports}, which owns every rule: a wrong file is {@code 400} naming its file, line and column,
 * an archive over {@value #MAX_ARCHIVE_MB} MB {@code 413}, a storage that keeps no imports {@code
 * 409}. The archive is read as it arrives, never held whole.
 */
final class ImportsEndpoint {
  static final int MAX_ARCHIVE_MB = 512;
  private static final int MAX_ARCHIVE_BYTES = MAX_ARCHIVE_MB * 1024 * 1024;

  private final Imports imports;

  ImportsEndpoint(Imports imports) {
    this.imports = imports;
  }

  Map<String, Object> list(String siteId) {
    List<Map<String, Object>> results = new ArrayList<>();
    stored(() -> imports.list(siteId)).forEach(i -> results.add(json(i)));
    return Map.of("results", results);
  }

  Map<String, Object> importArchive(HttpExchange exchange, String siteId, QueryParameters query)
      throws BodyTooLargeException, IncompleteBodyException {
    if (exchange.contentLength() > MAX_ARCHIVE_BYTES) {
      throw new BodyTooLargeException(MAX_ARCHIVE_BYTES);
    }
    String source = query.get("source").orElse("");
    try (InputStream body = new Limited(exchange.body())) {
      SiteImport stored = stored(() -> {
        try {
          return imports.importPlausible(siteId, source, body);
        } catch (IOException e) {
          throw new ReadFailure(e);
        }
      });
      return json(stored);
    } catch (ReadFailure e) {
      if (e.getCause() instanceof TooLarge) {
        throw new BodyTooLargeException(MAX_ARCHIVE_BYTES);
      }
      throw IncompleteBodyException.of(e.getCause());
    } catch (TooLarge e) {
      throw new BodyTooLargeException(MAX_ARCHIVE_BYTES);
    } catch (IOException e) {
      throw IncompleteBodyException.of(e);
    }
  }

  void delete(String siteId, String id) {
    if (!stored(() -> imports.delete(siteId, id))) {
      throw new AdminApi.NotFoundException("site '" + siteId + "' has no import '" + id + "'");
    }
  }

  private static Map<String, Object> json(SiteImport stored) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", stored.id());
    json.put("source", stored.source());
    json.put("created_at", stored.createdAt().toString());
    json.put("from", stored.range().from().toString());
    json.put("to", stored.range().to().toString());
    json.put("rows", stored.rows());
    return json;
  }

  /** Calls {@link Imports}, answering a storage without imports as a conflict. */
  private static <T> T stored(Supplier<T> call) {
    try {
      return call.get();
    } catch (UnsupportedOperationException e) {
      throw new ConflictException(e.getMessage());
    }
  }

  /** The body, failing once more than {@link #MAX_ARCHIVE_BYTES} arrived. */
  private static final class Limited extends FilterInputStream {
    private long read;

    Limited(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) throws TooLarge {
      read += n;
      if (read > MAX_ARCHIVE_BYTES) {
        throw new TooLarge();
      }
    }
  }

  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** A failure to read the body, carried out of {@link #stored}. */
  private static final class ReadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadFailure(IOException cause) {
      super(cause);
    }
  }
}
