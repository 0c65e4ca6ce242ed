package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Analytics;
import dev.footfall.DropReason;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.Storage;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API's authentication, site endpoints and report endpoints, on the in-memory store. */
final class AdminApiTest {
  private static final String KEY = AdminCalls.KEY;
  private static final String CHROME = AdminCalls.CHROME;

  private Analytics analytics;
  private AnalyticsHandler handler;

  @BeforeEach
  void open() {
    analytics = AdminCalls.shop(InMemoryStorage.create());
    handler = AdminCalls.handler(analytics);
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  private FakeExchange call(String method, String pathAndQuery, String body) throws IOException {
    return AdminCalls.call(handler, method, pathAndQuery, body);
  }

  private JsonNode get(String pathAndQuery) throws IOException {
    return AdminCalls.ok(handler, 200, "GET", pathAndQuery, null);
  }

  private String error(int status, String method, String pathAndQuery, String body)
      throws IOException {
    return AdminCalls.error(handler, status, method, pathAndQuery, body);
  }

  private void track(String visitor, String at, String url, String referrer) {
    analytics.tracker().track(TrackRequest.pageview("shop", url).referrer(referrer)
        .visitorId(visitor).timestamp(Instant.parse(at))
        .context(RequestContext.of("203.0.113.9", CHROME).withCountry("DE")).build());
  }

  private void seed() {
    track("A", "2026-11-24T00:00:00Z", "https://shop.example/", "https://www.google.com/");
    track("A", "2026-11-24T00:25:00Z", "https://shop.example/pricing", "");
    track("B", "2026-11-24T00:10:00Z", "https://shop.example/pricing?utm_source=newsletter", "");
    track("C", "2026-11-20T09:00:00Z", "https://shop.example/", "");
    analytics.tracker().track(TrackRequest.event("shop", "Signup", "https://shop.example/pricing")
        .prop("plan", "pro").visitorId("B").timestamp(Instant.parse("2026-11-24T00:11:00Z"))
        .context(RequestContext.of("203.0.113.9", CHROME)).build());
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
  }

  @Test
  void export_throughAnExchangeThatDoesNotStream_isGatheredAndSent() throws IOException {
    seed();

    FakeExchange export = call("GET", "/admin/websites/shop/export?period=custom"
        + "&start_date=2026-11-20&end_date=2026-11-24", null);

    assertThat(export.status).isEqualTo(200);
    assertThat(export.responseHeaders).containsEntry("Content-Type", "application/zip")
        .containsEntry("Content-Disposition",
            "attachment; filename=\"shop_example_20261120_20261124.zip\"");
    try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
        new java.io.ByteArrayInputStream(export.responseBody))) {
      assertThat(zip.getNextEntry().getName())
          .isEqualTo("imported_visitors_20261120_20261124.csv");
      assertThat(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .startsWith("\"date\",\"visitors\",\"pageviews\",\"bounces\",\"visits\","
              + "\"visit_duration\"\n\"2026-11-20\",1,1,1,1,0\n");
    }
    assertThat(error(400, "GET", "/admin/websites/shop/export?metrics=visitors", null))
        .contains("metrics");
    assertThat(error(404, "GET", "/admin/websites/nope/export", null)).contains("nope");
  }

  @Test
  void admin_withoutAConfiguredKey_isClosed() throws IOException {
    handler = AnalyticsHandler.create(analytics, HttpSettings.defaults());

    assertThat(error(403, "GET", "/admin/websites", null))
        .startsWith("the admin API is disabled: configure an API key");
  }

  @Test
  void admin_wrongOrMissingKey_is401() throws IOException {
    FakeExchange missing = new FakeExchange();
    missing.request("GET", "/admin/websites");
    handler.handle(missing);
    FakeExchange wrong = new FakeExchange().header("Authorization", "Bearer 0123456789abcdeX");
    wrong.request("GET", "/admin/websites/shop/analytics/overview");
    handler.handle(wrong);

    assertThat(missing.status).isEqualTo(401);
    assertThat(missing.responseHeaders).containsEntry("WWW-Authenticate", "Bearer");
    assertThat(missing.responseText()).contains("missing or wrong API key");
    assertThat(wrong.status).isEqualTo(401);
  }

  @Test
  void adminApiKey_tooShort_isRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> HttpSettings.builder().adminApiKey("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("admin API key must be at least 16 characters but was 5");
  }

  @Test
  void authenticator_hookDecides_andTrackingStaysPublic() throws IOException {
    handler = AnalyticsHandler.create(analytics, HttpSettings.builder()
        .authenticator(exchange -> "yes".equals(exchange.requestHeader("X-Admin"))).build());
    FakeExchange admitted = new FakeExchange().header("X-Admin", "yes");
    admitted.request("GET", "/admin/websites");
    handler.handle(admitted);
    FakeExchange tracking = new FakeExchange().header("User-Agent", CHROME)
        .body("{\"n\":\"pageview\",\"u\":\"https://shop.example/\",\"d\":\"shop.example\"}");
    handler.handle(tracking);

    assertThat(admitted.status).isEqualTo(200);
    assertThat(tracking.status).isEqualTo(202);
  }

  @Test
  void stats_countersAndHealthForAnAdminOnly() throws IOException {
    analytics.reports().realtime("shop");
    JsonNode stats = get("/admin/stats");
    assertThat(stats.get("received").asLong()).isZero();
    assertThat(stats.get("dropped").size()).isEqualTo(DropReason.values().length);
    assertThat(stats.get("reports").get("realtime").get("count").asLong()).isEqualTo(1);
    assertThat(stats.get("jobs").get("rollup").get("runs").asLong()).isZero();
    assertThat(stats.get("caches").has("user_agents")).isTrue();
    assertThat(stats.get("event_log").isNull()).isTrue();
    assertThat(stats.get("health").get("healthy").asBoolean()).isTrue();

    assertThat(error(405, "POST", "/admin/stats", "{}")).contains("GET");
    FakeExchange anonymous = new FakeExchange();
    anonymous.request("GET", "/admin/stats");
    handler.handle(anonymous);
    assertThat(anonymous.status).isEqualTo(401);
  }

  @Test
  void websites_crud() throws IOException {
    FakeExchange created = call("POST", "/admin/websites",
        "{\"id\":\"blog\",\"domain\":\"www.Blog.example\",\"timezone\":\"Europe/Berlin\"}");
    assertThat(created.status).isEqualTo(201);
    JsonNode site = Responses.JSON.readTree(created.responseBody);
    assertThat(site.get("domain").asText()).isEqualTo("blog.example");
    assertThat(site.get("name").asText()).isEqualTo("blog.example");
    assertThat(site.get("timezone").asText()).isEqualTo("Europe/Berlin");

    assertThat(get("/admin/websites").get("results")).extracting(n -> n.get("id").asText())
        .containsExactly("blog", "shop");
    JsonNode updated = Responses.JSON.readTree(call("PUT", "/admin/websites/blog",
        "{\"timezone\":\"America/New_York\",\"name\":\"The blog\"}").responseBody);
    assertThat(updated.get("timezone").asText()).isEqualTo("America/New_York");
    assertThat(updated.get("domain").asText()).isEqualTo("blog.example");
    assertThat(get("/admin/websites/blog").get("name").asText()).isEqualTo("The blog");
    assertThat(analytics.sites().find("blog").orElseThrow().timezone())
        .isEqualTo(ZoneId.of("America/New_York"));

    assertThat(call("DELETE", "/admin/websites/blog", null).status).isEqualTo(204);
    assertThat(error(404, "GET", "/admin/websites/blog", null))
        .isEqualTo("site 'blog' is not registered");
  }

  @Test
  void websites_badInput_clearErrors() throws IOException {
    assertThat(error(400, "POST", "/admin/websites",
        "{\"id\":\"x\",\"domain\":\"x.example\",\"timezone\":\"Mars/Olympus\"}"))
        .isEqualTo("timezone must be an IANA timezone such as Europe/Berlin but was 'Mars/Olympus'");
    assertThat(error(400, "POST", "/admin/websites", "{\"id\":\"x\",\"timezone\":\"UTC\"}"))
        .isEqualTo("domain is required");
    assertThat(error(400, "POST", "/admin/websites",
        "{\"id\":\"x y\",\"domain\":\"x.example\",\"timezone\":\"UTC\"}"))
        .startsWith("site id must be 1 to 100 letters");
    assertThat(error(400, "POST", "/admin/websites", "{\"id\":\"x\",\"domian\":\"x.example\"}"))
        .isEqualTo("unknown field 'domian'; a site has id, domain, timezone and name");
    assertThat(error(400, "POST", "/admin/websites", "[1]"))
        .isEqualTo("body must be a JSON object");
    assertThat(error(400, "POST", "/admin/websites", "{\"id\":")).startsWith("body must be JSON");
    assertThat(error(409, "POST", "/admin/websites",
        "{\"id\":\"shop\",\"domain\":\"other.example\",\"timezone\":\"UTC\"}"))
        .isEqualTo("site 'shop' already exists");
    assertThat(error(409, "POST", "/admin/websites",
        "{\"id\":\"other\",\"domain\":\"shop.example\",\"timezone\":\"UTC\"}"))
        .isEqualTo("site domain 'shop.example' is already registered to site 'shop'");
    assertThat(error(400, "PUT", "/admin/websites/shop", "{\"id\":\"renamed\"}"))
        .isEqualTo("id cannot be changed (was 'shop', body has 'renamed')");
    assertThat(error(405, "PATCH", "/admin/websites/shop", "{}"))
        .isEqualTo("method PATCH is not allowed here; use GET, PUT, DELETE");
    assertThat(error(404, "GET", "/admin/websites/shop/nothing", null))
        .isEqualTo("no admin endpoint at /admin/websites/shop/nothing");
  }

  @Test
  void overview_valuesPreviousAndChange() throws IOException {
    seed();

    JsonNode overview = get("/admin/websites/shop/analytics/overview?period=day");

    assertThat(overview.get("site_id").asText()).isEqualTo("shop");
    assertThat(overview.get("period").toString()).isEqualTo(
        "{\"from\":\"2026-11-24\",\"to\":\"2026-11-24\"}");
    JsonNode metrics = overview.get("metrics");
    assertThat(metrics.get("visitors").toString())
        .isEqualTo("{\"value\":2,\"previous\":0,\"change\":null}");
    assertThat(metrics.get("pageviews").get("value").asLong()).isEqualTo(3);
    assertThat(metrics.get("visits").get("value").asLong()).isEqualTo(2);
    assertThat(metrics.get("views_per_visit").get("value").asDouble()).isEqualTo(1.5);
    assertThat(metrics.get("bounce_rate").get("value").asLong()).isEqualTo(0);
    assertThat(metrics.get("visit_duration").get("value").asLong()).isEqualTo(780);

    JsonNode week = get("/admin/websites/shop/analytics/overview?period=custom"
        + "&start_date=2026-11-20&end_date=2026-11-24&metrics=visitors");
    assertThat(week.get("metrics").get("visitors").toString())
        .isEqualTo("{\"value\":3,\"previous\":0,\"change\":null}");
    assertThat(week.get("previous_period").toString())
        .isEqualTo("{\"from\":\"2026-11-15\",\"to\":\"2026-11-19\"}");
  }

  @Test
  void breakdowns_byEachEndpointAndType() throws IOException {
    seed();
    String day = "?period=day";

    JsonNode pages = get("/admin/websites/shop/analytics/pages" + day);
    assertThat(pages.get("dimension").asText()).isEqualTo("page");
    assertThat(pages.get("results").get(0).toString()).isEqualTo("{\"value\":\"/pricing\","
        + "\"visitors\":2,\"visits\":2,\"pageviews\":2,\"bounce_rate\":0,\"visit_duration\":780}");
    assertThat(get("/admin/websites/shop/analytics/pages" + day + "&type=entry").get("results"))
        .extracting(n -> n.get("value").asText()).containsExactly("/", "/pricing");
    assertThat(get("/admin/websites/shop/analytics/referrers" + day).get("results"))
        .extracting(n -> n.get("value").asText()).containsExactly("Google", "newsletter");
    assertThat(get("/admin/websites/shop/analytics/referrers" + day + "&type=utm_source")
        .get("results")).extracting(n -> n.get("value").asText())
        .containsExactly("(none)", "newsletter");
    assertThat(get("/admin/websites/shop/analytics/locations" + day).get("results"))
        .extracting(n -> n.get("value").asText() + " " + n.get("name").asText())
        .containsExactly("DE Germany", "(none) Unknown");
    assertThat(get("/admin/websites/shop/analytics/devices" + day + "&type=browser")
        .get("results").get(0).get("value").asText()).isEqualTo("Chrome");
    assertThat(get("/admin/websites/shop/analytics/breakdown" + day
        + "&dimension=prop:plan&metrics=events&filters=page%3D%3D/pricing").get("results")
        .toString()).isEqualTo("[{\"value\":\"(none)\",\"events\":2},"
        + "{\"value\":\"pro\",\"events\":1}]");
    assertThat(get("/admin/websites/shop/analytics/pages" + day + "&limit=1&page=2")
        .get("results")).extracting(n -> n.get("value").asText()).containsExactly("/");
  }

  @Test
  void engagementMetrics_inThePagesBreakdownAndAnAggregateOfOnePage() throws IOException {
    seed();
    analytics.tracker().track(TrackRequest.engagement("shop", "https://shop.example/pricing", 70,
        Duration.ofMillis(12_400)).visitorId("B").timestamp(Instant.parse("2026-11-24T00:11:00Z"))
        .context(RequestContext.of("203.0.113.9", CHROME)).build());
    analytics.flush(Duration.ofMinutes(5));

    JsonNode pages = get("/admin/websites/shop/analytics/pages?period=day"
        + "&metrics=visitors,scroll_depth,time_on_page");
    assertThat(pages.get("results").toString()).isEqualTo("[{\"value\":\"/pricing\","
        + "\"visitors\":2,\"scroll_depth\":70,\"time_on_page\":12},"
        + "{\"value\":\"/\",\"visitors\":1,\"scroll_depth\":null,\"time_on_page\":null}]");
    JsonNode pricing = get("/admin/websites/shop/analytics/overview?period=day"
        + "&filters=page%3D%3D/pricing&metrics=scroll_depth,time_on_page,pageviews&compare=false");
    assertThat(pricing.get("metrics").toString()).isEqualTo("{\"pageviews\":{\"value\":2,"
        + "\"previous\":null,\"change\":null},\"scroll_depth\":{\"value\":70,\"previous\":null,"
        + "\"change\":null},\"time_on_page\":{\"value\":12,\"previous\":null,\"change\":null}}");

    String perPage = "are per page: ask for them in a page breakdown or in an aggregate filtered"
        + " to one page (page is …)";
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/overview?metrics=scroll_depth",
        null)).startsWith("scroll_depth " + perPage);
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/referrers"
        + "?metrics=time_on_page", null)).isEqualTo("time_on_page " + perPage
        + ", not in a source breakdown");
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/timeseries"
        + "?metrics=visitors,time_on_page", null)).isEqualTo("time_on_page " + perPage
        + ", not in a timeseries");
  }

  @Test
  void timeseriesAndRealtime() throws IOException {
    seed();

    JsonNode series = get("/admin/websites/shop/analytics/timeseries?period=7d");
    assertThat(series.get("interval").asText()).isEqualTo("day");
    assertThat(series.get("results")).hasSize(7);
    assertThat(series.get("results").get(2).toString())
        .isEqualTo("{\"date\":\"2026-11-20\",\"visitors\":1,\"visits\":1,\"pageviews\":1}");
    assertThat(series.get("results").get(3).toString())
        .isEqualTo("{\"date\":\"2026-11-21\",\"visitors\":0,\"visits\":0,\"pageviews\":0}");
    JsonNode hours = get("/admin/websites/shop/analytics/timeseries?period=day&interval=hour"
        + "&metrics=pageviews");
    assertThat(hours.get("results")).hasSize(24);
    assertThat(hours.get("results").get(0).toString())
        .isEqualTo("{\"date\":\"2026-11-24T00:00\",\"pageviews\":3}");

    JsonNode realtime = get("/admin/websites/shop/analytics/realtime");
    assertThat(realtime.get("current_visitors").asLong()).isZero();
    assertThat(realtime.get("pageviews_last_30_minutes")).hasSize(30);
  }

  @Test
  void reports_badParameters_400NamingTheParameter() throws IOException {
    String overview = "/admin/websites/shop/analytics/overview";
    assertThat(error(400, "GET", overview + "?period=week", null)).isEqualTo("period must be one"
        + " of day, 7d, 30d, 90d, month, 6mo, 12mo, year, all, custom but was 'week'");
    assertThat(error(400, "GET", overview + "?period=custom&start_date=2026-11-01", null))
        .isEqualTo("period=custom needs start_date and end_date (ISO dates such as 2026-11-24)");
    assertThat(error(400, "GET", overview + "?period=custom&start_date=2026-11-02"
        + "&end_date=2026-11-01", null))
        .isEqualTo("end date 2026-11-01 is before start date 2026-11-02");
    assertThat(error(400, "GET", overview + "?period=custom&start_date=yesterday"
        + "&end_date=2026-11-01", null))
        .isEqualTo("start_date must be an ISO date such as 2026-11-24 but was 'yesterday'");
    assertThat(error(400, "GET", overview + "?period=custom&start_date=0001-01-01"
        + "&end_date=2026-11-01", null))
        .isEqualTo("start_date must be between 1970-01-01 and 2199-12-31 but was 0001-01-01");
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/timeseries?period=custom"
        + "&start_date=1970-01-01&end_date=2199-12-31&interval=hour", null))
        .isEqualTo("a hour timeseries over 84006 days has 2016144 buckets, more than 10000;"
            + " choose a longer interval or a shorter period");
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/pages?limit=1000&page=3000000",
        null)).isEqualTo("page 3000000 of 1000 results starts past the last result a breakdown"
        + " can page to");
    assertThat(error(400, "GET", overview + "?start_date=2026-11-01", null))
        .isEqualTo("start_date and end_date need period=custom");
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/pages?limit=0", null))
        .isEqualTo("limit must be between 1 and 1000 but was 0");
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/pages?limit=ten", null))
        .isEqualTo("limit must be an integer but was 'ten'");
    assertThat(error(400, "GET", overview + "?metrics=visitors,sessions", null))
        .startsWith("metric must be one of visitors, visits, pageviews,");
    assertThat(error(400, "GET", overview + "?filters=city==Paris", null))
        .startsWith("dimension must be one of page, entry_page,");
    assertThat(error(400, "GET", overview + "?filters=country", null))
        .isEqualTo("filter 'country' must be dimension==value, dimension!=value,"
            + " dimension~=value or dimension*=pattern");
    assertThat(error(400, "GET", overview + "?perod=7d", null))
        .startsWith("unknown parameter 'perod'; allowed: compare, dimension, end_date,");
    assertThat(error(400, "GET", overview + "?period=7d&period=30d", null))
        .isEqualTo("parameter 'period' is given more than once");
    assertThat(error(400, "GET", overview + "?compare=yes", null))
        .isEqualTo("compare must be true or false but was 'yes'");
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/pages?type=middle", null))
        .isEqualTo("type must be one of top, entry, exit but was 'middle'");
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/breakdown", null))
        .isEqualTo("breakdown needs a dimension parameter");
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/timeseries?interval=minute",
        null)).isEqualTo("interval must be one of hour, day, week, month but was 'minute'");
    assertThat(error(400, "GET", overview + "?metrics=conversion_rate", null))
        .isEqualTo("metric conversion_rate needs a goal");
    assertThat(error(404, "GET", "/admin/websites/nope/analytics/overview", null))
        .isEqualTo("site 'nope' is not registered");
    assertThat(error(404, "GET", "/admin/websites/shop/analytics/funnels", null))
        .isEqualTo("no admin endpoint at /admin/websites/shop/analytics/funnels");
    assertThat(error(405, "POST", overview, "{}"))
        .isEqualTo("method POST is not allowed here; use GET");
  }

  @Test
  void jobs_listAndRunByHand() throws IOException {
    assertThat(get("/admin/jobs").toString()).isEqualTo("{\"jobs\":[\"finalize_sessions\","
        + "\"retention\",\"rollup\",\"rotate_salts\"],\"tasks\":[],\"retention_days\":90}");

    FakeExchange run = call("POST", "/admin/jobs/retention", null);
    assertThat(run.status).isEqualTo(200);
    assertThat(run.responseText()).isEqualTo("{\"job\":\"retention\",\"ran\":true,"
        + "\"summary\":\"deleted 0 events, 0 engagements and 0 ended sessions older than"
        + " 2026-08-26T12:00:00Z\"}");

    analytics.storage().leases().tryAcquire("finalize_sessions", "other instance",
        Instant.parse("2026-11-24T12:00:00Z"), Duration.ofMinutes(15));
    FakeExchange held = call("POST", "/admin/jobs/finalize_sessions", null);
    assertThat(held.status).isEqualTo(409);
    assertThat(held.responseText()).contains("\"ran\":false");

    assertThat(error(400, "POST", "/admin/jobs/vacuum", null))
        .isEqualTo("job must be one of finalize_sessions, retention, rollup, rotate_salts but was"
            + " 'vacuum'");
    assertThat(error(405, "GET", "/admin/jobs/retention", null))
        .isEqualTo("method GET is not allowed here; use POST");
  }

  @Test
  void rollupsAndRetention_onAStorageThatCountsRawEventsFast() throws IOException {
    Storage memory = InMemoryStorage.create();
    Storage columnStore = (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(),
        new Class<?>[] {Storage.class}, (proxy, method, args) -> {
          if (method.getName().equals("countsRawEventsFast")) {
            return true;
          }
          try {
            return method.invoke(memory, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    analytics.close();
    analytics = AdminCalls.shop(columnStore);
    handler = AdminCalls.handler(analytics);

    assertThat(get("/admin/jobs").get("retention_days").isNull()).isTrue();
    assertThat(error(409, "POST", "/admin/websites/shop/rollups?start_date=2026-11-20"
        + "&end_date=2026-11-23", null))
        .isEqualTo("this storage counts reports from raw events and keeps no rollups: there is"
            + " nothing to roll up");
    FakeExchange run = call("POST", "/admin/jobs/rollup", null);
    assertThat(run.status).isEqualTo(409);
    assertThat(run.responseText()).contains("\"ran\":false",
        "not run: this storage counts reports from raw events and keeps no rollups");
  }

  @Test
  void rollups_backfillARange_andReportTheSameNumbers() throws IOException {
    seed();
    String pages = "/admin/websites/shop/analytics/pages?period=7d";
    JsonNode raw = get(pages);

    FakeExchange backfill = call("POST",
        "/admin/websites/shop/rollups?start_date=2026-11-18&end_date=2026-11-23", null);
    assertThat(backfill.status).as(backfill.responseText()).isEqualTo(200);
    assertThat(backfill.responseText()).isEqualTo("{\"site\":\"shop\",\"rolled_up_days\":6}");
    assertThat(analytics.storage().rollups().rolledUp("shop", LocalDate.parse("2026-11-18"),
        LocalDate.parse("2026-11-24"))).hasSize(6).containsEntry(LocalDate.parse("2026-11-20"), 0L);
    assertThat(get(pages)).isEqualTo(raw);

    assertThat(error(400, "POST", "/admin/websites/shop/rollups?start_date=2026-11-20"
        + "&end_date=2026-11-24", null)).isEqualTo("only complete days can be rolled up: to must"
        + " be before 2026-11-24 (today in Z) but was 2026-11-24");
    assertThat(error(400, "POST", "/admin/websites/shop/rollups?start_date=2026-01-01"
        + "&end_date=2026-01-02", null)).isEqualTo("raw events before 2026-08-27 may have been"
        + " deleted (retention 90 days): from must not be before it but was 2026-01-01");
    assertThat(error(400, "POST", "/admin/websites/shop/rollups?end_date=2026-11-20", null))
        .isEqualTo("start_date is required (yyyy-mm-dd)");
    assertThat(error(400, "POST", "/admin/websites/shop/rollups?start_date=2026-11-21"
        + "&end_date=2026-11-20", null)).isEqualTo("from 2026-11-21 is after to 2026-11-20");
    assertThat(error(404, "POST", "/admin/websites/nope/rollups?start_date=2026-11-20"
        + "&end_date=2026-11-20", null)).contains("nope");
    assertThat(error(405, "GET", "/admin/websites/shop/rollups", null))
        .isEqualTo("method GET is not allowed here; use POST");
  }

  @Test
  void crossSiteChanges_areRefused_sameOriginAndNonBrowserCallsPass() throws IOException {
    FakeExchange forged = new FakeExchange().header("Authorization", "Bearer " + KEY)
        .header("Origin", "https://evil.example").header("Host", "shop.example");
    forged.request("POST", "/admin/jobs/retention");
    handler.handle(forged);
    FakeExchange fetchMetadata = new FakeExchange().header("Authorization", "Bearer " + KEY)
        .header("Sec-Fetch-Site", "cross-site");
    fetchMetadata.request("DELETE", "/admin/websites/shop");
    handler.handle(fetchMetadata);
    FakeExchange sameOrigin = new FakeExchange().header("Authorization", "Bearer " + KEY)
        .header("Origin", "https://shop.example").header("Host", "shop.example")
        .header("Sec-Fetch-Site", "same-origin");
    sameOrigin.request("POST", "/admin/jobs/retention");
    handler.handle(sameOrigin);

    assertThat(forged.status).isEqualTo(403);
    assertThat(forged.responseText()).contains("cross-site admin requests are refused");
    assertThat(fetchMetadata.status).isEqualTo(403);
    assertThat(analytics.sites().find("shop")).isPresent();
    assertThat(sameOrigin.status).isEqualTo(200);
    assertThat(call("POST", "/admin/jobs/retention", null).status).as("no Origin: curl")
        .isEqualTo(200);
  }

  @Test
  void otherAdminPaths_areLeftToTheApplication() throws IOException {
    FakeExchange exchange = new FakeExchange();
    exchange.request("GET", "/admin/users");

    assertThat(handler.handles("/admin/users")).isFalse();
    assertThat(handler.handle(exchange)).isFalse();
    assertThat(handler.handles("/admin/websites")).isTrue();
    assertThat(handler.handles("/admin/jobs/retention")).isTrue();
    assertThat(handler.handles("/admin/websitesX")).isFalse();
  }
}
