package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.Analytics;
import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.Metric;
import dev.footfall.Period;
import dev.footfall.ReportQuery;
import dev.footfall.Revenue;
import dev.footfall.Session;
import dev.footfall.Site;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.EventStore;
import dev.footfall.spi.LeaseStore;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.SaltStore;
import dev.footfall.spi.SessionStore;
import dev.footfall.spi.SiteStore;
import dev.footfall.spi.Storage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin events API ({@code /admin/analytics-events}) on the in-memory store, with the analytics
 * clock fixed at {@link #NOW}: import, list, read, correct, delete, and every validation error.
 */
final class EventAdminEndpointTest {
  private static final String KEY = "0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final String CLIENT = "203.0.113.9";
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
      + " AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static final String GOOGLEBOT =
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
  private static final String HEADLESS = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";

  private Analytics analytics;
  private AnalyticsHandler handler;

  @BeforeEach
  void open() {
    analytics = Analytics.builder().storage(InMemoryStorage.create())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop", Instant.EPOCH));
    analytics.sites().save(Site.of("berlin", "berlin.example", ZoneId.of("Europe/Berlin"),
        "Berlin", Instant.EPOCH));
    handler = AnalyticsHandler.create(analytics, HttpSettings.builder().adminApiKey(KEY).build());
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  private FakeExchange call(String method, String pathAndQuery, String body) throws IOException {
    FakeExchange exchange = new FakeExchange().header("Authorization", "Bearer " + KEY)
        .from(CLIENT).request(method, pathAndQuery);
    if (body != null) {
      exchange.body(body);
    }
    assertThat(handler.handle(exchange)).isTrue();
    return exchange;
  }

  private JsonNode ok(String method, String pathAndQuery, String body) throws IOException {
    FakeExchange exchange = call(method, pathAndQuery, body);
    assertThat(exchange.status).as(exchange.responseText()).isEqualTo(200);
    assertThat(exchange.responseHeaders).containsEntry("Content-Type", "application/json");
    return Responses.JSON.readTree(exchange.responseBody);
  }

  /** Sends a request that must fail with {@code status}; returns the JSON body. */
  private JsonNode failure(int status, String method, String pathAndQuery, String body)
      throws IOException {
    FakeExchange exchange = call(method, pathAndQuery, body);
    assertThat(exchange.status).as(exchange.responseText()).isEqualTo(status);
    assertThat(exchange.responseHeaders).containsEntry("Content-Type", "application/json");
    return Responses.JSON.readTree(exchange.responseBody);
  }

  private String error(int status, String method, String pathAndQuery, String body)
      throws IOException {
    return failure(status, method, pathAndQuery, body).get("error").asText();
  }

  private JsonNode importBatch(String json) throws IOException {
    return ok("POST", "/admin/analytics-events/batch", json);
  }

  /** Every stored event of a site, once everything tracked so far is stored. */
  private List<Event> stored(String site) {
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
    return analytics.storage().events().list(site, Instant.EPOCH, NOW.plusSeconds(3600), 0, 1000);
  }

  private static String event(String fields) {
    return "{\"website_id\":\"shop\"," + fields + "}";
  }

  /** A pageview of alice's, on a past day, so it carries a visitor id. */
  private static String alice(String at, String path) {
    return event("\"pathname\":\"" + path + "\",\"visitor_id\":\"alice\",\"timestamp\":\"" + at
        + "\",\"user_agent\":\"" + CHROME + "\"");
  }

  @Test
  void importOne_isStoredExactlyAsTheSameLiveEventWouldBe() throws IOException {
    String body = "{\"website_id\":\"shop\",\"event_type\":\"pageview\","
        + "\"pathname\":\"/pricing?utm_source=newsletter&utm_campaign=autumn\","
        + "\"referrer\":\"https://www.google.com/search?q=shoes\","
        + "\"metadata\":{\"plan\":\"pro\",\"seats\":3}";
    FakeExchange live = new FakeExchange().header("User-Agent", CHROME).from(CLIENT)
        .body(body + "}");
    live.path = AnalyticsHandler.LEGACY_PATH;
    handler.handle(live);
    assertThat(live.status).isEqualTo(200);

    JsonNode answer = ok("POST", "/admin/analytics-events",
        body + ",\"user_agent\":\"" + CHROME + "\"}");

    assertThat(answer.toString()).isEqualTo("{\"accepted\":1,\"dropped\":{},\"stored\":true}");
    List<Event> events = stored("shop");
    assertThat(events).hasSize(2);
    // Same client, same time (the fixed clock), same pipeline: equal in every field but the id.
    assertThat(events.get(1).toBuilder().id(null).build())
        .isEqualTo(events.get(0).toBuilder().id(null).build());
    Session session = analytics.storage().sessions().find(events.get(1).sessionId()).orElseThrow();
    assertThat(session.pageviews()).isEqualTo(2);

    JsonNode json = ok("GET", "/admin/analytics-events/" + events.get(1).id().orElseThrow(), null);
    assertThat(json.get("id").asLong()).isEqualTo(events.get(1).id().orElseThrow());
    assertThat(json.get("site_id").asText()).isEqualTo("shop");
    assertThat(json.get("event_type").asText()).isEqualTo("pageview");
    assertThat(json.get("event_name").asText()).isEqualTo("pageview");
    assertThat(json.get("hostname").asText()).isEqualTo("shop.example");
    assertThat(json.get("pathname").asText()).isEqualTo("/pricing");
    assertThat(json.get("referrer").asText()).isEqualTo("google.com/search");
    assertThat(json.get("referrer_source").asText()).isEqualTo("newsletter");
    assertThat(json.get("utm_source").asText()).isEqualTo("newsletter");
    assertThat(json.get("utm_campaign").asText()).isEqualTo("autumn");
    assertThat(json.get("visitor_id").asText())
        .isEqualTo(Long.toString(events.get(1).visitorId()));
    assertThat(json.get("session_id").asText()).isEqualTo(Long.toString(session.sessionId()));
    assertThat(json.get("browser").asText()).isEqualTo("Chrome");
    assertThat(json.get("os").asText()).isEqualTo("Windows");
    assertThat(json.get("device_type").asText()).isEqualTo("desktop");
    assertThat(json.get("country").asText()).isEmpty();
    assertThat(json.get("interactive").asBoolean()).isTrue();
    assertThat(json.get("metadata").toString()).isEqualTo("{\"plan\":\"pro\",\"seats\":\"3\"}");
    assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-24T12:00:00Z");
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("id", "site_id", "event_type", "event_name", "hostname",
        "pathname", "referrer", "referrer_source", "utm_source", "utm_medium", "utm_campaign",
        "utm_content", "utm_term", "visitor_id", "session_id", "browser", "browser_version", "os",
        "os_version", "device_type", "country", "interactive", "metadata", "revenue",
        "timestamp");
  }

  @Test
  void importBatch_ordersByTimeSoSessionsFollowTheThirtyMinuteRule() throws IOException {
    // Out of order on purpose: 10:00 and 10:10 form one visit; 10:50 comes 40 minutes later.
    JsonNode answer = importBatch("[" + alice("2026-11-20T10:50:00Z", "/checkout") + ","
        + alice("2026-11-20T10:00:00Z", "/") + ","
        + event("\"pathname\":\"/\",\"visitor_id\":\"bob\",\"timestamp\":\"2026-11-20T10:05:00Z\"")
        + "," + alice("2026-11-20T10:10:00Z", "/pricing") + "]");

    assertThat(answer.get("accepted").asInt()).isEqualTo(4);
    assertThat(answer.get("stored").asBoolean()).isTrue();
    List<Event> events = stored("shop");
    assertThat(events).extracting(Event::pathname).containsExactly("/", "/", "/pricing",
        "/checkout");
    Event first = events.get(0);
    Event bob = events.get(1);
    Event second = events.get(2);
    Event third = events.get(3);
    assertThat(second.visitorId()).isEqualTo(first.visitorId()).isEqualTo(third.visitorId())
        .isNotEqualTo(bob.visitorId());
    assertThat(second.sessionId()).isEqualTo(first.sessionId());
    assertThat(third.sessionId()).isNotEqualTo(first.sessionId());
    assertThat(bob.sessionId()).isNotEqualTo(first.sessionId());
    assertThat(first.browser()).isEqualTo("Chrome");
    assertThat(bob.browser()).isEmpty();

    Session visit = analytics.storage().sessions().find(first.sessionId()).orElseThrow();
    assertThat(visit.entryPage()).isEqualTo("/");
    assertThat(visit.exitPage()).isEqualTo("/pricing");
    assertThat(visit.pageviews()).isEqualTo(2);
    assertThat(visit.bounce()).isFalse();
    assertThat(visit.startedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(visit.lastActivityAt()).isEqualTo(Instant.parse("2026-11-20T10:10:00Z"));
    Session later = analytics.storage().sessions().find(third.sessionId()).orElseThrow();
    assertThat(later.entryPage()).isEqualTo("/checkout");
    assertThat(later.bounce()).isTrue();

    // A client-sent visitor id is hashed with the site as live tracking hashes it.
    FakeExchange live = new FakeExchange().header("User-Agent", CHROME).from(CLIENT)
        .body("{\"website_id\":\"shop\",\"pathname\":\"/live\",\"visitor_id\":\"alice\"}");
    live.path = AnalyticsHandler.LEGACY_PATH;
    handler.handle(live);
    assertThat(stored("shop")).filteredOn(e -> e.pathname().equals("/live"))
        .singleElement().extracting(Event::visitorId).isEqualTo(first.visitorId());
  }

  @Test
  void importBatch_customEventsCountryAndClientAddressAsInLiveTracking() throws IOException {
    importBatch("[" + event("\"event_type\":\"custom_event\",\"event_name\":\"Signup\","
            + "\"pathname\":\"https://shop.example/pricing\",\"visitor_id\":42,"
            + "\"country\":\"de\",\"session_id\":\"ignored\",\"metadata\":{\"plan\":\"pro\"},"
            + "\"timestamp\":\"2026-11-24T11:00:00+01:00\"") + ","
        + event("\"pathname\":\"/a\",\"user_agent\":\"" + CHROME + "\"") + ","
        + event("\"pathname\":\"/b\",\"user_agent\":\"" + CHROME + "\","
            + "\"timestamp\":\"2026-11-24T11:59:00Z\"") + "]");

    List<Event> events = stored("shop");
    assertThat(events).extracting(Event::pathname).containsExactly("/pricing", "/b", "/a");
    Event signup = events.get(0);
    assertThat(signup.name()).isEqualTo("Signup");
    assertThat(signup.country()).isEqualTo("DE");
    assertThat(signup.props()).isEqualTo(Map.of("plan", "pro"));
    assertThat(signup.timestamp()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    // Without visitor ids, both are the admin client's visitor of today: one visitor, one visit.
    assertThat(events.get(1).visitorId()).isEqualTo(events.get(2).visitorId())
        .isNotEqualTo(signup.visitorId());
    assertThat(events.get(1).sessionId()).isEqualTo(events.get(2).sessionId());
    assertThat(events.get(2).timestamp()).isEqualTo(NOW);
  }

  @Test
  void importBatch_botsAreDroppedAsLiveTrackingDropsThemAndReported() throws IOException {
    JsonNode answer = importBatch("[" + event("\"pathname\":\"/\",\"user_agent\":\"" + GOOGLEBOT
        + "\"") + "," + event("\"pathname\":\"/\",\"user_agent\":\"" + HEADLESS + "\"") + ","
        + event("\"pathname\":\"/kept\",\"user_agent\":\"" + CHROME + "\"") + "]");

    assertThat(answer.toString()).isEqualTo("{\"accepted\":1,\"dropped\":{\"bot\":1,"
        + "\"headless_browser\":1},\"stored\":true}");
    assertThat(stored("shop")).extracting(Event::pathname).containsExactly("/kept");
  }

  @Test
  void importBatch_storageTooSlow_answersStoredFalseAndTheEventsFollowLater() throws Exception {
    // The User-Agent analyzer is shared and built once; build it now, not within the short timeout.
    importBatch("[" + event("\"pathname\":\"/warm-up\",\"user_agent\":\"" + CHROME + "\"") + "]");
    CountDownLatch gate = new CountDownLatch(1);
    InMemoryStorage memory = InMemoryStorage.create();
    Storage slow = new Storage() {
      @Override public SiteStore sites() { return memory.sites(); }
      @Override public EventStore events() { return memory.events(); }
      @Override public SessionStore sessions() { return memory.sessions(); }
      @Override public SaltStore salts() { return memory.salts(); }
      @Override public AggregateStore aggregates() { return memory.aggregates(); }
      @Override public RollupStore rollups() { return memory.rollups(); }
      @Override public LeaseStore leases() { return memory.leases(); }
      @Override public void close() {}

      @Override
      public void write(List<Event> events, Collection<Session> sessions) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        memory.write(events, sessions);
      }
    };
    try (Analytics blocked = Analytics.builder().storage(slow).build()) {
      blocked.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "", Instant.EPOCH));
      EventAdminEndpoint endpoint = new EventAdminEndpoint(blocked, Duration.ofMillis(300));
      JsonNode batch = Responses.JSON.readTree("[" + event("\"pathname\":\"/a\","
          + "\"visitor_id\":\"v\"") + "," + event("\"pathname\":\"/b\",\"user_agent\":\""
          + GOOGLEBOT + "\"") + "]");

      Map<String, Object> answer = endpoint.importBatch(batch, CLIENT, "");

      assertThat(answer).containsEntry("accepted", 1).containsEntry("stored", false)
          .containsEntry("dropped", Map.of("bot", 1));
      gate.countDown();
      assertThat(blocked.flush(Duration.ofMinutes(5))).isTrue();
      assertThat(memory.events().count("shop", Instant.EPOCH, Instant.now().plusSeconds(60)))
          .isEqualTo(1);
    } finally {
      gate.countDown();
    }
  }

  @Test
  void list_filtersByTypeNamePathAndLocalDatesAndPages() throws IOException {
    StringBuilder batch = new StringBuilder("[");
    // Berlin is UTC+1 in November: 23:30Z on the 20th is 00:30 on the 21st there.
    String[][] rows = {
        {"2026-11-20T22:30:00Z", "pageview", "", "/a"},
        {"2026-11-20T23:30:00Z", "pageview", "", "/a"},
        {"2026-11-21T08:00:00Z", "custom_event", "Signup", "/a"},
        {"2026-11-21T09:00:00Z", "custom_event", "Signup", "/b"},
        {"2026-11-21T10:00:00Z", "custom_event", "Download", "/a"},
        {"2026-11-21T22:59:59Z", "pageview", "", "/b"},
        {"2026-11-21T23:00:00Z", "pageview", "", "/b"},
    };
    for (String[] row : rows) {
      batch.append(batch.length() > 1 ? "," : "").append("{\"website_id\":\"berlin\","
          + "\"timestamp\":\"").append(row[0]).append("\",\"event_type\":\"").append(row[1])
          .append("\",\"event_name\":\"").append(row[2]).append("\",\"pathname\":\"")
          .append(row[3]).append("\",\"visitor_id\":\"v\"}");
    }
    importBatch(batch.append("]").toString());
    importBatch("[" + event("\"pathname\":\"/a\",\"user_agent\":\"" + CHROME + "\"") + "]");

    JsonNode all = ok("GET", "/admin/analytics-events?site_id=berlin", null);
    assertThat(all.get("total").asInt()).isEqualTo(7);
    assertThat(all.get("page").asInt()).isEqualTo(1);
    assertThat(all.get("limit").asInt()).isEqualTo(100);
    assertThat(timestamps(all)).containsExactly("2026-11-20T22:30:00Z", "2026-11-20T23:30:00Z",
        "2026-11-21T08:00:00Z", "2026-11-21T09:00:00Z", "2026-11-21T10:00:00Z",
        "2026-11-21T22:59:59Z", "2026-11-21T23:00:00Z");

    JsonNode day = ok("GET", "/admin/analytics-events?site_id=berlin&start_date=2026-11-21"
        + "&end_date=2026-11-21", null);
    assertThat(timestamps(day)).containsExactly("2026-11-20T23:30:00Z", "2026-11-21T08:00:00Z",
        "2026-11-21T09:00:00Z", "2026-11-21T10:00:00Z", "2026-11-21T22:59:59Z");
    assertThat(ok("GET", "/admin/analytics-events?site_id=berlin&start_date=2026-11-22", null)
        .get("total").asInt()).isEqualTo(1);
    assertThat(ok("GET", "/admin/analytics-events?site_id=berlin&end_date=2026-11-20", null)
        .get("total").asInt()).isEqualTo(1);

    JsonNode signups = ok("GET", "/admin/analytics-events?site_id=berlin&type=custom_event"
        + "&name=Signup", null);
    assertThat(signups.get("total").asInt()).isEqualTo(2);
    assertThat(ok("GET", "/admin/analytics-events?site_id=berlin&type=pageview&pathname=%2Fb",
        null).get("total").asInt()).isEqualTo(2);
    assertThat(ok("GET", "/admin/analytics-events?site_id=berlin&name=Signup&pathname=/b", null)
        .get("results").get(0).get("timestamp").asText()).isEqualTo("2026-11-21T09:00:00Z");
    assertThat(ok("GET", "/admin/analytics-events?site_id=berlin&name=signup", null)
        .get("total").asInt()).isZero();

    JsonNode page2 = ok("GET", "/admin/analytics-events?site_id=berlin&limit=3&page=2", null);
    assertThat(page2.get("total").asInt()).isEqualTo(7);
    assertThat(page2.get("page").asInt()).isEqualTo(2);
    assertThat(page2.get("limit").asInt()).isEqualTo(3);
    assertThat(timestamps(page2)).containsExactly("2026-11-21T09:00:00Z", "2026-11-21T10:00:00Z",
        "2026-11-21T22:59:59Z");
    assertThat(timestamps(ok("GET", "/admin/analytics-events?site_id=berlin&limit=3&page=3",
        null))).containsExactly("2026-11-21T23:00:00Z");
    JsonNode beyond = ok("GET", "/admin/analytics-events?site_id=berlin&limit=3&page=4", null);
    assertThat(beyond.get("results")).isEmpty();
    assertThat(beyond.get("total").asInt()).isEqualTo(7);
    assertThat(ok("GET", "/admin/analytics-events?site_id=shop", null).get("total").asInt())
        .isEqualTo(1);
  }

  private static List<String> timestamps(JsonNode page) {
    List<String> timestamps = new ArrayList<>();
    page.get("results").forEach(e -> timestamps.add(e.get("timestamp").asText()));
    return timestamps;
  }

  @Test
  void importUpdateDelete_onRolledUpDays_rollThemUpAgain() throws IOException {
    importBatch("[" + alice("2026-11-20T10:00:00Z", "/a") + "," + alice("2026-11-21T10:00:00Z",
        "/b") + "]");
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
    analytics.storage().sessions().endInactive(NOW);
    analytics.rollups().rollUp("shop", LocalDate.parse("2026-11-19"),
        LocalDate.parse("2026-11-23"));
    ReportQuery pages = ReportQuery.builder("shop").period(Period.parse("7d"))
        .breakdown(Dimension.PAGE).metrics(Metric.PAGEVIEWS).build();
    assertThat(pageviews(pages)).isEqualTo(Map.of("/a", 1L, "/b", 1L));

    importBatch("[" + alice("2026-11-20T10:05:00Z", "/a") + "]");
    assertThat(pageviews(pages)).isEqualTo(Map.of("/a", 2L, "/b", 1L));

    long b = stored("shop").stream().filter(e -> e.pathname().equals("/b")).findFirst()
        .orElseThrow().id().orElseThrow();
    ok("PUT", "/admin/analytics-events/" + b, "{\"pathname\":\"/c\"}");
    assertThat(pageviews(pages)).isEqualTo(Map.of("/a", 2L, "/c", 1L));

    assertThat(call("DELETE", "/admin/analytics-events/" + b, null).status).isEqualTo(204);
    assertThat(pageviews(pages)).isEqualTo(Map.of("/a", 2L));
    assertThat(analytics.storage().rollups().rolledUp("shop", LocalDate.parse("2026-11-19"),
        LocalDate.parse("2026-11-23"))).hasSize(5);
  }

  private Map<String, Long> pageviews(ReportQuery query) {
    Map<String, Long> pageviews = new HashMap<>();
    analytics.reports().breakdown(query).results().forEach(row ->
        pageviews.put(row.value(), row.metrics().get(Metric.PAGEVIEWS).longValue()));
    return pageviews;
  }

  @Test
  void importAndRead_revenueIsExactAndItsAmountAString() throws IOException {
    JsonNode answer = importBatch("[" + event("\"event_type\":\"custom_event\","
        + "\"event_name\":\"Purchase\",\"pathname\":\"/checkout\",\"visitor_id\":\"v\","
        + "\"revenue\":{\"amount\":\"15.990\",\"currency\":\"USD\"}") + ","
        + event("\"event_type\":\"custom_event\",\"event_name\":\"Refund\","
        + "\"pathname\":\"/account\",\"visitor_id\":\"v\","
        + "\"revenue\":{\"amount\":-5,\"currency\":\"EUR\"}") + ","
        + event("\"pathname\":\"/\",\"visitor_id\":\"v\",\"revenue\":null") + "]");
    assertThat(answer.get("accepted").asInt()).isEqualTo(3);

    JsonNode listed = ok("GET", "/admin/analytics-events?site_id=shop", null).get("results");
    Map<String, String> revenues = new HashMap<>();
    listed.forEach(e -> revenues.put(e.get("event_name").asText(), e.get("revenue").toString()));
    assertThat(revenues).containsOnly(
        Map.entry("Purchase", "{\"amount\":\"15.99\",\"currency\":\"USD\"}"),
        Map.entry("Refund", "{\"amount\":\"-5\",\"currency\":\"EUR\"}"),
        Map.entry("pageview", "null"));
    assertThat(stored("shop")).filteredOn(e -> e.name().equals("Purchase")).singleElement()
        .satisfies(e -> assertThat(e.revenue()).contains(Revenue.of("15.99", "USD")));

    JsonNode invalid = failure(400, "POST", "/admin/analytics-events/batch", "["
        + event("\"event_type\":\"custom_event\",\"event_name\":\"Purchase\","
            + "\"pathname\":\"/\",\"visitor_id\":\"v\",\"revenue\":{\"amount\":\"1.2345\","
            + "\"currency\":\"USD\"}") + ","
        + event("\"event_type\":\"custom_event\",\"event_name\":\"Purchase\","
            + "\"pathname\":\"/\",\"visitor_id\":\"v\",\"revenue\":{\"amount\":\"1\","
            + "\"currency\":\"usd\"}") + ","
        + event("\"pathname\":\"/\",\"visitor_id\":\"v\",\"revenue\":{\"amount\":\"1\","
            + "\"currency\":\"USD\"}") + ","
        + event("\"event_type\":\"custom_event\",\"event_name\":\"Purchase\","
            + "\"pathname\":\"/\",\"visitor_id\":\"v\",\"revenue\":\"15.99 USD\"") + "]");
    JsonNode errors = invalid.get("errors");
    assertThat(errors.get("0").get("revenue").get(0).asText())
        .isEqualTo("revenue amount must have at most 3 digits after the point but was 1.2345");
    assertThat(errors.get("1").get("revenue").get(0).asText()).startsWith("revenue currency must"
        + " be an ISO 4217 code of three capital letters");
    assertThat(errors.get("2").get("revenue").get(0).asText())
        .isEqualTo("revenue is for custom events, not pageviews");
    assertThat(errors.get("3").get("revenue").get(0).asText()).isEqualTo("revenue must be an"
        + " object with an amount (a number or a numeric string) and a currency"
        + " (an ISO 4217 code)");
    assertThat(stored("shop")).hasSize(3);
  }

  @Test
  void readUpdateDelete_oneEvent() throws IOException {
    importBatch("[" + event("\"event_type\":\"custom_event\",\"event_name\":\"Signup\","
        + "\"pathname\":\"/pricing\",\"visitor_id\":\"v\",\"metadata\":{\"plan\":\"pro\"}") + ","
        + event("\"pathname\":\"/\",\"visitor_id\":\"v\",\"timestamp\":\"2026-11-24T11:00:00Z\"")
        + "]");
    Event signup = stored("shop").get(1);
    long id = signup.id().orElseThrow();
    String path = "/admin/analytics-events/" + id;

    assertThat(ok("GET", path, null).get("event_name").asText()).isEqualTo("Signup");

    JsonNode updated = ok("PUT", path, "{\"event_name\":\" Upgrade \",\"pathname\":\"/billing\","
        + "\"metadata\":{\"plan\":\"enterprise\",\"seats\":\"12\"}}");
    assertThat(updated.get("id").asLong()).isEqualTo(id);
    assertThat(updated.get("event_name").asText()).isEqualTo("Upgrade");
    assertThat(updated.get("pathname").asText()).isEqualTo("/billing");
    assertThat(updated.get("metadata").toString())
        .isEqualTo("{\"plan\":\"enterprise\",\"seats\":\"12\"}");
    Event stored = analytics.storage().events().find(id).orElseThrow();
    assertThat(stored).isEqualTo(signup.toBuilder().name("Upgrade").pathname("/billing")
        .props(Map.of("plan", "enterprise", "seats", "12")).build());
    assertThat(ok("GET", path, null)).isEqualTo(updated);

    // Only the fields given change; {} clears the metadata.
    JsonNode renamedOnly = ok("PUT", path, "{\"metadata\":{}}");
    assertThat(renamedOnly.get("event_name").asText()).isEqualTo("Upgrade");
    assertThat(renamedOnly.get("metadata").size()).isZero();

    FakeExchange deleted = call("DELETE", path, null);
    assertThat(deleted.status).isEqualTo(204);
    assertThat(deleted.responseBody).isEmpty();
    assertThat(error(404, "GET", path, null)).isEqualTo("event " + id + " does not exist");
    assertThat(error(404, "DELETE", path, null)).isEqualTo("event " + id + " does not exist");
    assertThat(error(404, "PUT", path, "{\"pathname\":\"/x\"}"))
        .isEqualTo("event " + id + " does not exist");
    assertThat(stored("shop")).hasSize(1);
  }

  @Test
  void update_invalidChangesAreRefusedWithEveryFieldNamed() throws IOException {
    importBatch("[" + event("\"event_type\":\"custom_event\",\"event_name\":\"Signup\","
        + "\"pathname\":\"/pricing\",\"visitor_id\":\"v\"") + ","
        + event("\"pathname\":\"/\",\"visitor_id\":\"v\"") + "]");
    List<Event> events = stored("shop");
    String signup = "/admin/analytics-events/" + events.get(0).id().orElseThrow();
    String pageview = "/admin/analytics-events/" + events.get(1).id().orElseThrow();

    JsonNode invalid = failure(400, "PUT", signup, "{\"event_name\":\"" + "x".repeat(121) + "\","
        + "\"pathname\":\"pricing\",\"metadata\":{\"k\":1,\"\":\"v\",\"long\":\"" + "é".repeat(1001)
        + "\",\"" + "k".repeat(301) + "\":\"v\"},\"visitor_id\":\"other\"}");
    assertThat(invalid.get("error").asText())
        .isEqualTo("the change is invalid; the event was not changed");
    JsonNode errors = invalid.get("errors");
    assertThat(errors.get("visitor_id").get(0).asText()).startsWith("unknown field; an event's"
        + " event_name, pathname and metadata can be changed");
    assertThat(errors.get("event_name").get(0).asText())
        .isEqualTo("event_name must be at most 120 characters but was 121");
    assertThat(errors.get("pathname").get(0).asText())
        .isEqualTo("pathname must start with '/' but was 'pricing'");
    assertThat(texts(errors.get("metadata"))).containsExactly(
        "value of prop 'k' must be a non-empty string",
        "prop keys must not be empty",
        "value of prop 'long' must be at most 2000 bytes but was 2002",
        "prop key '" + "k".repeat(40) + "…' must be at most 300 bytes but was 301");
    assertThat(analytics.storage().events().find(events.get(0).id().orElseThrow()))
        .contains(events.get(0));

    assertThat(failure(400, "PUT", signup, "{\"pathname\":\"/" + "p".repeat(2000) + "\"}")
        .get("errors").get("pathname").get(0).asText())
        .isEqualTo("pathname must be at most 2000 bytes but was 2001");
    StringBuilder many = new StringBuilder("{\"metadata\":{");
    for (int i = 0; i < 31; i++) {
      many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    assertThat(failure(400, "PUT", signup, many.append("}}").toString()).get("errors")
        .get("metadata").get(0).asText())
        .isEqualTo("metadata must have at most 30 props but had 31");
    assertThat(failure(400, "PUT", signup, "{\"metadata\":[\"a\"],\"event_name\":7}")
        .get("errors").toString()).isEqualTo("{\"event_name\":[\"event_name must be a string\"],"
            + "\"metadata\":[\"metadata must be a JSON object of strings\"]}");
    assertThat(failure(400, "PUT", pageview, "{\"event_name\":\"Renamed\"}").get("errors")
        .get("event_name").get(0).asText())
        .isEqualTo("a pageview's event_name is always 'pageview' but was 'Renamed'");
    assertThat(error(400, "PUT", signup, "[]")).isEqualTo("body must be a JSON object");
    assertThat(error(400, "PUT", signup, "{")).startsWith("body must be JSON");
    assertThat(stored("shop")).isEqualTo(events);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  @Test
  void eventIds_nonNumericIs400UnknownIs404() throws IOException {
    assertThat(error(400, "GET", "/admin/analytics-events/abc", null))
        .isEqualTo("event id must be a positive integer but was 'abc'");
    assertThat(error(400, "DELETE", "/admin/analytics-events/-1", null))
        .isEqualTo("event id must be a positive integer but was '-1'");
    assertThat(error(404, "GET", "/admin/analytics-events/42", null))
        .isEqualTo("event 42 does not exist");
    assertThat(error(404, "GET", "/admin/analytics-events/42/more", null))
        .isEqualTo("no admin endpoint at /admin/analytics-events/42/more");
  }

  @Test
  void importBatch_invalidEventsAreListedByIndexAndFieldAndNothingIsImported() throws IOException {
    String valid = event("\"pathname\":\"/ok\",\"user_agent\":\"" + CHROME + "\"");
    List<String> batch = List.of(
        valid,
        "{\"website_id\":\"nope\",\"pathname\":\"/\",\"visitor_id\":\"v\"}",
        "{\"pathname\":\"/\",\"visitor_id\":\"v\"}",
        event("\"event_type\":\"click\",\"pathname\":\"/\",\"visitor_id\":\"v\""),
        event("\"event_type\":\"custom_event\",\"pathname\":\"/\",\"visitor_id\":\"v\""),
        event("\"event_type\":\"custom_event\",\"event_name\":\"" + "n".repeat(121)
            + "\",\"pathname\":\"/\",\"visitor_id\":\"v\""),
        event("\"event_name\":\"Signup\",\"pathname\":\"/\",\"visitor_id\":\"v\""),
        event("\"visitor_id\":\"v\""),
        event("\"pathname\":\"pricing\",\"visitor_id\":\"v\""),
        event("\"pathname\":\"/" + "p".repeat(2000) + "\",\"visitor_id\":\"v\""),
        event("\"pathname\":\"/\",\"visitor_id\":\"v\",\"metadata\":\"plan=pro\""),
        event("\"pathname\":\"/\",\"visitor_id\":\"v\",\"metadata\":{\"" + "k".repeat(301)
            + "\":\"v\",\"v\":\"" + "x".repeat(2001) + "\"}"),
        event("\"pathname\":\"/\",\"visitor_id\":\"v\",\"timestamp\":\"yesterday\""),
        event("\"pathname\":\"/\",\"visitor_id\":\"v\",\"timestamp\":\"2026-11-24T12:05:01Z\""),
        event("\"pathname\":\"/\",\"user_agent\":\"" + CHROME + "\","
            + "\"timestamp\":\"2026-11-23T23:59:59Z\""),
        event("\"pathname\":\"/\""),
        event("\"pathname\":\"/\",\"visitor_id\":\"v\",\"country\":\"Germany\""),
        event("\"pathname\":\"/\",\"visitor_id\":\"v\",\"timestmap\":\"2026-11-24T10:00:00Z\""),
        event("\"pathname\":[\"/\"],\"visitor_id\":{\"id\":1},\"user_agent\":7"),
        "\"not an object\"",
        event("\"pathname\":\"/\",\"visitor_id\":\"v\",\"timestamp\":\"2026-11-24T12:05:00Z\""));

    JsonNode answer = failure(400, "POST", "/admin/analytics-events/batch",
        "[" + String.join(",", batch) + "]");

    assertThat(answer.get("error").asText())
        .isEqualTo("19 of 21 events are invalid; nothing was imported");
    JsonNode errors = answer.get("errors");
    List<String> indexes = new ArrayList<>();
    errors.fieldNames().forEachRemaining(indexes::add);
    assertThat(indexes).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11",
        "12", "13", "14", "15", "16", "17", "18", "19");
    assertThat(errors.get("1").toString())
        .isEqualTo("{\"website_id\":[\"site 'nope' is not registered\"]}");
    assertThat(errors.get("2").toString())
        .isEqualTo("{\"website_id\":[\"site id is required\"]}");
    assertThat(errors.get("3").toString()).isEqualTo("{\"event_type\":[\"event_type must be"
        + " 'pageview' or 'custom_event' but was 'click'\"]}");
    assertThat(errors.get("4").toString())
        .isEqualTo("{\"event_name\":[\"name is required for a custom event\"]}");
    assertThat(errors.get("5").toString())
        .isEqualTo("{\"event_name\":[\"name must be at most 120 characters but was 121\"]}");
    assertThat(errors.get("6").toString()).isEqualTo("{\"event_name\":[\"event_name must be empty"
        + " or 'pageview' for a pageview; set event_type to custom_event for a named event\"]}");
    assertThat(errors.get("7").toString()).isEqualTo("{\"pathname\":[\"pathname is required"
        + " (a path such as /pricing, or an absolute URL)\"]}");
    assertThat(errors.get("8").get("pathname").get(0).asText())
        .isEqualTo("url must be an absolute URL or a path starting with '/' but was 'pricing'");
    assertThat(errors.get("9").get("pathname").get(0).asText())
        .isEqualTo("url must be at most 2000 bytes but was 2001");
    assertThat(errors.get("10").toString())
        .isEqualTo("{\"metadata\":[\"metadata must be a JSON object\"]}");
    assertThat(texts(errors.get("11").get("metadata"))).containsExactly(
        "prop key '" + "k".repeat(40) + "…' must be at most 300 bytes but was 301",
        "value of prop 'v' must be at most 2000 bytes but was 2001");
    assertThat(errors.get("12").toString()).isEqualTo("{\"timestamp\":[\"timestamp must be an"
        + " ISO instant such as 2026-11-20T10:15:30Z but was 'yesterday'\"]}");
    assertThat(errors.get("13").toString()).isEqualTo("{\"timestamp\":[\"timestamp must be at"
        + " most 5 minutes in the future but was 2026-11-24T12:05:01Z"
        + " (now is 2026-11-24T12:00:00Z)\"]}");
    assertThat(errors.get("14").toString()).isEqualTo("{\"visitor_id\":[\"visitor_id is required"
        + " for an event before today (2026-11-24 UTC): the daily salt that would identify its"
        + " visitor is gone\"]}");
    assertThat(errors.get("15").toString()).isEqualTo("{\"user_agent\":[\"user_agent is required"
        + " for an event without visitor_id: its visitor is identified by the User-Agent and the"
        + " client address\"]}");
    assertThat(errors.get("16").toString()).isEqualTo("{\"country\":[\"country must be an"
        + " ISO 3166-1 alpha-2 code such as DE but was 'Germany'\"]}");
    assertThat(errors.get("17").get("timestmap").get(0).asText()).isEqualTo("unknown field;"
        + " an imported event has country, event_name, event_type, metadata, pathname, referrer,"
        + " revenue, session_id, timestamp, user_agent, visitor_id, website_id");
    assertThat(errors.get("18").get("pathname").get(0).asText())
        .isEqualTo("pathname must be a string");
    assertThat(errors.get("18").get("visitor_id").get(0).asText())
        .isEqualTo("visitor_id must be a string or a number");
    assertThat(errors.get("18").get("user_agent").get(0).asText())
        .isEqualTo("user_agent must be a string");
    assertThat(errors.get("19").toString())
        .isEqualTo("{\"event\":[\"an event must be a JSON object\"]}");

    assertThat(analytics.stats().received()).isZero();
    assertThat(stored("shop")).isEmpty();
  }

  @Test
  void importOne_invalidEventGetsItsErrorsByField() throws IOException {
    JsonNode answer = failure(400, "POST", "/admin/analytics-events",
        "{\"website_id\":\"shop\",\"pathname\":\"/\",\"timestamp\":\"2026-11-20T10:00:00Z\","
            + "\"country\":\"D\"}");

    assertThat(answer.get("error").asText())
        .isEqualTo("the event is invalid; nothing was imported");
    List<String> fields = new ArrayList<>();
    answer.get("errors").fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("country", "visitor_id");
    assertThat(error(400, "POST", "/admin/analytics-events", "[]")).isEqualTo("body must be one"
        + " event, a JSON object; post a JSON array of events to /admin/analytics-events/batch");
    assertThat(error(400, "POST", "/admin/analytics-events", "")).isEqualTo(
        "body must be JSON, but it is empty");
    assertThat(stored("shop")).isEmpty();
  }

  @Test
  void importBatch_mustHoldOneToAThousandEvents() throws IOException {
    ArrayNode tooMany = Responses.JSON.createArrayNode();
    for (int i = 0; i < EventAdminEndpoint.MAX_BATCH + 1; i++) {
      ObjectNode event = tooMany.addObject();
      event.put("website_id", "shop").put("pathname", "/" + i).put("visitor_id", "v");
    }

    assertThat(error(400, "POST", "/admin/analytics-events/batch", tooMany.toString()))
        .isEqualTo("a batch must hold 1 to 1000 events but held 1001");
    assertThat(error(400, "POST", "/admin/analytics-events/batch", "[]"))
        .isEqualTo("a batch must hold 1 to 1000 events but held 0");
    assertThat(error(400, "POST", "/admin/analytics-events/batch", event("\"pathname\":\"/\"")))
        .isEqualTo("body must be a JSON array of events");
    assertThat(stored("shop")).isEmpty();

    tooMany.remove(0);
    JsonNode answer = importBatch(tooMany.toString());
    assertThat(answer.get("accepted").asInt()).isEqualTo(1000);
    assertThat(answer.get("stored").asBoolean()).isTrue();
    assertThat(stored("shop")).hasSize(1000);
  }

  @Test
  void list_badParametersAre400UnknownSiteIs404() throws IOException {
    assertThat(error(400, "GET", "/admin/analytics-events", null))
        .isEqualTo("site_id is required: the events of which site?");
    assertThat(error(404, "GET", "/admin/analytics-events?site_id=nope", null))
        .isEqualTo("site 'nope' is not registered");
    assertThat(error(400, "GET", "/admin/analytics-events?site_id=shop&pathnmae=/", null))
        .isEqualTo("unknown parameter 'pathnmae'; allowed: end_date, limit, name, page, pathname,"
            + " site_id, start_date, type");
    assertThat(error(400, "GET", "/admin/analytics-events?site_id=shop&limit=0", null))
        .isEqualTo("limit must be between 1 and 1000 but was 0");
    assertThat(error(400, "GET", "/admin/analytics-events?site_id=shop&limit=1001", null))
        .isEqualTo("limit must be between 1 and 1000 but was 1001");
    assertThat(error(400, "GET", "/admin/analytics-events?site_id=shop&limit=ten", null))
        .isEqualTo("limit must be an integer but was 'ten'");
    assertThat(error(400, "GET", "/admin/analytics-events?site_id=shop&page=0", null))
        .isEqualTo("page must be between 1 and 21474836 but was 0");
    assertThat(error(400, "GET", "/admin/analytics-events?site_id=shop&limit=1000&page=2147484",
        null)).isEqualTo("page must be between 1 and 2147483 but was 2147484");
    assertThat(error(400, "GET", "/admin/analytics-events?site_id=shop&type=click", null))
        .isEqualTo("type must be pageview or custom_event but was 'click'");
    assertThat(error(400, "GET", "/admin/analytics-events?site_id=shop&start_date=24.11.2026",
        null)).isEqualTo("start_date must be an ISO date such as 2026-11-24 but was '24.11.2026'");
    assertThat(error(400, "GET", "/admin/analytics-events?site_id=shop&start_date=2026-11-24"
        + "&end_date=2026-11-23", null)).isEqualTo("start_date must not be after end_date but was"
            + " 2026-11-24 (end_date is 2026-11-23)");
  }

  @Test
  void methodsAndAuthentication() throws IOException {
    assertThat(error(405, "PATCH", "/admin/analytics-events", null))
        .isEqualTo("method PATCH is not allowed here; use GET, POST");
    assertThat(error(405, "GET", "/admin/analytics-events/batch", null))
        .isEqualTo("method GET is not allowed here; use POST");
    assertThat(error(405, "POST", "/admin/analytics-events/1", "{}"))
        .isEqualTo("method POST is not allowed here; use GET, PUT, DELETE");

    FakeExchange anonymous = new FakeExchange().body(event("\"pathname\":\"/\""));
    anonymous.path = "/admin/analytics-events";
    handler.handle(anonymous);
    assertThat(anonymous.status).isEqualTo(401);
    assertThat(stored("shop")).isEmpty();
  }
}
