package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Session;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.Selection;
import dev.footfall.spi.TimeBuckets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instants are stored and read back unchanged whatever the JVM's and the database session's
 * timezones are, and differ between writer and reader: a shift of even an hour would move an event
 * near midnight to another day in reports.
 */
final class TimezoneIT {
  private static final Instant NEAR_MIDNIGHT = Instant.parse("2026-11-20T23:30:00.123Z");
  private final TimeZone original = TimeZone.getDefault();

  @AfterEach
  void restoreTimezone() {
    TimeZone.setDefault(original);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql", "mariadb"})
  void instantsSurviveDifferentJvmAndSessionTimezones(String kind) {
    TestDatabases.Fresh database = fresh(kind);
    String h2 = "jdbc:h2:mem:tz" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      try (JdbiStorage writer = open(kind, database, h2, "America/Los_Angeles", "-08:00")) {
        Event event = Event.builder("s", EventType.PAGEVIEW).pathname("/").visitorId(1)
            .sessionId(2).timestamp(NEAR_MIDNIGHT).build();
        Session session = Session.builder("s", 2, 1).startedAt(NEAR_MIDNIGHT)
            .lastActivityAt(NEAR_MIDNIGHT.plusSeconds(30)).build();
        writer.write(List.of(event), List.of(session));
      }

      TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
      try (JdbiStorage reader = open(kind, database, h2, "Asia/Kolkata", "+05:30")) {
        assertThat(reader.events().list("s", NEAR_MIDNIGHT, NEAR_MIDNIGHT.plusMillis(1), 0, 10))
            .singleElement()
            .satisfies(e -> assertThat(e.timestamp()).isEqualTo(NEAR_MIDNIGHT));
        assertThat(reader.sessions().find(2)).hasValueSatisfying(s -> {
          assertThat(s.startedAt()).isEqualTo(NEAR_MIDNIGHT);
          assertThat(s.lastActivityAt()).isEqualTo(NEAR_MIDNIGHT.plusSeconds(30));
        });
        if (kind.equals("mariadb")) {
          // DATETIME has no zone: the stored wall time must be UTC's.
          String stored = reader.jdbi().withHandle(h -> h.createQuery(
              "SELECT CAST(timestamp AS CHAR) FROM event").mapTo(String.class).one());
          assertThat(stored).isEqualTo("2026-11-20 23:30:00.123");
        }
      }
    } finally {
      if (database != null) {
        database.drop();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgresql", "mariadb"})
  void reportBucketsFollowTheSiteTimezoneWhateverTheJvmAndSessionTimezones(String kind) {
    TestDatabases.Fresh database = fresh(kind);
    String h2 = "jdbc:h2:mem:tz" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    InMemoryStorage reference = InMemoryStorage.create();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      try (JdbiStorage storage = open(kind, database, h2, "America/Los_Angeles", "-08:00")) {
        // Around Berlin's midnights and its DST change on 2026-10-25 (02:00-03:00 CEST repeats).
        List<Event> events = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        long id = 1;
        for (String at : List.of("2026-10-24T21:59:59Z", "2026-10-24T22:00:00Z",
            "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-25T22:59:59Z",
            "2026-10-25T23:00:00Z", "2026-10-31T23:30:00Z", "2026-11-01T00:10:00Z")) {
          Instant time = Instant.parse(at);
          events.add(Event.builder("s", EventType.PAGEVIEW).pathname("/").visitorId(id)
              .sessionId(id).timestamp(time).build());
          sessions.add(Session.builder("s", id, id).startedAt(time).lastActivityAt(time)
              .pageviews(1).events(1).bounce(true).build());
          id++;
        }
        storage.write(events, sessions);
        reference.write(events, sessions);

        Selection all = Selection.builder("s", Instant.parse("2026-10-20T00:00:00Z"),
            Instant.parse("2026-11-05T00:00:00Z")).build();
        for (TimeBuckets.Unit unit : TimeBuckets.Unit.values()) {
          TimeBuckets buckets = new TimeBuckets(unit, ZoneId.of("Europe/Berlin"));
          assertThat(storage.aggregates().timeseries(all, buckets)).as(unit.name())
              .isEqualTo(reference.aggregates().timeseries(all, buckets));
        }
        assertThat(storage.aggregates().timeseries(all,
            new TimeBuckets(TimeBuckets.Unit.DAY, ZoneId.of("Europe/Berlin"))))
            .containsOnlyKeys(LocalDate.parse("2026-10-24").toEpochDay(),
                LocalDate.parse("2026-10-25").toEpochDay(),
                LocalDate.parse("2026-10-26").toEpochDay(),
                LocalDate.parse("2026-11-01").toEpochDay());
      }
    } finally {
      if (database != null) {
        database.drop();
      }
    }
  }

  /** Returns a fresh PostgreSQL or MariaDB database, or null for H2 (an in-memory one per test). */
  private static TestDatabases.Fresh fresh(String kind) {
    return switch (kind) {
      case "postgresql" -> TestDatabases.postgres();
      case "mariadb" -> TestDatabases.mariadb();
      default -> null;
    };
  }

  /** Opens the database with the session timezone set to {@code zone} (MariaDB: {@code offset}). */
  private static JdbiStorage open(String kind, TestDatabases.Fresh database, String h2,
      String zone, String offset) {
    return switch (kind) {
      case "postgresql" -> JdbiStorage.pooled(database.url() + "&options=-c%20TimeZone%3D" + zone,
          database.user(), "");
      case "mariadb" -> JdbiStorage.pooled(database.url() + "?sessionVariables=time_zone='"
          + offset + "'", database.user(), "");
      default -> JdbiStorage.pooled(h2 + ";TIME ZONE=" + zone, "", "");
    };
  }
}
