package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.internal.IngestCounters;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.EventLog;
import dev.footfall.spi.LogPositionConflictException;
import dev.footfall.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode's consuming side against a log stub: a batch is stored with its partition's
 * position, a record delivered again is not stored twice, a partition taken over continues its
 * open visits from storage, and an owner that lost its partition stores nothing.
 */
final class LogIngestTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final Instant T0 = Instant.now().minusSeconds(600);
  private final Storage storage = InMemoryStorage.create();
  private final Clock clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);

  @Test
  void aBatchIsStoredWithItsPosition_andRecordsDeliveredAgainAreSkipped() {
    LogIngest ingest = ingest();
    assertThat(ingest.assigned(List.of(0))).isEmpty();
    EventLog.Batch batch = batch(0, 0, pageview(8, 0, "/a"), pageview(8, 10, "/b"));

    ingest.store(batch);
    ingest.store(batch);

    assertThat(storage.logPositions(List.of("stub:0"))).containsEntry("stub:0", 2L);
    assertThat(storage.events().count("shop", T0, T0.plusSeconds(60))).isEqualTo(2);
    assertThat(sessions()).singleElement().satisfies(s -> assertThat(s.pageviews()).isEqualTo(2));
  }

  @Test
  void aPartitionTakenOver_continuesItsOpenVisitsFromStorage() {
    LogIngest first = ingest();
    first.assigned(List.of(0));
    first.store(batch(0, 0, pageview(8, 0, "/a"), pageview(8, 10, "/b")));
    LogIngest second = ingest();

    assertThat(second.assigned(List.of(0))).containsEntry(0, 2L);
    second.store(batch(0, 2, pageview(8, 20, "/c")));

    assertThat(sessions()).singleElement().satisfies(s -> {
      assertThat(s.pageviews()).isEqualTo(3);
      assertThat(s.entryPage()).isEqualTo("/a");
      assertThat(s.exitPage()).isEqualTo("/c");
    });
  }

  @Test
  void anOwnerThatLostItsPartition_storesNothing() {
    LogIngest stale = ingest();
    stale.assigned(List.of(0));
    LogIngest current = ingest();
    current.assigned(List.of(0));
    current.store(batch(0, 0, pageview(8, 0, "/a")));

    assertThatThrownBy(() -> stale.store(batch(0, 0, pageview(8, 0, "/a"))))
        .isInstanceOf(LogPositionConflictException.class);

    assertThat(storage.events().count("shop", T0, T0.plusSeconds(60))).isEqualTo(1);
    // Resumed from storage, it goes on where the other left off.
    assertThat(stale.assigned(List.of(0))).containsEntry(0, 1L);
    stale.store(batch(0, 1, pageview(8, 30, "/b")));
    assertThat(sessions()).singleElement().satisfies(s -> assertThat(s.pageviews()).isEqualTo(2));
  }

  @Test
  void aVisitAcrossMidnight_continuesOnTheOwnerOfItsNewPartition() {
    Instant midnight = Instant.parse("2026-12-06T00:00:00Z");
    Clock afterMidnight = Clock.fixed(midnight.plusSeconds(120), ZoneOffset.UTC);
    // Visitor 8 yesterday (partition 0) is visitor 9 today (partition 1).
    LogIngest yesterdays = ingest(afterMidnight);
    yesterdays.assigned(List.of(0));
    yesterdays.store(batch(0, 0, Event.builder("shop", EventType.PAGEVIEW).pathname("/a")
        .visitorId(8).timestamp(midnight.minusSeconds(60)).build()));
    LogIngest todays = ingest(afterMidnight);
    todays.assigned(List.of(1));

    todays.store(new EventLog.Batch(List.of(new EventLog.Record(1, 0, new EventLog.Entry(
            Event.builder("shop", EventType.PAGEVIEW).pathname("/b").visitorId(9)
                .timestamp(midnight.plusSeconds(60)).build(), OptionalLong.of(8)))),
        Map.of(1, 1L)));

    List<Session> visits = storage.sessions().list("shop", midnight.minusSeconds(3600), midnight);
    assertThat(visits).singleElement().satisfies(s -> {
      assertThat(s.visitorId()).isEqualTo(8);
      assertThat(s.pageviews()).isEqualTo(2);
      assertThat(s.exitPage()).isEqualTo("/b");
    });
  }

  private LogIngest ingest() {
    return ingest(clock);
  }

  private LogIngest ingest(Clock now) {
    return new LogIngest(new StubLog(), new SessionManager(TIMEOUT, 1_000, now, "test"),
        storage, new IngestCounters(), now, TIMEOUT);
  }

  private List<Session> sessions() {
    return storage.sessions().list("shop", T0.minusSeconds(1), T0.plusSeconds(60));
  }

  private static Event pageview(long visitorId, int second, String path) {
    return Event.builder("shop", EventType.PAGEVIEW).pathname(path).visitorId(visitorId)
        .timestamp(T0.plusSeconds(second)).build();
  }

  /** A batch of one partition's records from {@code offset} on. */
  private static EventLog.Batch batch(int partition, long offset, Event... events) {
    List<EventLog.Record> records = new ArrayList<>();
    for (Event event : events) {
      records.add(new EventLog.Record(partition, offset + records.size(),
          new EventLog.Entry(event, OptionalLong.empty())));
    }
    return new EventLog.Batch(records, Map.of(partition, offset + events.length));
  }

  /** Only the names and partitions of a log: nothing is appended or delivered through it. */
  private static final class StubLog implements EventLog {
    @Override
    public String name() {
      return "stub";
    }

    @Override
    public int partitionOf(String siteId, long visitorId) {
      return (int) (visitorId % 4);
    }

    @Override
    public void start(Ingest ingest, ErrorListener errors) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void append(Entry entry, Consumer<Optional<DropReason>> outcome) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean flush(Duration timeout) {
      throw new UnsupportedOperationException();
    }

    @Override
    public EventLogStats stats() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
