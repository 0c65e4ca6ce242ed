package dev.footfall.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Filter;
import dev.footfall.Session;
import dev.footfall.StorageException;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.Counts;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.TimeBuckets;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A day not rolled up is read once and then kept up to date with what is new: the counts after
 * new events, changed sessions and new visitors equal those of a day read afresh.
 */
final class RawDaysTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  private static final RollupDay DAY = new RollupDay("shop", LocalDate.parse("2026-11-24"), ZONE);
  private static final Instant MORNING = DAY.start().plus(Duration.ofHours(9));

  private final InMemoryStorage storage = InMemoryStorage.create();
  /** The {@code afterId} of each read of the day's events, and how many events each passed. */
  private final List<Long> readsAfter = new ArrayList<>();
  private final List<Integer> eventsRead = new ArrayList<>();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong edits = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();
  private boolean failAfterOneEvent;
  private RawDays rawDays;

  @BeforeEach
  void open() {
    rawDays = new RawDays(recording(storage.rollups()), storage.sessions(), writes::get,
        edits::get, Runnable::run, nanos::get, RawDays.MAX_EVENTS);
    write(List.of(event(1, 10, DAY.start().minusSeconds(600), "/"),
            event(1, 10, DAY.start().plusSeconds(600), "/a"),
            event(2, 20, MORNING, "/")),
        List.of(session(10, 1, "/", "/a", 2, true), session(20, 2, "/", "/", 1, false)));
  }

  @Test
  void aDayIsReadOnceAndNotAgainWhileNothingChanged() {
    RawDays.Day first = rawDays.count(DAY, null);

    assertThat(rawDays.count(DAY, null)).isSameAs(first);
    assertThat(readsAfter).containsExactly(0L);
    assertThat(total(first).visitors()).isEqualTo(2);
    assertThat(first.rows().get(RollupStore.TOTAL).get("").continued().visitors())
        .as("visitor 1 came the evening before").isEqualTo(1);
  }

  @Test
  void newEventsAndChangedSessionsAreReadWithoutTheRestOfTheDay() {
    rawDays.count(DAY, null);
    long lastId = storage.events().list("shop", Instant.MIN, Instant.MAX, 0, 10).stream()
        .mapToLong(event -> event.id().orElseThrow()).max().orElseThrow();

    write(List.of(event(2, 20, MORNING.plusSeconds(60), "/b"),
            event(3, 30, MORNING.plusSeconds(90), "/")),
        List.of(session(20, 2, "/", "/b", 2, false), session(30, 3, "/", "/", 1, true)));
    RawDays.Day updated = rawDays.count(DAY, null);

    assertThat(readsAfter).containsExactly(0L, lastId);
    assertThat(eventsRead).containsExactly(3, 2);
    assertThat(total(updated).visitors()).isEqualTo(3);
    assertThat(updated.rows().get(Dimension.EXIT_PAGE.key())).containsOnlyKeys("/a", "/b", "/");
    assertThat(updated.rows()).isEqualTo(afresh(null).rows());
    Filter exitB = Filter.is(Dimension.EXIT_PAGE, "/b");
    assertThat(rawDays.count(DAY, exitB)).isEqualTo(afresh(exitB));
    assertThat(total(rawDays.count(DAY, exitB)).pageviews()).isEqualTo(2);
  }

  @Test
  void theLastMinutesAreCountedFromTheDayHeldAndSeeNewEventsAtOnce() {
    Instant from = MORNING.minusSeconds(300);
    Instant to = MORNING.plusSeconds(300);
    TimeBuckets minutes = new TimeBuckets(TimeBuckets.Unit.MINUTE, ZONE);
    assertThat(rawDays.visitors(DAY, from, to)).isEqualTo(1);

    write(List.of(event(3, 30, MORNING.plusSeconds(90), "/"),
        event(4, 40, MORNING.plusSeconds(400), "/")), List.of());

    assertThat(rawDays.visitors(DAY, from, to)).isEqualTo(2);
    assertThat(rawDays.pageviews(DAY, from, to, minutes)).isEqualTo(Map.of(
        minutes.keyOf(MORNING), 1L, minutes.keyOf(MORNING.plusSeconds(90)), 1L));
    assertThat(readsAfter).as("one full read, then the new events by id").hasSize(2)
        .startsWith(0L);
  }

  @Test
  void aDayKeptIsReadInThenBroughtUpToDateSoThatACountReadsNothing() {
    rawDays.keep(DAY);
    write(List.of(event(3, 30, MORNING.plusSeconds(90), "/")), List.of());
    rawDays.keep(DAY);

    RawDays.Day counted = rawDays.count(DAY, null);

    assertThat(readsAfter).as("one full read, then the new event by id").hasSize(2)
        .startsWith(0L);
    assertThat(eventsRead).containsExactly(3, 1);
    assertThat(counted).isEqualTo(afresh(null));
  }

  @Test
  void aDayNotHeldIsNotKeptWhileTheDaysHeldWeighHalfTheMostEvents() {
    RollupDay before = new RollupDay("shop", DAY.date().minusDays(1), ZONE);
    RawDays small = new RawDays(recording(storage.rollups()), storage.sessions(), writes::get,
        edits::get, Runnable::run, nanos::get, 6);
    small.count(DAY, null); // 3 events

    small.keep(before);
    small.keep(DAY);
    write(List.of(event(3, 30, MORNING.plusSeconds(90), "/")), List.of());
    small.keep(DAY);

    assertThat(readsAfter).as("the day held is brought up to date, the other is not read")
        .hasSize(2).startsWith(0L);
    assertThat(eventsRead).containsExactly(3, 1);
  }

  @Test
  void aSessionEndedWithoutNewEventsIsReadAgain() {
    rawDays.count(DAY, null);

    write(List.of(), List.of(session(20, 2, "/", "/", 1, false).toBuilder().bounce(true)
        .endedAt(MORNING.plusSeconds(1_800)).build()));
    RawDays.Day updated = rawDays.count(DAY, null);

    assertThat(eventsRead).containsExactly(3, 0);
    assertThat(updated).isEqualTo(afresh(null));
  }

  @Test
  void aVisitorSeenOnAnotherDayIsFoundWhenItComesBack() {
    write(List.of(event(4, 40, DAY.start().minus(Duration.ofDays(5)), "/")),
        List.of(session(40, 4, "/", "/", 1, true)));
    assertThat(rawDays.count(DAY, null).recurringVisitors()).isEmpty();

    write(List.of(event(4, 41, MORNING, "/")), List.of(session(41, 4, "/", "/", 1, true)));

    assertThat(rawDays.count(DAY, null).recurringVisitors()).containsExactly(4L);
  }

  @Test
  void editedEventsMakeTheDayReadAgainInFull() {
    rawDays.count(DAY, null);
    long morning = storage.events().list("shop", MORNING, MORNING.plusSeconds(1), 0, 1).get(0)
        .id().orElseThrow();

    storage.events().delete(morning);
    edits.incrementAndGet();

    assertThat(total(rawDays.count(DAY, null)).visitors()).isEqualTo(1);
    assertThat(readsAfter).containsExactly(0L, 0L);
  }

  @Test
  void aReadThatFailedHalfWayLeavesTheDayAsItWas() {
    rawDays.count(DAY, null);
    write(List.of(event(3, 30, MORNING.plusSeconds(60), "/"),
        event(3, 30, MORNING.plusSeconds(90), "/b")), List.of(session(30, 3, "/", "/b", 2, false)));
    failAfterOneEvent = true;

    assertThatThrownBy(() -> rawDays.count(DAY, null)).isInstanceOf(StorageException.class);
    RawDays.Day recovered = rawDays.count(DAY, null);

    assertThat(readsAfter.get(2)).as("read again from where the last read ended")
        .isEqualTo(readsAfter.get(1)).isPositive();
    assertThat(recovered).isEqualTo(afresh(null));
    assertThat(total(recovered).pageviews()).isEqualTo(4);
  }

  @Test
  void eventsAnotherInstanceStoredAreReadAfterTheRecheckInterval() {
    RawDays.Day before = rawDays.count(DAY, null);
    storage.write(List.of(event(3, 30, MORNING, "/")), List.of(session(30, 3, "/", "/", 1, true)));

    nanos.addAndGet(RawDays.RECHECK.toNanos() - 1);
    assertThat(rawDays.count(DAY, null)).isSameAs(before);
    nanos.incrementAndGet();
    assertThat(total(rawDays.count(DAY, null)).visitors()).isEqualTo(3);
  }

  @Test
  void aDayIsReadAgainInFullInTheBackgroundAfterMaxAge() {
    rawDays.count(DAY, null);
    // Another instance renames a page: no new id, so reading by id cannot see it.
    Event morning = storage.events().list("shop", MORNING, MORNING.plusSeconds(1), 0, 1).get(0);
    storage.events().update(morning.toBuilder().pathname("/renamed").build());

    nanos.addAndGet(RawDays.MAX_AGE.toNanos() - 1);
    assertThat(rawDays.count(DAY, null).rows().get("page")).doesNotContainKey("/renamed");
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    rawDays.count(DAY, null); // served from the old day while the new one is read
    assertThat(rawDays.count(DAY, null).rows().get("page")).containsKey("/renamed");
    assertThat(readsAfter).as("read, recheck by id, read again in full")
        .containsExactly(0L, readsAfter.get(1), 0L);
    assertThat(readsAfter.get(1)).isPositive();
  }

  @Test
  void aReadThatFindsNothingNewKeepsTheCounts() {
    RawDays.Day counted = rawDays.count(DAY, Filter.is(Dimension.PAGE, "/a"));

    write(List.of(), List.of(session(20, 2, "/", "/", 1, false)));

    assertThat(rawDays.count(DAY, Filter.is(Dimension.PAGE, "/a"))).isSameAs(counted);
    assertThat(readsAfter).hasSize(2);
  }

  @Test
  void eventsWhoseSessionIsStoredLaterCountInVisitRowsOnceItIs() {
    rawDays.count(DAY, null);

    write(List.of(event(3, 30, MORNING.plusSeconds(60), "/c")), List.of());
    RawDays.Day withoutSession = rawDays.count(DAY, Filter.is(Dimension.SOURCE, "Google"));
    assertThat(total(withoutSession).visitors()).isEqualTo(2);
    assertThat(rawDays.count(DAY, null).rows().get(Dimension.PAGE.key())).containsKey("/c");

    write(List.of(), List.of(session(30, 3, "/c", "/c", 1, true)));
    assertThat(total(rawDays.count(DAY, Filter.is(Dimension.SOURCE, "Google"))).visitors())
        .isEqualTo(3);
    assertThat(rawDays.count(DAY, null)).isEqualTo(afresh(null));
  }

  @Test
  void countsAfterAnyMixOfWritesEqualTheDayReadAfresh() {
    Random random = new Random(20261202);
    for (int step = 0; step < 60; step++) {
      List<Event> events = new ArrayList<>();
      List<Session> sessions = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        long visitor = 10 + random.nextInt(8);
        long session = visitor * 10 + random.nextInt(2);
        String path = "/" + random.nextInt(3);
        events.add(event(visitor, session, DAY.start().plusSeconds(random.nextInt(172_800) - 86_400),
            path));
        if (random.nextBoolean()) {
          Session stored = session(session, visitor, "/" + random.nextInt(2), path,
              1 + random.nextInt(3), random.nextBoolean());
          sessions.add(random.nextInt(3) > 0 ? stored
              : stored.toBuilder().endedAt(stored.lastActivityAt()).build());
        }
      }
      write(events, sessions);
      Filter filter = switch (random.nextInt(3)) {
        case 0 -> null;
        case 1 -> Filter.is(Dimension.PAGE, "/" + random.nextInt(3));
        default -> Filter.is(Dimension.ENTRY_PAGE, "/" + random.nextInt(2));
      };
      assertThat(rawDays.count(DAY, filter)).as("step %d, %s", step, filter)
          .isEqualTo(afresh(filter));
    }
    assertThat(readsAfter.stream().filter(after -> after == 0)).as("one full read").hasSize(1);
  }

  private RawDays.Day afresh(Filter filter) {
    return new RawDays(storage.rollups(), storage.sessions(), () -> 0, () -> 0, Runnable::run,
        System::nanoTime, RawDays.MAX_EVENTS).count(DAY, filter);
  }

  private static Counts total(RawDays.Day day) {
    return day.rows().get(RollupStore.TOTAL).getOrDefault("", DayCounts.ZERO).counts();
  }

  private void write(List<Event> events, List<Session> sessions) {
    storage.write(events, sessions);
    writes.incrementAndGet();
  }

  /** Records the reads of events; everything else goes to the store as it is. */
  private RollupStore recording(RollupStore store) {
    return (RollupStore) Proxy.newProxyInstance(RollupStore.class.getClassLoader(),
        new Class<?>[] {RollupStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("forEachEvent")) {
            BiConsumer<Event, Session> action = action(args[2]);
            int[] read = {0};
            readsAfter.add((Long) args[1]);
            long last = store.forEachEvent((RollupDay) args[0], (Long) args[1], (event, session) -> {
              read[0]++;
              action.accept(event, session);
              if (failAfterOneEvent) {
                failAfterOneEvent = false;
                throw new StorageException("connection lost", null);
              }
            });
            eventsRead.add(read[0]);
            return last;
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @SuppressWarnings("unchecked") // the action argument of forEachEvent
  private static BiConsumer<Event, Session> action(Object argument) {
    return (BiConsumer<Event, Session>) argument;
  }

  private static Event event(long visitor, long session, Instant at, String path) {
    return Event.builder("shop", EventType.PAGEVIEW).pathname(path).hostname("shop.example")
        .visitorId(visitor).sessionId(session).country("FR").browser("Firefox").os("Linux")
        .deviceType("desktop").timestamp(at).build();
  }

  private static Session session(long id, long visitor, String entry, String exit, int pageviews,
      boolean bounce) {
    return Session.builder("shop", id, visitor).entryPage(entry).exitPage(exit)
        .pageviews(pageviews).events(pageviews).bounce(bounce).referrerSource("Google")
        .country("FR").deviceType("desktop").browser("Firefox").os("Linux").startedAt(MORNING)
        .lastActivityAt(MORNING.plusSeconds(bounce ? 0 : 60)).build();
  }
}
