package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads tracking into an embedded H2 file database, then every table checked. */
final class H2EndToEndTest {
  @TempDir
  Path dir;

  @Test
  void concurrentLoad_everyAcceptedEventStoredOnceOneSessionPerVisitNothingPersonal()
      throws Exception {
    Analytics analytics = Analytics.builder().storage(JdbiStorage.h2(dir.resolve("footfall")))
        .bufferCapacity(100_000).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("Europe/Berlin"), "Shop",
        Instant.now()));
    IngestLoad load = new IngestLoad(8, 10_000, 500);

    Set<String> accepted = load.runAndClose(analytics);

    try (JdbiStorage reopened = JdbiStorage.h2(dir.resolve("footfall"))) {
      load.verify(reopened, accepted);
    }
  }

  @Test
  void closeAndReopen_resumesFromTheFile() {
    Path file = dir.resolve("reopen");
    try (Analytics analytics = Analytics.builder().storage(JdbiStorage.h2(file)).build()) {
      analytics.sites().save(Site.of("s", "s.example", ZoneId.of("UTC"), "", Instant.now()));
      analytics.tracker().track(TrackRequest.pageview("s", "/a")
          .context(RequestContext.of("203.0.113.1", IngestLoad.userAgent(0))).build());
    }
    try (Analytics analytics = Analytics.builder().storage(JdbiStorage.h2(file)).build()) {
      assertThat(analytics.sites().find("s")).isPresent();
      analytics.tracker().track(TrackRequest.pageview("s", "/b")
          .context(RequestContext.of("203.0.113.1", IngestLoad.userAgent(0))).build());
      analytics.flush(Duration.ofMinutes(5));
      var events = analytics.storage().events().list("s", Instant.EPOCH,
          Instant.now().plusSeconds(60), 0, 10);
      assertThat(events).hasSize(2);
      assertThat(events.get(1).sessionId()).isEqualTo(events.get(0).sessionId());
    }
  }
}
