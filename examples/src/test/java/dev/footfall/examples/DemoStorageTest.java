package dev.footfall.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.Site;
import dev.footfall.duckdb.DuckDbStorage;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.spi.Storage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code FOOTFALL_DB} picks the demo's storage. */
final class DemoStorageTest {
  private static final Site SITE = Site.of("demo", "demo.example", ZoneId.of("UTC"), "",
      Instant.EPOCH);

  @TempDir
  Path dir;

  @Test
  void openStorage_duckDbPrefixOpensADuckDbFile() {
    Path file = dir.resolve("demo.duckdb");
    String db = "duckdb:" + file;
    try (Storage storage = Demo.openStorage(db)) {
      assertThat(storage).isInstanceOf(DuckDbStorage.class);
      storage.sites().save(SITE);
    }
    try (Storage reopened = Demo.openStorage(db)) {
      assertThat(reopened.sites().find("demo")).contains(SITE);
    }
    assertThat(Demo.location(db)).isEqualTo(file.toAbsolutePath().toString());
  }

  @Test
  void openStorage_pathOpensAnH2File() {
    String db = dir.resolve("demo").toString();
    try (Storage storage = Demo.openStorage(db)) {
      assertThat(storage).isInstanceOf(JdbiStorage.class);
    }
    assertThat(Demo.location(db)).isEqualTo(dir.resolve("demo").toAbsolutePath() + ".mv.db");
  }

  @Test
  void openStorage_duckDbPrefixWithoutPath() {
    assertThatThrownBy(() -> Demo.openStorage("duckdb:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("FOOTFALL_DB must name a file after 'duckdb:' but was 'duckdb:'");
  }
}
