package dev.footfall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Session;
import dev.footfall.Site;
import dev.footfall.Utm;
import dev.footfall.spi.Salt;
import dev.footfall.spi.Storage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
  void write_sessionsAreUpserted() {
    Session first = session("s1", 42, T0, T0, null);
    storage.write(List.of(), List.of(first));
    Session later = first.toBuilder().pageviews(2).events(3).bounce(false).exitPage("/b")
        .lastActivityAt(T0.plusSeconds(10)).build();
    storage.write(List.of(), List.of(later));

    assertThat(storage.sessions().find(42)).contains(later);
    assertThat(storage.sessions().find(43)).isEmpty();
    assertThat(storage.sessions().list("s1", T0, T0.plusSeconds(1))).containsExactly(later);
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

  protected static Event simpleEvent(String siteId, Instant at, String path) {
    return Event.builder(siteId, EventType.PAGEVIEW).pathname(path).hostname("x.example")
        .visitorId(7).sessionId(8).timestamp(at).build();
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
