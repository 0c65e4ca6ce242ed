package dev.footfall.duckdb;

import dev.footfall.StorageException;
import java.nio.file.Path;

/**
 * Opens the DuckDB file named by its argument in a process of its own, for {@link
 * DuckDbFileLockTest}: exits with 0 if the file opened (and closes it), or with 3 and the
 * exception's message on standard error if opening it failed.
 */
final class OpenInAnotherProcess {
  private OpenInAnotherProcess() {}

  public static void main(String[] args) {
    try {
      DuckDbStorage.open(Path.of(args[0])).close();
    } catch (StorageException e) {
      System.err.print(e.getMessage());
      System.exit(3);
    }
  }
}
