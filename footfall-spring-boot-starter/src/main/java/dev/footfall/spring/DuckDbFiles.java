package dev.footfall.spring;

import dev.footfall.duckdb.DuckDbStorage;
import dev.footfall.spi.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens DuckDB storage; loaded only when analytics-duckdb is on the classpath. */
final class DuckDbFiles {
  private DuckDbFiles() {}

  static Storage open(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("footfall.storage.duckdb-file: cannot create " + parent, e);
    }
    return DuckDbStorage.open(file);
  }
}
