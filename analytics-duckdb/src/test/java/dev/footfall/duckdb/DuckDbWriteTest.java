package dev.footfall.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Session;
import dev.footfall.StorageException;
import dev.footfall.Utm;
import dev.footfall.spi.LogPosition;
import dev.footfall.spi.LogPositionConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The appended events belong to the write's transaction: a write whose session upsert fails stores
 * none of them, so the writer's retry stores each event once. A write whose log position another
 * transaction updated is a conflict.
 */
final class DuckDbWriteTest {
  private static final Instant T0 = Instant.parse("2026-11-05T10:00:00Z");

  @Test
  void write_failedSessionUpsertStoresNoEvents() {
    try (DuckDbStorage storage = DuckDbStorage.inMemory()) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        events.add(Event.builder("s", EventType.PAGEVIEW).pathname("/" + i).visitorId(1)
            .sessionId(7).timestamp(T0.plusSeconds(i)).build());
      }
      Session session = Session.builder("s", 7, 1).entryPage("/0").exitPage("/2").pageviews(3)
          .events(3).startedAt(T0).lastActivityAt(T0.plusSeconds(2)).build();
      // Without its session table, the write fails after its events are appended.
      storage.jdbi().useHandle(h -> h.execute("ALTER TABLE session RENAME TO session_away"));

      assertThatThrownBy(() -> storage.write(events, List.of(session)))
          .isInstanceOf(StorageException.class);
      assertThat(storage.events().count("s", T0, T0.plusSeconds(3))).isZero();

      storage.jdbi().useHandle(h -> h.execute("ALTER TABLE session_away RENAME TO session"));
      storage.write(events, List.of(session));

      assertThat(storage.events().list("s", T0, T0.plusSeconds(3), 0, 10))
          .extracting(Event::pathname)
          .containsExactly("/0", "/1", "/2");
      assertThat(storage.sessions().find(7)).isPresent();
    }
  }

  @Test
  void write_upsertsThousandsOfSessionsAndTheLastOfOneIdWins() {
    try (DuckDbStorage storage = DuckDbStorage.inMemory()) {
      List<Session> first = new ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        first.add(session(i, 1, null));
      }
      storage.write(List.of(), first);

      // Half of them again, changed and ended, one id twice, and new ones.
      List<Session> second = new ArrayList<>();
      for (int i = 1_500; i < 4_000; i++) {
        second.add(session(i, 2, T0.plusSeconds(600)));
      }
      second.add(session(3_999, 5, T0.plusSeconds(900)));
      storage.write(List.of(), second);

      assertThat(storage.sessions().find(0).orElseThrow()).isEqualTo(session(0, 1, null));
      assertThat(storage.sessions().find(1_499).orElseThrow()).isEqualTo(session(1_499, 1, null));
      assertThat(storage.sessions().find(1_500).orElseThrow())
          .isEqualTo(session(1_500, 2, T0.plusSeconds(600)));
      assertThat(storage.sessions().find(3_999).orElseThrow())
          .isEqualTo(session(3_999, 5, T0.plusSeconds(900)));
      assertThat(storage.sessions().list("s", T0.minusSeconds(1), T0.plusSeconds(1)))
          .hasSize(4_000);
    }
  }

  @Test
  void write_aPositionThatAnOpenTransactionUpdatedIsAConflict() {
    try (DuckDbStorage storage = DuckDbStorage.inMemory()) {
      storage.write(List.of(), List.of(), List.of(new LogPosition("log:0", LogPosition.NONE, 5)));
      List<Event> events = List.of(Event.builder("s", EventType.PAGEVIEW).pathname("/").visitorId(1)
          .sessionId(7).timestamp(T0).build());

      // DuckDB fails the write's update of the row at once instead of waiting for the other.
      storage.jdbi().useHandle(other -> {
        other.begin();
        other.execute("UPDATE log_position SET next_offset = 9 WHERE log_partition = 'log:0'");
        assertThatThrownBy(() -> storage.write(events, List.of(),
            List.of(new LogPosition("log:0", 5, 9))))
            .isInstanceOf(LogPositionConflictException.class);
        other.rollback();
      });
      assertThat(storage.events().count("s", T0, T0.plusSeconds(1))).isZero();

      storage.write(events, List.of(), List.of(new LogPosition("log:0", 5, 9)));
      assertThat(storage.logPositions(List.of("log:0"))).isEqualTo(Map.of("log:0", 9L));
      assertThat(storage.events().count("s", T0, T0.plusSeconds(1))).isEqualTo(1);
    }
  }

  private static Session session(long id, int pageviews, Instant endedAt) {
    Session.Builder session = Session.builder("s", id, id / 2).entryPage("/in/" + id)
        .exitPage("/out/" + pageviews).pageviews(pageviews).events(pageviews + 1)
        .bounce(pageviews == 1).referrer("https://ref.example/").referrerSource("ref.example")
        .utm(new Utm("news", "mail", "launch", "", "")).country("DE").deviceType("desktop")
        .browser("Firefox").os("Linux").startedAt(T0)
        .lastActivityAt(T0.plusSeconds(pageviews * 10L));
    return endedAt == null ? session.build() : session.endedAt(endedAt).build();
  }

  @Test
  void write_eventIdsGrowWithEachWrite() {
    try (DuckDbStorage storage = DuckDbStorage.inMemory()) {
      for (int i = 0; i < 3; i++) {
        storage.write(List.of(Event.builder("s", EventType.PAGEVIEW).pathname("/" + i)
            .timestamp(T0.plusSeconds(i)).build()), List.of());
      }

      assertThat(storage.events().list("s", T0, T0.plusSeconds(3), 0, 10))
          .extracting(event -> event.id().orElseThrow())
          .isSorted()
          .doesNotHaveDuplicates();
    }
  }
}
