package dev.footfall.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Site;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process owns a DuckDB file: a second JVM that opens it is told so, until it is closed. */
final class DuckDbFileLockTest {
  private static final Site SITE = Site.of("s", "s.example", ZoneId.of("UTC"), "S", Instant.EPOCH);

  @TempDir
  Path dir;

  @Test
  void open_fileHeldByAnotherProcess() throws Exception {
    Path file = dir.resolve("footfall.duckdb");
    try (DuckDbStorage storage = DuckDbStorage.open(file)) {
      storage.sites().save(SITE);

      Result other = openInAnotherProcess(file);

      assertThat(other.exitCode()).as(other.stderr()).isEqualTo(3);
      assertThat(other.stderr())
          .contains("cannot open the DuckDB file " + file.toAbsolutePath())
          .contains("in use by another process")
          .contains("several application instances on one database need PostgreSQL or MariaDB");
      assertThat(storage.sites().find("s")).contains(SITE);
    }
  }

  @Test
  void open_fileClosedByItsOwner() throws Exception {
    Path file = dir.resolve("footfall.duckdb");
    DuckDbStorage.open(file).close();

    Result other = openInAnotherProcess(file);

    assertThat(other.exitCode()).as(other.stderr()).isZero();
  }

  /** Runs {@link OpenInAnotherProcess} in a new JVM with this test's classpath. */
  private static Result openInAnotherProcess(Path file) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        OpenInAnotherProcess.class.getName(), file.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.PIPE)
        .start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    // Generous: the child only starts a JVM and DuckDB; a hang fails the test instead of the build.
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the other process ended").isTrue();
    return new Result(process.exitValue(), stderr);
  }

  private record Result(int exitCode, String stderr) {}
}
