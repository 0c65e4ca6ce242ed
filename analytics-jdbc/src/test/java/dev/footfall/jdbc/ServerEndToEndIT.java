package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The concurrent tracking load, and text the servers are strict about, on PostgreSQL and MariaDB. */
final class ServerEndToEndIT {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgresql", "mariadb"})
  void nulCharactersAndAbsurdHosts_storedCleanedNotStuck(String kind) {
    TestDatabases.Fresh database = kind.equals("postgresql")
        ? TestDatabases.postgres() : TestDatabases.mariadb();
    try (Analytics analytics = Analytics.builder().storage(database.open()).build()) {
      analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("UTC"), "", Instant.now()));
      analytics.tracker().track(TrackRequest.event("shop", "Odd\0name",
              "https://" + "h".repeat(300) + ".example/a%00b")
          .prop("k", "v\0w")
          .context(RequestContext.of("203.0.113.1", IngestLoad.userAgent(0)))
          .build());
      assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();

      assertThat(analytics.stats().stored()).isEqualTo(1);
      List<Event> events = analytics.storage().events().list("shop", Instant.EPOCH,
          Instant.now().plusSeconds(60), 0, 10);
      assertThat(events).singleElement().satisfies(e -> {
        assertThat(e.name()).isEqualTo("Oddname");
        assertThat(e.pathname()).isEqualTo("/ab");
        assertThat(e.hostname()).hasSize(255);
        assertThat(e.props()).containsEntry("k", "vw");
      });
    } finally {
      database.drop();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgresql", "mariadb"})
  void concurrentLoad_everyAcceptedEventStoredOnceOneSessionPerVisitNothingPersonal(String kind)
      throws Exception {
    Supplier<TestDatabases.Fresh> fresh = kind.equals("postgresql")
        ? TestDatabases::postgres : TestDatabases::mariadb;
    TestDatabases.Fresh database = fresh.get();
    try {
      Analytics analytics = Analytics.builder().storage(database.open()).build();
      analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("UTC"), "", Instant.now()));
      IngestLoad load = new IngestLoad(4, 2_500, 200);

      Set<String> accepted = load.runAndClose(analytics);

      try (JdbiStorage reopened = database.open()) {
        load.verify(reopened, accepted);
      }
    } finally {
      database.drop();
    }
  }
}
