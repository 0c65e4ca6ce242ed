package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.EventPage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StoredEvents} on the in-memory store, with the analytics clock fixed at {@link #NOW}:
 * corrections, deletions and imports keep rollups and reports right, and every rule is checked.
 */
final class StoredEventsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
      + " AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static final String GOOGLEBOT =
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
  private static final ReportQuery PAGES = ReportQuery.builder("shop").period(Period.parse("7d"))
      .breakdown(Dimension.PAGE).metrics(Metric.PAGEVIEWS).build();

  private Analytics analytics;
  private StoredEvents events;

  @BeforeEach
  void open() {
    analytics = Analytics.builder().storage(InMemoryStorage.create())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop", Instant.EPOCH));
    analytics.sites().save(Site.of("berlin", "berlin.example", ZoneId.of("Europe/Berlin"),
        "Berlin", Instant.EPOCH));
    events = analytics.events();
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  /** A pageview of a visitor the client names, so that it may lie on a past day. */
  private static TrackRequest pageview(String site, String visitor, String at, String path) {
    return TrackRequest.pageview(site, path).visitorId(visitor).timestamp(Instant.parse(at))
        .context(RequestContext.of("", CHROME)).build();
  }

  private static TrackRequest signup(String at, String path) {
    return TrackRequest.event("shop", "Signup", path).visitorId("v")
        .timestamp(Instant.parse(at)).context(RequestContext.of("", CHROME)).build();
  }

  private ImportResult importEvents(TrackRequest... requests) {
    ImportResult result = events.importEvents(List.of(requests), WAIT);
    assertThat(result.stored()).isTrue();
    return result;
  }

  /** Every stored event of a site, oldest first. */
  private List<Event> stored(String site) {
    assertThat(analytics.flush(WAIT)).isTrue();
    return analytics.storage().events().list(site, Instant.EPOCH, NOW.plusSeconds(3_600), 0,
        1_000);
  }

  private long idOf(String path) {
    return stored("shop").stream().filter(e -> e.pathname().equals(path)).findFirst()
        .orElseThrow().id().orElseThrow();
  }

  private Map<String, Long> pageviews() {
    Map<String, Long> pageviews = new HashMap<>();
    analytics.reports().breakdown(PAGES).results().forEach(row ->
        pageviews.put(row.value(), row.metrics().get(Metric.PAGEVIEWS).longValue()));
    return pageviews;
  }

  /** Rolls up the six days before today, after ending the visits, as the rollup job would. */
  private void rollUpTheWeek() {
    assertThat(analytics.flush(WAIT)).isTrue();
    analytics.storage().sessions().endInactive(NOW);
    analytics.rollups().rollUp("shop", LocalDate.parse("2026-11-18"),
        LocalDate.parse("2026-11-23"));
    assertThat(analytics.storage().rollups().rolledUp("shop", LocalDate.parse("2026-11-18"),
        LocalDate.parse("2026-11-23"))).containsKeys(LocalDate.parse("2026-11-20"),
        LocalDate.parse("2026-11-21"));
  }

  @Test
  void update_onRolledUpDay_reRollsItSoReportsShowTheChange() {
    importEvents(pageview("shop", "alice", "2026-11-20T10:00:00Z", "/a"),
        pageview("shop", "alice", "2026-11-21T10:00:00Z", "/b"));
    rollUpTheWeek();
    assertThat(pageviews()).isEqualTo(Map.of("/a", 1L, "/b", 1L));

    Event changed = events.update(idOf("/b"), EventChange.builder().pathname("/c").build())
        .orElseThrow();

    assertThat(changed.pathname()).isEqualTo("/c");
    assertThat(pageviews()).isEqualTo(Map.of("/a", 1L, "/c", 1L));
  }

  @Test
  void delete_onRolledUpDay_reRollsItSoReportsShowTheChange() {
    importEvents(pageview("shop", "alice", "2026-11-20T10:00:00Z", "/a"),
        pageview("shop", "alice", "2026-11-21T10:00:00Z", "/b"));
    rollUpTheWeek();
    assertThat(pageviews()).isEqualTo(Map.of("/a", 1L, "/b", 1L));
    long b = idOf("/b");

    assertThat(events.delete(b)).isTrue();

    assertThat(pageviews()).isEqualTo(Map.of("/a", 1L));
    assertThat(events.find(b)).isEmpty();
    assertThat(events.delete(b)).isFalse();
  }

  @Test
  void importEvents_onRolledUpDay_reRollsItSoReportsShowThem() {
    importEvents(pageview("shop", "alice", "2026-11-20T10:00:00Z", "/a"));
    rollUpTheWeek();
    assertThat(pageviews()).isEqualTo(Map.of("/a", 1L));

    importEvents(pageview("shop", "bob", "2026-11-20T11:00:00Z", "/a"));

    assertThat(pageviews()).isEqualTo(Map.of("/a", 2L));
  }

  @Test
  void update_ofTodaysEvent_showsInReportsAtOnce() {
    importEvents(pageview("shop", "alice", "2026-11-24T10:00:00Z", "/a"));
    assertThat(pageviews()).isEqualTo(Map.of("/a", 1L));

    events.update(idOf("/a"), EventChange.builder().pathname("/b").build());

    assertThat(pageviews()).isEqualTo(Map.of("/b", 1L));
  }

  @Test
  void update_changesOnlyTheFieldsSetAndCleansThem() {
    importEvents(signup("2026-11-24T10:00:00Z", "/pricing"));
    Event signup = stored("shop").get(0);
    long id = signup.id().orElseThrow();

    Map<String, String> props = new LinkedHashMap<>();
    props.put(" plan ", "enter\0prise");
    Event changed = events.update(id, EventChange.builder().name(" Upgrade\0 ").props(props)
        .build()).orElseThrow();

    assertThat(changed).isEqualTo(signup.toBuilder().name("Upgrade")
        .props(Map.of("plan", "enterprise")).build());
    assertThat(events.find(id)).contains(changed);
    assertThat(events.update(id, EventChange.builder().props(Map.of()).build()).orElseThrow()
        .props()).isEmpty();
  }

  @Test
  void update_pageviewKeepsItsNameAndNamingItPageviewChangesNothing() {
    importEvents(pageview("shop", "v", "2026-11-24T10:00:00Z", "/"));
    Event pageview = stored("shop").get(0);
    long id = pageview.id().orElseThrow();

    assertThat(events.update(id, EventChange.builder().name("pageview").build()))
        .contains(pageview);
    assertThatThrownBy(() -> events.update(id, EventChange.builder().name("Renamed").build()))
        .isInstanceOf(InvalidEventException.class)
        .extracting(e -> ((InvalidEventException) e).violations())
        .isEqualTo(Map.of("event_name",
            List.of("a pageview's event_name is always 'pageview' but was 'Renamed'")));
  }

  @Test
  void update_invalidChangeListsEveryViolationAndChangesNothing() {
    importEvents(signup("2026-11-24T10:00:00Z", "/pricing"));
    Event signup = stored("shop").get(0);
    long id = signup.id().orElseThrow();
    Map<String, String> props = new LinkedHashMap<>();
    props.put("k", null);
    props.put(" ", "v");
    props.put("long", "é".repeat(1001));
    props.put("k".repeat(301), "v");
    props.put("blank", " ");

    InvalidEventException invalid = assertThrows(
        InvalidEventException.class, () -> events.update(id, EventChange.builder()
            .name("x".repeat(121)).pathname("pricing").props(props).build()));

    assertThat(invalid.violations()).containsOnlyKeys("event_name", "pathname", "metadata");
    assertThat(invalid.violations().get("event_name"))
        .containsExactly("event_name must be at most 120 characters but was 121");
    assertThat(invalid.violations().get("pathname"))
        .containsExactly("pathname must start with '/' but was 'pricing'");
    assertThat(invalid.violations().get("metadata")).containsExactly(
        "value of prop 'k' must be a non-empty string",
        "prop keys must not be empty",
        "value of prop 'long' must be at most 2000 bytes but was 2002",
        "prop key '" + "k".repeat(40) + "…' must be at most 300 bytes but was 301",
        "value of prop 'blank' must be a non-empty string");
    assertThat(invalid.getMessage()).startsWith("the change of event " + id + " is invalid;"
        + " the event was not changed (event_name: event_name must be at most 120");
    assertThat(events.find(id)).contains(signup);

    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 31; i++) {
      many.put("k" + i, "v");
    }
    assertThat(EventChange.builder().props(many).build().violations(EventType.CUSTOM_EVENT))
        .isEqualTo(Map.of("metadata", List.of("metadata must have at most 30 props but had 31")));
    assertThat(EventChange.builder().name(" ").pathname("/" + "p".repeat(2000)).build()
        .violations(EventType.CUSTOM_EVENT)).isEqualTo(Map.of(
            "event_name", List.of("event_name must not be empty"),
            "pathname", List.of("pathname must be at most 2000 bytes but was 2001")));
    assertThat(events.find(id)).contains(signup);
  }

  @Test
  void findUpdateDelete_badOrUnknownIds() {
    assertThat(events.find(42)).isEmpty();
    assertThat(events.update(42, EventChange.builder().pathname("/x").build())).isEmpty();
    assertThat(events.delete(42)).isFalse();
    assertThatThrownBy(() -> events.find(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id must be positive but was 0");
    assertThatThrownBy(() -> events.delete(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id must be positive but was -1");
    assertThatThrownBy(() -> events.update(0, EventChange.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id must be positive but was 0");
    assertThatThrownBy(() -> events.update(1, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("change");
  }

  @Test
  void list_filtersByTypeNamePathAndLocalDaysAndPages() {
    // Berlin is UTC+1 in November: 23:30Z on the 20th is 00:30 on the 21st there.
    importEvents(pageview("berlin", "v", "2026-11-20T22:30:00Z", "/a"),
        pageview("berlin", "v", "2026-11-20T23:30:00Z", "/a"),
        TrackRequest.event("berlin", "Signup", "/b").visitorId("v")
            .timestamp(Instant.parse("2026-11-21T09:00:00Z")).build(),
        pageview("berlin", "v", "2026-11-21T22:59:59Z", "/b"),
        pageview("berlin", "v", "2026-11-21T23:00:00Z", "/b"));

    EventPage all = events.list(EventSearch.builder("berlin").build());
    assertThat(all.total()).isEqualTo(5);
    assertThat(times(all)).containsExactly("2026-11-20T22:30:00Z", "2026-11-20T23:30:00Z",
        "2026-11-21T09:00:00Z", "2026-11-21T22:59:59Z", "2026-11-21T23:00:00Z");
    LocalDate day = LocalDate.parse("2026-11-21");
    assertThat(times(events.list(EventSearch.builder("berlin").startDate(day).endDate(day)
        .build()))).containsExactly("2026-11-20T23:30:00Z", "2026-11-21T09:00:00Z",
        "2026-11-21T22:59:59Z");
    assertThat(events.list(EventSearch.builder("berlin").type(EventType.CUSTOM_EVENT)
        .name("Signup").pathname("/b").build()).total()).isEqualTo(1);
    assertThat(events.list(EventSearch.builder("berlin").type(EventType.PAGEVIEW)
        .pathname("/b").build()).total()).isEqualTo(2);

    EventPage second = events.list(EventSearch.builder("berlin").limit(2).page(2).build());
    assertThat(second.total()).isEqualTo(5);
    assertThat(times(second)).containsExactly("2026-11-21T09:00:00Z", "2026-11-21T22:59:59Z");
    EventPage beyond = events.list(EventSearch.builder("berlin").limit(2).page(4).build());
    assertThat(beyond.events()).isEmpty();
    assertThat(beyond.total()).isEqualTo(5);
  }

  private static List<String> times(EventPage page) {
    List<String> times = new ArrayList<>();
    page.events().forEach(e -> times.add(e.timestamp().toString()));
    return times;
  }

  @Test
  void list_badSearchOrUnknownSite() {
    assertThatThrownBy(() -> events.list(EventSearch.builder("nope").build()))
        .isInstanceOf(UnknownSiteException.class).hasMessage("site 'nope' is not registered");
    assertThatThrownBy(() -> EventSearch.builder("shop").limit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 1000 but was 0");
    assertThatThrownBy(() -> EventSearch.builder("shop").limit(1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 1000 but was 1001");
    assertThatThrownBy(() -> EventSearch.builder("shop").page(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("page must be between 1 and 21474836 but was 0");
    assertThatThrownBy(() -> EventSearch.builder("shop").limit(1000).page(2147484).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("page must be between 1 and 2147483 but was 2147484");
    assertThatThrownBy(() -> EventSearch.builder("shop").startDate(LocalDate.parse("2026-11-24"))
        .endDate(LocalDate.parse("2026-11-23")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("startDate must not be after endDate but was 2026-11-24"
            + " (endDate is 2026-11-23)");
    assertThatThrownBy(() -> events.list(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void importEvents_tracksInTimeOrderSoSessionsFollowTheThirtyMinuteRule() {
    // Out of order on purpose: 10:00 and 10:10 form one visit; 10:50 comes 40 minutes later.
    ImportResult result = importEvents(
        pageview("shop", "alice", "2026-11-20T10:50:00Z", "/checkout"),
        pageview("shop", "alice", "2026-11-20T10:00:00Z", "/"),
        pageview("shop", "alice", "2026-11-20T10:10:00Z", "/pricing"));

    assertThat(result.accepted()).isEqualTo(3);
    assertThat(result.dropped()).isEmpty();
    List<Event> stored = stored("shop");
    assertThat(stored).extracting(Event::pathname).containsExactly("/", "/pricing", "/checkout");
    assertThat(stored.get(1).sessionId()).isEqualTo(stored.get(0).sessionId());
    assertThat(stored.get(2).sessionId()).isNotEqualTo(stored.get(0).sessionId());
    Session visit = analytics.storage().sessions().find(stored.get(0).sessionId()).orElseThrow();
    assertThat(visit.entryPage()).isEqualTo("/");
    assertThat(visit.exitPage()).isEqualTo("/pricing");
  }

  @Test
  void importEvents_countsDropsByReasonAndKeepsRevenue() {
    ImportResult result = importEvents(
        TrackRequest.pageview("shop", "/").context(RequestContext.of("203.0.113.9", GOOGLEBOT))
            .build(),
        TrackRequest.event("shop", "Purchase", "/checkout").visitorId("v")
            .revenue(Revenue.of("15.99", "USD")).context(RequestContext.of("", CHROME))
            .build());

    assertThat(result.accepted()).isEqualTo(1);
    assertThat(result.dropped()).isEqualTo(Map.of(DropReason.BOT, 1));
    assertThat(stored("shop")).singleElement().satisfies(purchase -> {
      assertThat(purchase.name()).isEqualTo("Purchase");
      assertThat(purchase.revenue()).contains(Revenue.of("15.990", "USD"));
    });
  }

  @Test
  void importEvents_invalidEventsAreListedByIndexAndFieldAndNothingIsImported() {
    List<TrackRequest> batch = List.of(
        pageview("shop", "v", "2026-11-24T10:00:00Z", "/ok"),
        pageview("nope", "v", "2026-11-24T10:00:00Z", "/"),
        pageview("shop", "v", "2026-11-24T12:05:01Z", "/"),
        TrackRequest.pageview("shop", "/").timestamp(Instant.parse("2026-11-23T23:59:59Z"))
            .context(RequestContext.of("203.0.113.9", CHROME)).build(),
        TrackRequest.pageview("shop", "/").context(RequestContext.of("203.0.113.9", "")).build(),
        pageview("shop", "v", "2026-11-24T12:05:00Z", "/"));

    InvalidEventException invalid = assertThrows(
        InvalidEventException.class, () -> events.importEvents(batch, WAIT));

    assertThat(invalid.violations()).isEqualTo(Map.of(
        "1.site_id", List.of("site 'nope' is not registered"),
        "2.timestamp", List.of("timestamp must be at most 5 minutes in the future but was"
            + " 2026-11-24T12:05:01Z (now is 2026-11-24T12:00:00Z)"),
        "3.visitor_id", List.of("visitor_id is required for an event before today"
            + " (2026-11-24 UTC): the daily salt that would identify its visitor is gone"),
        "4.user_agent", List.of("user_agent is required for an event without visitor_id: its"
            + " visitor is identified by the User-Agent and the client address")));
    assertThat(invalid.getMessage())
        .startsWith("4 of 6 events are invalid; nothing was imported (1.site_id: site 'nope'");
    assertThat(events.importViolations(batch.get(2))).containsOnlyKeys("timestamp");
    assertThat(events.importViolations(batch.get(0))).isEmpty();
    assertThat(analytics.stats().received()).isZero();
  }

  @Test
  void importEvents_concurrentImportsAreEachStoredAndCountedApart() throws Exception {
    int threads = 4;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ImportResult>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<TrackRequest> batch = new ArrayList<>();
        for (int i = 0; i < each; i++) {
          batch.add(pageview("shop", "visitor-" + t, "2026-11-24T10:00:00Z", "/t" + t + "/" + i));
        }
        results.add(pool.submit(() -> events.importEvents(batch, WAIT)));
      }
      for (Future<ImportResult> result : results) {
        assertThat(result.get(5, TimeUnit.MINUTES))
            .isEqualTo(new ImportResult(each, Map.of(), true));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(stored("shop")).hasSize(threads * each);
  }

  @Test
  void importEvents_badArguments() {
    TrackRequest one = pageview("shop", "v", "2026-11-24T10:00:00Z", "/");
    List<TrackRequest> tooMany = new ArrayList<>();
    for (int i = 0; i <= StoredEvents.MAX_IMPORT; i++) {
      tooMany.add(one);
    }
    assertThatThrownBy(() -> events.importEvents(List.of(), WAIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("events must hold 1 to 1000 events but held 0");
    assertThatThrownBy(() -> events.importEvents(tooMany, WAIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("events must hold 1 to 1000 events but held 1001");
    assertThatThrownBy(() -> events.importEvents(List.of(one), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive but was PT0S");
    assertThatThrownBy(() -> events.importEvents(List.of(one), null))
        .isInstanceOf(NullPointerException.class).hasMessage("timeout");
    assertThat(analytics.stats().received()).isZero();
  }
}
