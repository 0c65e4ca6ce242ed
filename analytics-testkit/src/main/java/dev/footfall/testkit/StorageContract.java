package dev.footfall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.footfall.Dimension;
import dev.footfall.EmailRecipient;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Filter;
import dev.footfall.ReportCadence;
import dev.footfall.Revenue;
import dev.footfall.Session;
import dev.footfall.Site;
import dev.footfall.StorageException;
import dev.footfall.UnknownSiteException;
import dev.footfall.Utm;
import dev.footfall.spi.Counts;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.DayRollup;
import dev.footfall.spi.EmailReportStore;
import dev.footfall.spi.EngagementSums;
import dev.footfall.spi.EventPage;
import dev.footfall.spi.EventQuery;
import dev.footfall.spi.ImportStore;
import dev.footfall.spi.ImportedRow;
import dev.footfall.spi.LogPosition;
import dev.footfall.spi.LogPositionConflictException;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.Salt;
import dev.footfall.spi.Selection;
import dev.footfall.spi.SharedLinkStore;
import dev.footfall.spi.Storage;
import dev.footfall.spi.StoredImport;
import dev.footfall.spi.StoredSharedLink;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Storage} must have. Extend it, return a fresh, empty storage from
 * {@link #newStorage()}, and JUnit runs the contract against it.
 *
 * @since 0.1
 */
public abstract class StorageContract {
  protected static final Instant T0 = Instant.parse("2026-11-20T10:15:30.123Z");

  protected Storage storage;

  /** Returns a new, empty storage; it is closed after each test. */
  protected abstract Storage newStorage();

  @BeforeEach
  void openStorage() {
    storage = newStorage();
  }

  @AfterEach
  void closeStorage() {
    storage.close();
  }

  @Test
  void sites_saveFindListDelete() {
    Site a = Site.of("a", "a.example", ZoneId.of("Europe/Berlin"), "A", T0);
    Site b = Site.of("b", "b.example", ZoneId.of("America/New_York"), "B", T0);
    storage.sites().save(b);
    storage.sites().save(a);

    assertThat(storage.sites().find("a")).contains(a);
    assertThat(storage.sites().find("missing")).isEmpty();
    assertThat(storage.sites().list()).containsExactly(a, b);

    Site renamed = Site.of("a", "a.example", ZoneId.of("UTC"), "A renamed", T0);
    storage.sites().save(renamed);
    assertThat(storage.sites().find("a")).contains(renamed);

    assertThat(storage.sites().delete("a")).isTrue();
    assertThat(storage.sites().delete("a")).isFalse();
    assertThat(storage.sites().list()).containsExactly(b);
  }

  @Test
  void write_eventsRoundTripWithAssignedIds() {
    Event full = fullEvent("s1", T0);
    Event plain = Event.builder("s1", EventType.PAGEVIEW).pathname("/").visitorId(1).sessionId(2)
        .timestamp(T0.plusSeconds(1)).build();
    storage.write(List.of(full, plain), List.of());

    List<Event> stored = storage.events().list("s1", T0, T0.plusSeconds(2), 0, 10);
    assertThat(stored).hasSize(2);
    assertThat(stored.get(0).id()).isPresent();
    assertThat(stored.get(1).id()).isPresent();
    assertThat(stored.get(0).id()).isNotEqualTo(stored.get(1).id());
    assertThat(stored.get(0).toBuilder().id(null).build()).isEqualTo(full);
    assertThat(stored.get(1).toBuilder().id(null).build()).isEqualTo(plain);
  }

  @Test
  void write_revenueRoundTripsExactly() {
    List<Revenue> revenues = List.of(Revenue.of("15.99", "USD"), Revenue.of("0.125", "BHD"),
        Revenue.of("999999999999999.999", "EUR"), Revenue.of("-5", "EUR"), Revenue.of("100", "JPY"));
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < revenues.size(); i++) {
      events.add(Event.builder("s1", EventType.CUSTOM_EVENT).name("Purchase").pathname("/buy")
          .visitorId(1).sessionId(2).timestamp(T0.plusSeconds(i)).revenue(revenues.get(i))
          .build());
    }
    storage.write(events, List.of());

    assertThat(storage.events().list("s1", T0, T0.plusSeconds(10), 0, 10))
        .extracting(e -> e.revenue().orElseThrow())
        .containsExactlyElementsOf(revenues);
  }

  @Test
  void events_listAndCountHonourSiteRangeAndPaging() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(simpleEvent("s1", T0.plusSeconds(i), "/p" + i));
    }
    events.add(simpleEvent("s2", T0, "/other-site"));
    storage.write(events, List.of());

    assertThat(storage.events().count("s1", T0, T0.plusSeconds(10))).isEqualTo(10);
    assertThat(storage.events().count("s1", T0.plusSeconds(2), T0.plusSeconds(5))).isEqualTo(3);
    assertThat(storage.events().count("s2", T0, T0.plusSeconds(10))).isEqualTo(1);
    assertThat(storage.events().list("s1", T0, T0.plusSeconds(10), 3, 2))
        .extracting(Event::pathname)
        .containsExactly("/p3", "/p4");
  }

  @Test
  void aggregates_firstEventIsTheEarliestOfItsSite() {
    assertThat(storage.aggregates().firstEvent("s1")).isEmpty();
    storage.write(List.of(simpleEvent("s1", T0.plusSeconds(30), "/late"),
        simpleEvent("s2", T0.minusSeconds(60), "/other-site"),
        simpleEvent("s1", T0, "/first"), simpleEvent("s1", T0.plusSeconds(5), "/second")),
        List.of());

    assertThat(storage.aggregates().firstEvent("s1")).contains(T0);
    assertThat(storage.aggregates().firstEvent("s2")).contains(T0.minusSeconds(60));
    assertThat(storage.aggregates().firstEvent("s3")).isEmpty();
  }

  @Test
  void events_findReturnsTheStoredEventById() {
    storage.write(List.of(fullEvent("s1", T0), simpleEvent("s2", T0, "/b")), List.of());
    List<Event> stored = storage.events().list("s1", T0, T0.plusSeconds(1), 0, 10);
    long id = stored.get(0).id().orElseThrow();

    assertThat(storage.events().find(id)).contains(stored.get(0));
    assertThat(storage.events().find(id).orElseThrow().toBuilder().id(null).build())
        .isEqualTo(fullEvent("s1", T0));
    assertThat(storage.events().find(id + 1_000_000)).isEmpty();
  }

  @Test
  void events_searchFiltersByTypeNamePathnameAndHalfOpenRange() {
    storage.write(List.of(
        simpleEvent("s1", T0, "/pricing"),
        simpleEvent("s1", T0.plusSeconds(1), "/about"),
        customEvent("s1", T0.plusSeconds(2), "Signup", "/pricing"),
        customEvent("s1", T0.plusSeconds(3), "signup", "/pricing"),
        customEvent("s1", T0.plusSeconds(4), "Signup", "/pricing/"),
        simpleEvent("s2", T0, "/pricing")), List.of());

    assertThat(search(EventQuery.builder("s1")).total()).isEqualTo(5);
    assertThat(paths(search(EventQuery.builder("s1").type(EventType.PAGEVIEW))))
        .containsExactly("/pricing", "/about");
    assertThat(search(EventQuery.builder("s1").name("Signup")).events())
        .extracting(Event::pathname, Event::timestamp)
        .containsExactly(tuple("/pricing", T0.plusSeconds(2)),
            tuple("/pricing/", T0.plusSeconds(4)));
    assertThat(search(EventQuery.builder("s1").name("pageview")).total()).isEqualTo(2);
    assertThat(search(EventQuery.builder("s1").pathname("/pricing")).events())
        .extracting(Event::name)
        .containsExactly("pageview", "Signup", "signup");
    assertThat(search(EventQuery.builder("s1").type(EventType.CUSTOM_EVENT).name("Signup")
        .pathname("/pricing")).total()).isEqualTo(1);
    assertThat(search(EventQuery.builder("s1").from(T0.plusSeconds(1)).to(T0.plusSeconds(3)))
        .events()).extracting(Event::timestamp)
        .containsExactly(T0.plusSeconds(1), T0.plusSeconds(2));
    assertThat(search(EventQuery.builder("s1").from(T0.plusSeconds(3))).total()).isEqualTo(2);
    assertThat(search(EventQuery.builder("s1").to(T0.plusSeconds(1))).total()).isEqualTo(1);
    assertThat(search(EventQuery.builder("s1").name("Nothing"))).isEqualTo(
        new EventPage(List.of(), 0));
    assertThat(search(EventQuery.builder("missing")).total()).isZero();
  }

  @Test
  void events_searchPagesInTimestampThenIdOrderWithTheTotalOfAllPages() {
    List<Event> events = new ArrayList<>();
    // Written out of time order; three share one timestamp, so the id breaks the tie.
    for (int i = 9; i >= 0; i--) {
      events.add(simpleEvent("s1", T0.plusSeconds(i), "/p" + i));
    }
    events.add(simpleEvent("s1", T0.plusSeconds(5), "/p5-second"));
    events.add(simpleEvent("s1", T0.plusSeconds(5), "/p5-third"));
    storage.write(events, List.of());

    EventPage all = search(EventQuery.builder("s1").limit(100));
    assertThat(all.total()).isEqualTo(12);
    assertThat(paths(all)).containsExactly("/p0", "/p1", "/p2", "/p3", "/p4", "/p5",
        "/p5-second", "/p5-third", "/p6", "/p7", "/p8", "/p9");
    List<Long> ids = all.events().stream().map(e -> e.id().orElseThrow()).toList();
    assertThat(ids.subList(5, 8)).isSorted();

    EventPage second = search(EventQuery.builder("s1").offset(4).limit(4));
    assertThat(second.total()).isEqualTo(12);
    assertThat(paths(second)).containsExactly("/p4", "/p5", "/p5-second", "/p5-third");
    EventPage last = search(EventQuery.builder("s1").offset(10).limit(4));
    assertThat(paths(last)).containsExactly("/p8", "/p9");
    EventPage beyond = search(EventQuery.builder("s1").offset(20).limit(4));
    assertThat(beyond.events()).isEmpty();
    assertThat(beyond.total()).isEqualTo(12);
  }

  @Test
  void events_updateChangesOnlyNamePathnameAndProps() {
    Session session = session("s1", 1234567890123L, T0, T0, null);
    storage.write(List.of(fullEvent("s1", T0)), List.of(session));
    Event stored = storage.events().list("s1", T0, T0.plusSeconds(1), 0, 1).get(0);
    Map<String, String> props = new LinkedHashMap<>();
    props.put("plan", "enterprise");
    props.put("note", "größer ✓");

    Event change = stored.toBuilder().name("Upgrade").pathname("/billing/ü").props(props)
        // Derived fields: whatever the caller puts here is not written.
        .visitorId(1).sessionId(2).browser("Other").country("FR").timestamp(T0.plusSeconds(99))
        .build();
    assertThat(storage.events().update(change)).isTrue();

    Event updated = storage.events().find(stored.id().orElseThrow()).orElseThrow();
    assertThat(updated).isEqualTo(stored.toBuilder().name("Upgrade").pathname("/billing/ü")
        .props(props).build());
    // PostgreSQL's jsonb does not keep the order of keys, so only the entries are compared.
    assertThat(updated.props()).containsOnly(Map.entry("plan", "enterprise"),
        Map.entry("note", "größer ✓"));
    assertThat(storage.sessions().find(session.sessionId())).contains(session);

    assertThat(storage.events().update(updated.toBuilder().props(Map.of()).build())).isTrue();
    assertThat(storage.events().find(stored.id().orElseThrow()).orElseThrow().props()).isEmpty();
  }

  @Test
  void events_updateKeepsAPageviewsName() {
    storage.write(List.of(simpleEvent("s1", T0, "/a")), List.of());
    Event stored = storage.events().list("s1", T0, T0.plusSeconds(1), 0, 1).get(0);
    Event renamed = Event.builder("s1", EventType.CUSTOM_EVENT).id(stored.id().orElseThrow())
        .name("Renamed").pathname("/b").timestamp(T0).build();

    assertThat(storage.events().update(renamed)).isTrue();

    Event updated = storage.events().find(stored.id().orElseThrow()).orElseThrow();
    assertThat(updated.type()).isEqualTo(EventType.PAGEVIEW);
    assertThat(updated.name()).isEqualTo("pageview");
    assertThat(updated.pathname()).isEqualTo("/b");
  }

  @Test
  void events_updateOfAMissingEventReturnsFalseAndAnEventWithoutIdIsRefused() {
    Event missing = simpleEvent("s1", T0, "/a").toBuilder().id(987_654_321L).build();

    assertThat(storage.events().update(missing)).isFalse();
    assertThat(storage.events().search(EventQuery.builder("s1").build()).total()).isZero();
    assertThatThrownBy(
        () -> storage.events().update(simpleEvent("s1", T0, "/a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event must have an id");
  }

  @Test
  void events_deleteRemovesOnlyThatEventAndNotItsSession() {
    Session session = session("s1", 8, T0, T0.plusSeconds(1), null);
    storage.write(List.of(simpleEvent("s1", T0, "/a"), simpleEvent("s1", T0.plusSeconds(1), "/b")),
        List.of(session));
    List<Event> stored = storage.events().list("s1", T0, T0.plusSeconds(2), 0, 10);
    long id = stored.get(0).id().orElseThrow();

    assertThat(storage.events().delete(id)).isTrue();
    assertThat(storage.events().delete(id)).isFalse();

    assertThat(storage.events().find(id)).isEmpty();
    assertThat(storage.events().list("s1", T0, T0.plusSeconds(2), 0, 10))
        .containsExactly(stored.get(1));
    assertThat(storage.sessions().find(8)).contains(session);
  }

  @Test
  void write_sessionsAreUpserted() {
    Session first = session("s1", 42, T0, T0, null);
    storage.write(List.of(), List.of(first));
    Session later = first.toBuilder().pageviews(2).events(3).bounce(false).exitPage("/b")
        .lastActivityAt(T0.plusSeconds(10)).owner("3f1c9a4e-instance-b").build();
    storage.write(List.of(), List.of(later));

    assertThat(storage.sessions().find(42)).contains(later);
    assertThat(storage.sessions().find(43)).isEmpty();
    assertThat(storage.sessions().list("s1", T0, T0.plusSeconds(1))).containsExactly(later);
  }

  @Test
  void write_sessionsAreNeverReplacedByAnOlderSnapshot() {
    Session stored = session("s1", 42, T0, T0.plusSeconds(30), null).toBuilder()
        .pageviews(3).events(4).bounce(false).exitPage("/c").build();
    storage.write(List.of(), List.of(stored));

    // Another instance's snapshot from before the stored one's last event: kept out.
    Session older = stored.toBuilder().pageviews(2).events(2).exitPage("/b")
        .lastActivityAt(T0.plusSeconds(10)).build();
    // As late, with fewer events: kept out too.
    Session fewer = stored.toBuilder().events(3).exitPage("/x").build();
    storage.write(List.of(), List.of(older));
    storage.write(List.of(), List.of(fewer));
    assertThat(storage.sessions().find(42)).contains(stored);

    // As late with as many events (the same snapshot, finalized say), or later: replaces it.
    Session same = stored.toBuilder().endedAt(T0.plusSeconds(1830)).build();
    storage.write(List.of(), List.of(same));
    assertThat(storage.sessions().find(42)).contains(same);
    Session newer = stored.toBuilder().pageviews(4).events(5).exitPage("/d")
        .lastActivityAt(T0.plusSeconds(40)).build();
    storage.write(List.of(), List.of(newer));
    assertThat(storage.sessions().find(42)).contains(newer);
  }

  @Test
  void positions_areStoredWithTheWriteAndReadBack() {
    assertThat(storage.logPositions(List.of())).isEmpty();
    assertThat(storage.logPositions(List.of("log:0"))).isEmpty();

    storage.write(List.of(simpleEvent("s1", T0, "/a")), List.of(session("s1", 1, T0, T0, null)),
        List.of(new LogPosition("log:0", LogPosition.NONE, 5),
            new LogPosition("log:1", LogPosition.NONE, 0)));
    assertThat(storage.logPositions(List.of("log:0", "log:1", "log:2")))
        .isEqualTo(Map.of("log:0", 5L, "log:1", 0L));

    storage.write(List.of(simpleEvent("s1", T0.plusSeconds(1), "/b")),
        List.of(session("s1", 2, T0, T0, null)), List.of(new LogPosition("log:0", 5, 9)));
    assertThat(storage.logPositions(List.of("log:0", "log:1", "unknown")))
        .isEqualTo(Map.of("log:0", 9L, "log:1", 0L));
    assertThat(storage.events().list("s1", T0, T0.plusSeconds(2), 0, 10))
        .extracting(Event::pathname).containsExactly("/a", "/b");
    assertThat(storage.sessions().find(1)).isPresent();
    assertThat(storage.sessions().find(2)).isPresent();
  }

  @Test
  void positions_aMismatchStoresNothing() {
    storage.write(List.of(), List.of(), List.of(new LogPosition("log:0", LogPosition.NONE, 5),
        new LogPosition("log:1", LogPosition.NONE, 3)));
    // Each with a partition before the conflicting one that is as expected.
    List<LogPosition> stale = List.of(new LogPosition("log:0", 5, 6),
        new LogPosition("log:1", 2, 9));
    List<LogPosition> firstAgain = List.of(new LogPosition("log:0", 5, 6),
        new LogPosition("log:1", LogPosition.NONE, 9));
    List<LogPosition> unknown = List.of(new LogPosition("log:0", 5, 6),
        new LogPosition("log:2", 0, 9));

    for (List<LogPosition> positions : List.of(stale, firstAgain, unknown)) {
      String conflicting = positions.get(1).partition();
      assertThatThrownBy(() -> storage.write(List.of(simpleEvent("s1", T0, "/lost"),
          engagement("s1", 10, 1, "/lost", T0, 50, 1_000)),
          List.of(session("s1", 1, T0, T0, null)), positions))
          .as("%s", positions)
          .isInstanceOf(LogPositionConflictException.class)
          .hasMessage("the stored position of log partition '" + conflicting + "' is not the one"
              + " this write expected: another instance stored it first");
    }
    assertThat(storage.events().count("s1", T0, T0.plusSeconds(1))).isZero();
    assertThat(storage.sessions().find(1)).isEmpty();
    assertThat(engagementSums("s1", T0, T0.plusSeconds(1), List.of(), "/lost")).isEmpty();
    assertThat(storage.logPositions(List.of("log:0", "log:1", "log:2")))
        .isEqualTo(Map.of("log:0", 5L, "log:1", 3L));
  }

  @Test
  void positions_anEmptyListIsAPlainWrite() {
    storage.write(List.of(simpleEvent("s1", T0, "/a")), List.of(session("s1", 1, T0, T0, null)),
        List.of());

    assertThat(storage.events().list("s1", T0, T0.plusSeconds(1), 0, 10))
        .extracting(Event::pathname).containsExactly("/a");
    assertThat(storage.sessions().find(1)).contains(session("s1", 1, T0, T0, null));
    assertThat(storage.logPositions(List.of("log:0"))).isEmpty();
  }

  @Test
  void positions_twoConcurrentWritesFromOnePositionOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      long from = LogPosition.NONE;
      for (int round = 0; round < 10; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> writes = new ArrayList<>();
        Instant at = T0.plusSeconds(round);
        for (int writer = 0; writer < 2; writer++) {
          Event event = simpleEvent("s1", at, "/round" + round + "/writer" + writer);
          Session session = session("s1", round * 2L + writer + 1, at, at, null);
          LogPosition position = new LogPosition("log:0", from, round + 1);
          writes.add(pool.submit(() -> {
            start.await();
            try {
              storage.write(List.of(event), List.of(session), List.of(position));
              return true;
            } catch (LogPositionConflictException e) {
              return false;
            }
          }));
        }
        start.countDown();
        List<Integer> won = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
          if (writes.get(writer).get(5, TimeUnit.MINUTES)) {
            won.add(writer);
          }
        }

        assertThat(won).as("round %d", round).hasSize(1);
        int winner = won.get(0);
        assertThat(storage.events().list("s1", at, at.plusSeconds(1), 0, 10))
            .as("round %d", round).extracting(Event::pathname)
            .containsExactly("/round" + round + "/writer" + winner);
        assertThat(storage.sessions().findAll(List.of(round * 2L + 1, round * 2L + 2)))
            .as("round %d", round).extracting(Session::sessionId)
            .containsExactly(round * 2L + winner + 1);
        assertThat(storage.logPositions(List.of("log:0"))).isEqualTo(Map.of("log:0", round + 1L));
        from = round + 1;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sessions_findActiveSkipsEndedAndIdle() {
    Session active = session("s1", 1, T0, T0.plusSeconds(60), null);
    Session idle = session("s1", 2, T0.minusSeconds(7200), T0.minusSeconds(3600), null);
    Session ended = session("s2", 3, T0, T0.plusSeconds(60), T0.plusSeconds(1900));
    storage.write(List.of(), List.of(active, idle, ended));

    assertThat(storage.sessions().findActive(T0.minusSeconds(1800))).containsExactly(active);
  }

  @Test
  void sessions_findActiveOfVisitorsKeepsToTheSiteAndTheVisitors() {
    Session wanted = session("s1", 1, T0, T0.plusSeconds(60), null); // visitor 10
    Session otherVisitor = session("s1", 2, T0, T0.plusSeconds(60), null); // visitor 20
    Session otherSite = session("s2", 1001, T0, T0.plusSeconds(60), null); // visitor 10010
    Session idle = session("s1", 3, T0.minusSeconds(7200), T0.minusSeconds(3600), null);
    Session ended = session("s1", 4, T0, T0.plusSeconds(60), T0.plusSeconds(1900));
    storage.write(List.of(), List.of(wanted, otherVisitor, otherSite, idle, ended));

    assertThat(storage.sessions().findActive("s1", List.of(10L, 30L, 40L, 10_010L),
        T0.minusSeconds(1800))).containsExactly(wanted);
    assertThat(storage.sessions().findActive("s1", List.of(), T0)).isEmpty();
  }

  @Test
  void salts_getOrCreateKeepsTheFirstKey() {
    LocalDate day = LocalDate.of(2026, 11, 20);
    Salt first = storage.salts().getOrCreate(day, key(1));
    Salt second = storage.salts().getOrCreate(day, key(2));

    assertThat(first.key()).isEqualTo(key(1));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void salts_concurrentCreatorsAgreeOnOneKey() throws Exception {
    LocalDate day = LocalDate.of(2026, 11, 21);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Salt>> creators = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        creators.add(() -> storage.salts().getOrCreate(day, key(n)));
      }
      List<Salt> results = new ArrayList<>();
      for (Future<Salt> f : pool.invokeAll(creators)) {
        results.add(f.get());
      }
      assertThat(results).allMatch(s -> s.equals(results.get(0)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void salts_deleteBeforeRemovesOlderDays() {
    LocalDate day = LocalDate.of(2026, 11, 20);
    for (int i = 0; i < 4; i++) {
      storage.salts().getOrCreate(day.minusDays(i), key(i));
    }
    assertThat(storage.salts().deleteBefore(day.minusDays(1))).isEqualTo(2);
    assertThat(storage.salts().list()).extracting(Salt::day)
        .containsExactly(day.minusDays(1), day);
  }

  /** An event with every field set to something unusual, including non-ASCII text. */
  protected static Event fullEvent(String siteId, Instant at) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("plan", "pro");
    props.put("emoji", "ünïcode ✓ \"quoted\"");
    return Event.builder(siteId, EventType.CUSTOM_EVENT)
        .name("Signup")
        .hostname("shop.example")
        .pathname("/préférences/a b")
        .referrer("news.ycombinator.com/item")
        .referrerSource("Hacker News")
        .utm(new Utm("newsletter", "email", "autumn", "header", "shoes"))
        .visitorId(Long.MAX_VALUE - 7)
        .sessionId(1234567890123L)
        .browser("Firefox")
        .browserVersion("133")
        .os("Windows")
        .osVersion("10")
        .deviceType("desktop")
        .country("DE")
        .interactive(false)
        .props(props)
        .timestamp(at)
        .build();
  }

  @Test
  void events_deleteBeforeDeletesOldEventsOfEverySiteInBatches() {
    storage.write(List.of(simpleEvent("a", T0.minusSeconds(30), "/old1"),
        simpleEvent("b", T0.minusSeconds(20), "/old2"),
        simpleEvent("a", T0.minusSeconds(10), "/old3"),
        simpleEvent("a", T0, "/kept")), List.of());

    assertThat(storage.events().deleteBefore(T0, 2)).isEqualTo(2);
    assertThat(storage.events().deleteBefore(T0, 2)).isEqualTo(1);
    assertThat(storage.events().deleteBefore(T0, 2)).isZero();
    assertThat(storage.events().list("a", Instant.EPOCH, T0.plusSeconds(1), 0, 10))
        .extracting(Event::pathname).containsExactly("/kept");
    assertThat(storage.events().count("b", Instant.EPOCH, T0.plusSeconds(1))).isZero();
  }

  @Test
  void write_engagementsAreKeptApartFromEventsAndSummedPerVisitorAndPage() {
    storage.write(List.of(simpleEvent("s1", T0, "/a"),
        engagement("s1", 10, 1, "/a", T0.plusSeconds(1), 30, 1_000),
        engagement("s1", 10, 1, "/a", T0.plusSeconds(2), 80, 2_500),
        engagement("s1", 10, 1, "/b", T0.plusSeconds(3), 10, 0),
        engagement("s1", 20, 0, "/a", T0.plusSeconds(4), 55, 501),
        engagement("s1", 30, 3, "/a", T0.minusSeconds(60), 100, 9_000),
        engagement("s2", 10, 1, "/a", T0.plusSeconds(1), 90, 7_000)),
        List.of(session("s1", 1, T0, T0, null)));

    assertThat(storage.events().list("s1", Instant.EPOCH, T0.plusSeconds(60), 0, 10))
        .extracting(Event::pathname).containsExactly("/a");
    assertThat(storage.events().count("s1", Instant.EPOCH, T0.plusSeconds(60))).isEqualTo(1);
    assertThat(storage.events().count("s2", Instant.EPOCH, T0.plusSeconds(60))).isZero();
    assertThat(storage.aggregates().firstEvent("s1")).contains(T0);
    assertThat(storage.aggregates().firstEvent("s2")).isEmpty();
    Counts total = storage.aggregates().total(Selection
        .builder("s1", Instant.EPOCH, T0.plusSeconds(60)).build());
    assertThat(total.events()).isEqualTo(1);
    assertThat(total.pageviews()).isEqualTo(1);
    assertThat(total.visitors()).isEqualTo(1);
    assertThat(total.visits()).isEqualTo(1);

    // Visitor 10's deepest scroll on /a is 80, visitor 20's 55; the one before T0 is out of range.
    assertThat(engagementSums("s1", T0, T0.plusSeconds(60), List.of(), "/a", "/b", "/none"))
        .isEqualTo(Map.of("/a", new EngagementSums(2, 135, 4_001),
            "/b", new EngagementSums(1, 10, 0)));
    assertThat(engagementSums("s1", T0, T0.plusSeconds(60), List.of(), "/b"))
        .isEqualTo(Map.of("/b", new EngagementSums(1, 10, 0)));
    assertThat(engagementSums("s1", T0.minusSeconds(60), T0.plusSeconds(60), List.of(), "/a"))
        .isEqualTo(Map.of("/a", new EngagementSums(3, 235, 13_001)));
    assertThat(engagementSums("s1", T0, T0.plusSeconds(60), List.of())).isEmpty();
  }

  @Test
  void aggregates_engagementFiltersReadTheEngagementAndItsSessionButNotEventNamesOrProps() {
    storage.write(List.of(simpleEvent("s1", T0, "/a"),
        engagement("s1", 10, 1, "/a", T0.plusSeconds(1), 40, 1_000),
        engagement("s1", 20, 0, "/a", T0.plusSeconds(2), 60, 3_000)),
        List.of(session("s1", 1, T0, T0, null)));
    Instant to = T0.plusSeconds(60);

    // Visitor 10 has a stored session (source Google), visitor 20 none; both are in DE on desktop.
    assertThat(engagementSums("s1", T0, to,
        List.of(Filter.is(Dimension.SOURCE, "Google")), "/a"))
        .isEqualTo(Map.of("/a", new EngagementSums(1, 40, 1_000)));
    assertThat(engagementSums("s1", T0, to,
        List.of(Filter.isNot(Dimension.SOURCE, "Google")), "/a")).isEmpty();
    assertThat(engagementSums("s1", T0, to, List.of(Filter.is(Dimension.COUNTRY, "DE"),
        Filter.is(Dimension.DEVICE, "desktop"), Filter.is(Dimension.BROWSER, "Firefox"),
        Filter.is(Dimension.OS, "Linux"), Filter.contains(Dimension.PAGE, "a")), "/a"))
        .isEqualTo(Map.of("/a", new EngagementSums(2, 100, 4_000)));
    assertThat(engagementSums("s1", T0, to, List.of(Filter.is(Dimension.COUNTRY, "FR")), "/a"))
        .isEmpty();
    assertThat(engagementSums("s1", T0, to, List.of(Filter.is(Dimension.EVENT_NAME, "Signup"),
        Filter.is(Dimension.prop("plan"), "pro")), "/a"))
        .isEqualTo(Map.of("/a", new EngagementSums(2, 100, 4_000)));
  }

  @Test
  void events_deleteEngagementsBeforeDeletesOldEngagementsOfEverySiteInBatches() {
    storage.write(List.of(simpleEvent("a", T0.minusSeconds(30), "/old-event"),
        engagement("a", 1, 0, "/p", T0.minusSeconds(30), 10, 100),
        engagement("b", 1, 0, "/p", T0.minusSeconds(20), 20, 200),
        engagement("a", 2, 0, "/p", T0.minusSeconds(10), 30, 300),
        engagement("a", 3, 0, "/p", T0, 40, 400)), List.of());

    assertThat(storage.events().deleteEngagementsBefore(T0, 2)).isEqualTo(2);
    assertThat(storage.events().deleteEngagementsBefore(T0, 2)).isEqualTo(1);
    assertThat(storage.events().deleteEngagementsBefore(T0, 2)).isZero();
    assertThat(engagementSums("a", Instant.EPOCH, T0.plusSeconds(1), List.of(), "/p"))
        .isEqualTo(Map.of("/p", new EngagementSums(1, 40, 400)));
    assertThat(engagementSums("b", Instant.EPOCH, T0.plusSeconds(1), List.of(), "/p")).isEmpty();
    assertThat(storage.events().count("a", Instant.EPOCH, T0)).isEqualTo(1);
  }

  @Test
  void sharedLinks_addListFindByTokenHashAndDelete() {
    SharedLinkStore links = storage.sharedLinks();
    StoredSharedLink first = new StoredSharedLink("id1", "s1", "Board", "a".repeat(64), "",
        T0);
    StoredSharedLink second = new StoredSharedLink("id2", "s1", "Investors", "b".repeat(64),
        "pbkdf2-sha256$600000$c2FsdA$aGFzaA", T0.plusSeconds(1));
    StoredSharedLink otherSite = new StoredSharedLink("id3", "s2", "Board", "c".repeat(64), "",
        T0);
    links.add(second);
    links.add(first);
    links.add(otherSite);

    assertThat(links.list("s1")).containsExactly(first, second);
    assertThat(links.list("s2")).containsExactly(otherSite);
    assertThat(links.list("none")).isEmpty();
    assertThat(links.findByTokenHash("b".repeat(64))).contains(second);
    assertThat(links.findByTokenHash("d".repeat(64))).isEmpty();
    assertThatThrownBy(() -> links.add(new StoredSharedLink("id4", "s1", "Copy", "a".repeat(64),
        "", T0))).as("a token hash stored already").isInstanceOf(StorageException.class);

    assertThat(links.delete("s2", "id1")).as("another site's link").isFalse();
    assertThat(links.delete("s1", "id1")).isTrue();
    assertThat(links.delete("s1", "id1")).isFalse();
    assertThat(links.findByTokenHash("a".repeat(64))).isEmpty();
    assertThat(links.list("s1")).containsExactly(second);
  }

  @Test
  void sites_deleteRemovesTheSitesSharedLinks() {
    storage.sites().save(Site.of("s1", "s1.example", ZoneId.of("UTC"), "S1", T0));
    storage.sites().save(Site.of("s2", "s2.example", ZoneId.of("UTC"), "S2", T0));
    storage.sharedLinks().add(new StoredSharedLink("id1", "s1", "Board", "a".repeat(64), "", T0));
    storage.sharedLinks().add(new StoredSharedLink("id2", "s2", "Board", "b".repeat(64), "", T0));

    assertThat(storage.sites().delete("s1")).isTrue();

    assertThat(storage.sharedLinks().findByTokenHash("a".repeat(64))).isEmpty();
    assertThat(storage.sharedLinks().list("s1")).isEmpty();
    assertThat(storage.sharedLinks().list("s2")).hasSize(1);
  }

  private static ImportedRow importedRow(String importId, String siteId, String day,
      String dimension, String value, long visitors, long bounces) {
    return new ImportedRow(importId, siteId, LocalDate.parse(day), dimension, value,
        Counts.builder().visitors(visitors).pageviews(2 * visitors).events(2 * visitors)
            .visits(visitors).sessions(visitors).sessionPageviews(2 * visitors).bounces(bounces)
            .durationSeconds(60 * visitors).build());
  }

  private StoredImport storeImport(String id, String siteId, List<ImportedRow> rows) {
    return storage.imports().add(siteId, (sink, earlier) -> {
      rows.forEach(sink);
      return new StoredImport(id, siteId, "export.zip", T0, rows.get(0).day(),
          rows.get(rows.size() - 1).day(), rows.size());
    });
  }

  @Test
  void imports_addSumListAndDelete() {
    StoredImport first = storeImport("i1", "s1", List.of(
        importedRow("i1", "s1", "2025-01-01", "", "", 10, 4),
        importedRow("i1", "s1", "2025-01-01", "page", "/", 6, 2),
        importedRow("i1", "s1", "2025-01-01", "page", "/", 1, 1),
        importedRow("i1", "s1", "2025-01-02", "page", "/a", 3, 0),
        importedRow("i1", "s1", "2025-01-03", "", "", 5, 1)));
    StoredImport other = storeImport("i2", "s2", List.of(
        importedRow("i2", "s2", "2025-01-01", "", "", 99, 0)));
    ImportStore imports = storage.imports();

    assertThat(imports.list("s1")).containsExactly(first);
    assertThat(imports.sum("s1", LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-02"),
        "page", null)).isEqualTo(Map.of(
            "/", importedRow("x", "s1", "2025-01-01", "page", "/", 7, 3).counts(),
            "/a", importedRow("x", "s1", "2025-01-01", "page", "/a", 3, 0).counts()));
    assertThat(imports.sum("s1", LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-03"),
        "page", "/a")).containsOnlyKeys("/a");
    assertThat(imports.sumByDay("s1", LocalDate.parse("2025-01-02"),
        LocalDate.parse("2025-01-03"), "", null)).isEqualTo(Map.of(LocalDate.parse("2025-01-03"),
            importedRow("x", "s1", "2025-01-03", "", "", 5, 1).counts()));

    assertThat(imports.delete("s2", "i1")).isFalse();
    assertThat(imports.delete("s1", "i1")).isTrue();
    assertThat(imports.delete("s1", "i1")).isFalse();
    assertThat(imports.list("s1")).isEmpty();
    assertThat(imports.sum("s1", LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-03"),
        "page", null)).isEmpty();
    assertThat(imports.list("s2")).containsExactly(other);
  }

  @Test
  void imports_aSourceSeesTheSitesEarlierImports() {
    storage.sites().save(Site.of("s1", "s1.example", ZoneId.of("UTC"), "S1", T0));
    StoredImport first = storeImport("i1", "s1", List.of(
        importedRow("i1", "s1", "2025-01-01", "", "", 1, 0)));
    storeImport("i9", "s2", List.of(importedRow("i9", "s2", "2025-01-01", "", "", 1, 0)));
    List<List<StoredImport>> seen = new ArrayList<>();

    storage.imports().add("s1", (sink, earlier) -> {
      seen.add(earlier);
      sink.accept(importedRow("i2", "s1", "2025-02-01", "", "", 1, 0));
      return new StoredImport("i2", "s1", "b.zip", T0.plusSeconds(1), LocalDate.parse("2025-02-01"),
          LocalDate.parse("2025-02-01"), 1);
    });

    assertThat(seen).containsExactly(List.of(first));
    assertThat(storage.imports().list("s1")).extracting(StoredImport::id)
        .containsExactly("i1", "i2");
  }

  @Test
  void imports_aSourceThatThrowsStoresNothing() {
    IllegalStateException broken = new IllegalStateException("line 3 is wrong");
    assertThatThrownBy(() -> storage.imports().add("s1", (sink, earlier) -> {
      for (int i = 0; i < 2_500; i++) {
        sink.accept(importedRow("i1", "s1", "2025-01-01", "page", "/" + i, 1, 0));
      }
      throw broken;
    })).isSameAs(broken);

    assertThat(storage.imports().list("s1")).isEmpty();
    assertThat(storage.imports().sum("s1", LocalDate.parse("2025-01-01"),
        LocalDate.parse("2025-01-01"), "page", null)).isEmpty();
  }

  @Test
  void sites_deleteRemovesTheSitesImports() {
    storage.sites().save(Site.of("s1", "s1.example", ZoneId.of("UTC"), "S1", T0));
    storage.sites().save(Site.of("s2", "s2.example", ZoneId.of("UTC"), "S2", T0));
    storeImport("i1", "s1", List.of(importedRow("i1", "s1", "2025-01-01", "", "", 1, 0)));
    storeImport("i2", "s2", List.of(importedRow("i2", "s2", "2025-01-01", "", "", 2, 0)));

    assertThat(storage.sites().delete("s1")).isTrue();

    assertThat(storage.imports().list("s1")).isEmpty();
    assertThat(storage.imports().sumByDay("s1", LocalDate.parse("2025-01-01"),
        LocalDate.parse("2025-01-01"), "", null)).isEmpty();
    assertThat(storage.imports().list("s2")).hasSize(1);
  }

  @Test
  void emailReports_addListFindByTokenAndDelete() {
    EmailReportStore store = storage.emailReports();
    EmailRecipient ann = recipient("r1", "s1", "ann@example.com", ReportCadence.WEEKLY, T0, "t1");
    EmailRecipient bob = recipient("r2", "s1", "bob@example.com", ReportCadence.MONTHLY,
        T0.plusSeconds(1), "t2");
    EmailRecipient other = recipient("r3", "s2", "ann@example.com", ReportCadence.WEEKLY, T0,
        "t3");
    store.add(bob);
    store.add(ann);
    store.add(other);

    assertThat(store.list("s1")).containsExactly(ann, bob);
    assertThat(store.list("s2")).containsExactly(other);
    assertThat(store.list("none")).isEmpty();
    assertThat(store.findByToken("t2")).contains(bob);
    assertThat(store.findByToken("t4")).isEmpty();
    assertThatThrownBy(() -> store.add(recipient("r4", "s1", "carl@example.com",
        ReportCadence.WEEKLY, T0, "t1"))).as("a token stored already")
        .isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> store.add(recipient("r5", "s1", "ann@example.com",
        ReportCadence.WEEKLY, T0, "t5"))).as("the site, address and cadence stored already")
        .isInstanceOf(StorageException.class);

    assertThat(store.delete("s2", "r1")).as("another site's recipient").isFalse();
    assertThat(store.delete("s1", "r1")).isTrue();
    assertThat(store.delete("s1", "r1")).isFalse();
    assertThat(store.findByToken("t1")).isEmpty();
    assertThat(store.list("s1")).containsExactly(bob);
  }

  @Test
  void emailReports_claimOnce_untilReleasedOrTheRecipientIsDeleted() {
    EmailReportStore store = storage.emailReports();
    EmailRecipient ann = recipient("r1", "s1", "ann@example.com", ReportCadence.WEEKLY, T0, "t1");
    EmailRecipient bob = recipient("r2", "s1", "bob@example.com", ReportCadence.WEEKLY, T0, "t2");
    store.add(ann);
    store.add(bob);
    LocalDate monday = LocalDate.parse("2026-11-16");

    assertThat(store.claim(ann, monday, T0)).isTrue();
    assertThat(store.claim(ann, monday, T0.plusSeconds(1))).isFalse();
    assertThat(store.claim(bob, monday, T0)).isTrue();
    assertThat(store.claim(ann, monday.plusWeeks(1), T0)).isTrue();
    store.release(ann, monday);
    assertThat(store.claim(ann, monday, T0)).isTrue();

    store.delete("s1", "r1");
    store.add(ann);
    assertThat(store.claim(ann, monday, T0)).as("the claims went with the recipient").isTrue();
  }

  @Test
  void emailReports_concurrentClaims_exactlyOneWins() throws Exception {
    EmailRecipient ann = recipient("r1", "s1", "ann@example.com", ReportCadence.WEEKLY, T0, "t1");
    storage.emailReports().add(ann);
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        claims.add(pool.submit(() -> {
          start.await();
          return storage.emailReports().claim(ann, LocalDate.parse("2026-11-16"), T0);
        }));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> claim : claims) {
        won += claim.get(1, TimeUnit.MINUTES) ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sites_deleteRemovesTheSitesEmailRecipientsAndClaims() {
    storage.sites().save(Site.of("s1", "s1.example", ZoneId.of("UTC"), "S1", T0));
    storage.sites().save(Site.of("s2", "s2.example", ZoneId.of("UTC"), "S2", T0));
    EmailRecipient ann = recipient("r1", "s1", "ann@example.com", ReportCadence.WEEKLY, T0, "t1");
    storage.emailReports().add(ann);
    storage.emailReports().add(recipient("r2", "s2", "ann@example.com", ReportCadence.WEEKLY, T0,
        "t2"));
    storage.emailReports().claim(ann, LocalDate.parse("2026-11-16"), T0);

    assertThat(storage.sites().delete("s1")).isTrue();

    assertThat(storage.emailReports().findByToken("t1")).isEmpty();
    assertThat(storage.emailReports().list("s1")).isEmpty();
    assertThat(storage.emailReports().list("s2")).hasSize(1);
    storage.emailReports().add(ann);
    assertThat(storage.emailReports().claim(ann, LocalDate.parse("2026-11-16"), T0)).isTrue();
  }

  private static EmailRecipient recipient(String id, String siteId, String address,
      ReportCadence cadence, Instant createdAt, String token) {
    return new EmailRecipient(id, siteId, address, cadence, createdAt, token);
  }

  @Test
  void sites_deleteRemovesTheSitesEngagements() {
    storage.sites().save(Site.of("a", "a.example", ZoneOffset.UTC, "", T0));
    storage.sites().save(Site.of("b", "b.example", ZoneOffset.UTC, "", T0));
    storage.write(List.of(engagement("a", 1, 0, "/p", T0, 10, 100),
        engagement("b", 1, 0, "/p", T0, 20, 200)), List.of());

    assertThat(storage.sites().delete("a")).isTrue();

    assertThat(engagementSums("a", T0, T0.plusSeconds(1), List.of(), "/p")).isEmpty();
    assertThat(engagementSums("b", T0, T0.plusSeconds(1), List.of(), "/p"))
        .isEqualTo(Map.of("/p", new EngagementSums(1, 20, 200)));
  }

  @Test
  void sessions_endInactiveEndsIdleOpenSessionsAtTheirLastActivity() {
    storage.write(List.of(), List.of(
        session("a", 1, T0.minusSeconds(3600), T0.minusSeconds(1900), null),
        session("a", 2, T0.minusSeconds(600), T0.minusSeconds(60), null),
        session("a", 3, T0.minusSeconds(7200), T0.minusSeconds(7000), T0.minusSeconds(6000))));

    assertThat(storage.sessions().endInactive(T0.minusSeconds(1800))).isEqualTo(1);

    assertThat(storage.sessions().find(1).orElseThrow().endedAt())
        .contains(T0.minusSeconds(1900));
    assertThat(storage.sessions().find(2).orElseThrow().endedAt()).isEmpty();
    assertThat(storage.sessions().find(3).orElseThrow().endedAt())
        .contains(T0.minusSeconds(6000));
  }

  @Test
  void sessions_deleteEndedBeforeKeepsOpenAndRecentSessions() {
    storage.write(List.of(), List.of(
        session("a", 1, T0.minusSeconds(7200), T0.minusSeconds(7000), T0.minusSeconds(7000)),
        session("b", 2, T0.minusSeconds(7200), T0.minusSeconds(6900), T0.minusSeconds(6900)),
        session("a", 3, T0.minusSeconds(7200), T0.minusSeconds(7000), null),
        session("a", 4, T0.minusSeconds(60), T0.minusSeconds(30), T0.minusSeconds(30))));

    assertThat(storage.sessions().deleteEndedBefore(T0.minusSeconds(3600), 1)).isEqualTo(1);
    assertThat(storage.sessions().deleteEndedBefore(T0.minusSeconds(3600), 10)).isEqualTo(1);

    assertThat(storage.sessions().find(1)).isEmpty();
    assertThat(storage.sessions().find(2)).isEmpty();
    assertThat(storage.sessions().find(3)).isPresent();
    assertThat(storage.sessions().find(4)).isPresent();
  }

  @Test
  void sessions_findAllReturnsTheStoredOnesAmongTheIds() {
    storage.write(List.of(), List.of(session("s1", 1, T0, T0, null), session("s1", 2, T0, T0, T0),
        session("s2", 3, T0, T0, null)));

    assertThat(storage.sessions().findAll(List.of(1L, 3L, 99L, 1L)))
        .extracting(Session::sessionId).containsExactlyInAnyOrder(1L, 3L);
    assertThat(storage.sessions().findAll(List.of())).isEmpty();
  }

  @Test
  void sessions_findAllFindsMoreThanAThousandAtOnce() {
    List<Session> many = new ArrayList<>();
    for (long id = 1; id <= 2_500; id++) {
      many.add(session("s1", id, T0, T0, null));
    }
    storage.write(List.of(), many);
    List<Long> ids = new ArrayList<>();
    for (long id = 0; id <= 2_600; id++) {
      ids.add(id);
    }

    assertThat(storage.sessions().findAll(ids)).hasSize(2_500);
  }

  @Test
  void rollups_forEachEventPassesTheDayAndTheDayBeforeOrWhatCameAfterAnId() {
    RollupDay day = new RollupDay("s1", LocalDate.ofInstant(T0, ZoneOffset.UTC), ZoneOffset.UTC);
    storage.write(List.of(simpleEvent("s1", day.previousStart(), "/before"),
        simpleEvent("s1", day.end().minusMillis(1), "/day"),
        simpleEvent("s1", day.previousStart().minusMillis(1), "/earlier"),
        simpleEvent("s1", day.end(), "/after"),
        simpleEvent("s2", T0, "/other-site")), List.of(session("s1", 8, T0, T0, null)));
    Map<String, Session> read = new LinkedHashMap<>();
    long last = storage.rollups().forEachEvent(day, 0,
        (event, session) -> read.put(event.pathname(), session));
    assertThat(read.keySet()).containsExactlyInAnyOrder("/before", "/day");
    assertThat(read.get("/day")).isEqualTo(storage.sessions().find(8).orElseThrow());
    assertThat(last).as("the last id stored, of any site").isEqualTo(lastEventId());

    Session changed = session("s1", 8, T0, T0.plusSeconds(60), null);
    storage.write(List.of(simpleEvent("s1", T0, "/new"), simpleEvent("s2", T0, "/other-site"),
        simpleEvent("s1", day.previousStart(), "/new-before"),
        simpleEvent("s1", day.previousStart().minusMillis(1), "/too-early"),
        simpleEvent("s1", day.end(), "/later")), List.of(changed));
    List<String> since = new ArrayList<>();
    long next = storage.rollups().forEachEvent(day, last, (event, session) -> {
      since.add(event.pathname());
      assertThat(session).isEqualTo(changed);
    });
    assertThat(since).containsExactlyInAnyOrder("/new", "/new-before");
    assertThat(next).isEqualTo(lastEventId());
    assertThat(storage.rollups().forEachEvent(day, next, (event, session) -> since.add("again")))
        .isEqualTo(next);
    assertThat(since).containsExactlyInAnyOrder("/new", "/new-before");
  }

  @Test
  void rollups_recurringVisitorsAreTheGivenIdsSeenOnOtherDays() {
    RollupDay day = new RollupDay("s1", LocalDate.ofInstant(T0, ZoneOffset.UTC), ZoneOffset.UTC);
    Instant fiveDaysBefore = T0.minus(Duration.ofDays(5));
    storage.write(List.of(visit("s1", 1, T0), visit("s1", 2, T0), visit("s1", 2, fiveDaysBefore),
        visit("s1", 3, T0.minus(Duration.ofDays(1))), visit("s1", 3, T0),
        visit("s1", 4, T0), visit("s1", 4, T0.plus(Duration.ofDays(2))),
        visit("s2", 1, fiveDaysBefore)), List.of());

    assertThat(storage.rollups().recurringVisitors(day, List.of(1L, 2L, 3L, 4L)))
        .containsExactlyInAnyOrder(2L, 4L);
    assertThat(storage.rollups().recurringVisitors(day, List.of(2L, 2L))).containsExactly(2L);
    assertThat(storage.rollups().recurringVisitors(day, List.of(1L, 3L))).isEmpty();
    assertThat(storage.rollups().recurringVisitors(day, List.of())).isEmpty();
  }

  @Test
  void rollups_replaceKeepsTheRecurringVisitorIdsOfEachDay() {
    storage.sites().save(Site.of("s1", "x.example", ZoneOffset.UTC, "", T0));
    LocalDate first = LocalDate.parse("2026-10-05");
    storage.rollups().replace(rollupWithRecurring("s1", first, Set.of(1L, 2L)));
    storage.rollups().replace(rollupWithRecurring("s1", first.plusDays(1), Set.of()));
    storage.rollups().replace(rollupWithRecurring("s1", first.plusDays(2), Set.of(2L, 3L)));
    storage.rollups().replace(rollupWithRecurring("s1", first.plusDays(2), Set.of(3L, 5L)));

    assertThat(storage.rollups().rolledUp("s1", first, first.plusDays(2)))
        .containsExactly(Map.entry(first, 2L), Map.entry(first.plusDays(1), 0L),
            Map.entry(first.plusDays(2), 2L));
    assertThat(storage.rollups().recurringVisitors("s1", first, first.plusDays(2)))
        .containsExactlyInAnyOrder(1L, 2L, 3L, 5L);
    assertThat(storage.rollups().recurringVisitors("s1", first.plusDays(1), first.plusDays(5)))
        .containsExactlyInAnyOrder(3L, 5L);
    assertThat(storage.rollups().recurringVisitors("s2", first, first.plusDays(2))).isEmpty();

    storage.rollups().deleteRecurringVisitorsBefore(first.plusDays(2));
    assertThat(storage.rollups().recurringVisitors("s1", first, first.plusDays(2)))
        .as("as retention deletes the raw events").containsExactlyInAnyOrder(3L, 5L);
    assertThat(storage.rollups().rolledUp("s1", first, first.plusDays(2))).hasSize(3);
  }

  @Test
  void rollups_forEachEventOfPassesTheVisitorsEventsInTheRangeWithTheirSessions() {
    Instant later = T0.plus(Duration.ofDays(3)).plusSeconds(7);
    Event first = visit("s1", 1, T0);
    Session stored = session("s1", first.sessionId(), T0, T0, T0);
    storage.write(List.of(first, visit("s1", 1, later), visit("s1", 2, T0.plusSeconds(61)),
        visit("s1", 3, T0), visit("s2", 1, T0), visit("s1", 1, T0.minusMillis(1)),
        visit("s1", 2, T0.plus(Duration.ofDays(4)))), List.of(stored));
    List<String> passed = new ArrayList<>();

    storage.rollups().forEachEventOf("s1", List.of(1L, 2L, 2L), T0, T0.plus(Duration.ofDays(4)),
        (event, session) -> passed.add(event.visitorId() + "@" + event.timestamp() + " "
            + (session == null ? "-" : session.equals(stored))));

    assertThat(passed).containsExactlyInAnyOrder("1@" + T0 + " true", "1@" + later + " -",
        "2@" + T0.plusSeconds(61) + " -");
  }

  @Test
  void rollups_replaceForAnUnknownSiteIsRefused() {
    DayRollup rollup = new DayRollup(new RollupDay("nowhere", LocalDate.parse("2026-10-05"),
        ZoneOffset.UTC), Map.of(RollupStore.TOTAL, Map.of("", new DayCounts(
            Counts.builder().pageviews(1).events(1).build(), Counts.ZERO))), Set.of());

    assertThatThrownBy(() -> storage.rollups().replace(rollup))
        .isInstanceOf(UnknownSiteException.class)
        .hasMessage("site 'nowhere' is not registered");
    assertThat(storage.rollups().rolledUp("nowhere", LocalDate.parse("2026-10-01"),
        LocalDate.parse("2026-10-31"))).isEmpty();
  }

  @Test
  void leases_oneOwnerAtATimeUntilReleasedOrExpired() {
    Duration ttl = Duration.ofMinutes(15);

    assertThat(storage.leases().tryAcquire("retention", "one", T0, ttl)).isTrue();
    assertThat(storage.leases().tryAcquire("retention", "two", T0.plusSeconds(60), ttl)).isFalse();
    assertThat(storage.leases().tryAcquire("retention", "one", T0.plusSeconds(60), ttl)).isTrue();
    assertThat(storage.leases().tryAcquire("rotate_salts", "two", T0, ttl)).isTrue();

    storage.leases().release("retention", "two");
    assertThat(storage.leases().tryAcquire("retention", "two", T0.plusSeconds(120), ttl))
        .as("a release by another owner does nothing").isFalse();
    storage.leases().release("retention", "one");
    assertThat(storage.leases().tryAcquire("retention", "two", T0.plusSeconds(120), ttl)).isTrue();

    assertThat(storage.leases().tryAcquire("retention", "one",
        T0.plusSeconds(120).plus(ttl).plusSeconds(1), ttl)).as("expired").isTrue();
  }

  @Test
  void leases_concurrentTakersGetOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> takes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String owner = "owner-" + i;
        takes.add(pool.submit(() -> storage.leases().tryAcquire("race", owner, T0,
            Duration.ofMinutes(1))));
      }
      int winners = 0;
      for (Future<Boolean> take : takes) {
        winners += take.get(5, TimeUnit.MINUTES) ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  protected static Event simpleEvent(String siteId, Instant at, String path) {
    return Event.builder(siteId, EventType.PAGEVIEW).pathname(path).hostname("x.example")
        .visitorId(7).sessionId(8).timestamp(at).build();
  }

  private long lastEventId() {
    return Stream.of("s1", "s2")
        .flatMap(site -> storage.events().list(site, Instant.EPOCH, T0.plus(Duration.ofDays(9)), 0,
            100).stream())
        .mapToLong(event -> event.id().orElseThrow()).max().orElseThrow();
  }

  private static DayRollup rollupWithRecurring(String siteId, LocalDate date,
      Set<Long> recurring) {
    return new DayRollup(new RollupDay(siteId, date, ZoneOffset.UTC), Map.of(RollupStore.TOTAL,
        Map.of("", new DayCounts(Counts.builder().visitors(3).pageviews(3).events(3).build(),
            Counts.ZERO))), recurring);
  }

  private static Event visit(String siteId, long visitorId, Instant at) {
    return Event.builder(siteId, EventType.PAGEVIEW).pathname("/").hostname("x.example")
        .visitorId(visitorId).sessionId(visitorId * 100 + at.getEpochSecond() % 100).timestamp(at)
        .build();
  }

  protected static Event customEvent(String siteId, Instant at, String name, String path) {
    return Event.builder(siteId, EventType.CUSTOM_EVENT).name(name).pathname(path)
        .hostname("x.example").visitorId(7).sessionId(8).timestamp(at).build();
  }

  /**
   * An engagement as the pipeline gives it to {@link Storage#write}: from Firefox on Linux, a
   * desktop in Germany.
   */
  protected static Event engagement(String siteId, long visitorId, long sessionId, String path,
      Instant at, int scrollDepth, long engagedMillis) {
    return Event.builder(siteId, EventType.ENGAGEMENT).pathname(path).hostname("x.example")
        .visitorId(visitorId).sessionId(sessionId).country("DE").deviceType("desktop")
        .browser("Firefox").os("Linux").scrollDepth(scrollDepth)
        .engagedTime(Duration.ofMillis(engagedMillis)).timestamp(at).build();
  }

  private Map<String, EngagementSums> engagementSums(String siteId, Instant from, Instant to,
      List<Filter> filters, String... pages) {
    return storage.aggregates().engagement(Selection.builder(siteId, from, to)
        .filters(filters).goal(Filter.is(Dimension.EVENT_NAME, "Signup")).build(),
        List.of(pages));
  }

  private EventPage search(EventQuery.Builder query) {
    return storage.events().search(query.build());
  }

  private static List<String> paths(EventPage page) {
    return page.events().stream().map(Event::pathname).toList();
  }

  protected static Session session(String siteId, long id, Instant start, Instant last,
      Instant ended) {
    return Session.builder(siteId, id, id * 10)
        .entryPage("/a").exitPage("/a").pageviews(1).events(1).bounce(true)
        .referrer("google.com").referrerSource("Google")
        .utm(new Utm("g", "cpc", "", "", ""))
        .country("FR").deviceType("mobile").browser("Safari").os("iOS")
        .startedAt(start).lastActivityAt(last).endedAt(ended)
        .build();
  }

  protected static byte[] key(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * 31 + i);
    }
    return key;
  }
}
