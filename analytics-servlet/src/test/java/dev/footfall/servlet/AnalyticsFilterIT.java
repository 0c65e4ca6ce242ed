package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Filter;
import dev.footfall.Metric;
import dev.footfall.Period;
import dev.footfall.ReportQuery;
import dev.footfall.Revenue;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public endpoints on a real Jetty, with the default settings (rate limiting off). */
final class AnalyticsFilterIT {
  private static JettyFixture jetty;

  @BeforeAll
  static void start() throws Exception {
    jetty = new JettyFixture(HttpSettings.builder().noRateLimit().maxBodyBytes(8 * 1024)
        .serverSidePageviews("b").excludePaths("/private/**").build());
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  @Test
  void eventsApi_jsonStoredAndAnswered202() throws Exception {
    HttpResponse<String> response = jetty.postJson("/api/event", """
        {"name":"pageview","url":"https://a.example/pricing?utm_source=newsletter",
         "domain":"a.example","referrer":"https://www.google.com/"}""");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo("ok");
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(jetty.events("a")).anySatisfy(e -> {
      assertThat(e.pathname()).isEqualTo("/pricing");
      assertThat(e.referrerSource()).isEqualTo("newsletter");
      assertThat(e.referrer()).isEqualTo("google.com");
      assertThat(e.browser()).isEqualTo("Chrome");
    });
  }

  @Test
  void eventsApi_textPlainShortKeysAndPropsAsString() throws Exception {
    HttpResponse<String> response = jetty.post("/api/event", "text/plain", """
        {"n":"Signup","u":"https://a.example/short-keys","d":"a.example","r":null,
         "p":"{\\"plan\\":\\"pro\\",\\"seats\\":3}","i":false}""");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(jetty.events("a")).anySatisfy(e -> {
      assertThat(e.pathname()).isEqualTo("/short-keys");
      assertThat(e.type()).isEqualTo(EventType.CUSTOM_EVENT);
      assertThat(e.name()).isEqualTo("Signup");
      assertThat(e.props()).containsEntry("plan", "pro").containsEntry("seats", "3");
      assertThat(e.interactive()).isFalse();
    });
  }

  @Test
  void eventsApi_severalDomains() throws Exception {
    HttpResponse<String> response = jetty.postJson("/api/event",
        "{\"n\":\"pageview\",\"u\":\"https://a.example/both\",\"d\":\"a.example, b.example\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(jetty.events("a")).anyMatch(e -> e.pathname().equals("/both"));
    assertThat(jetty.events("b")).anyMatch(e -> e.pathname().equals("/both"));
  }

  @Test
  void eventsApi_websiteIdAndHashMode() throws Exception {
    jetty.postJson("/api/event", "{\"n\":\"pageview\",\"u\":\"https://b.example/app?x=1#/settings\","
        + "\"d\":\"ignored.example\",\"website_id\":\"b\",\"h\":true}");
    assertThat(jetty.events("b")).anyMatch(e -> e.pathname().equals("/app#/settings"));
  }

  @Test
  void eventsApi_withoutDomainTheSiteIsTheUrlsHost_andANumberNameIsItsText() throws Exception {
    HttpResponse<String> response = jetty.postJson("/api/event",
        "{\"n\":404,\"u\":\"https://www.a.example/missing\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("X-Footfall-Dropped")).isEmpty();
    assertThat(jetty.events("a")).anySatisfy(e -> {
      assertThat(e.pathname()).isEqualTo("/missing");
      assertThat(e.type()).isEqualTo(EventType.CUSTOM_EVENT);
      assertThat(e.name()).isEqualTo("404");
    });
  }

  @Test
  void eventsApi_anEngagementIsStoredApartFromEventsAndReportedPerPage() throws Exception {
    // A visitor of its own (the storage identity mode's id), apart from the other tests' visits.
    String reader = "\"u\":\"https://a.example/read\",\"d\":\"a.example\","
        + "\"visitor_id\":\"engaged-reader\"";
    jetty.postJson("/api/event", "{\"n\":\"pageview\"," + reader + "}");
    HttpResponse<String> response = jetty.postJson("/api/event",
        "{\"n\":\"engagement\"," + reader + ",\"sd\":19,\"e\":1457}");
    jetty.postJson("/api/event", "{\"n\":\"engagement\"," + reader + ",\"sd\":64.6,\"e\":2000.4}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("X-Footfall-Dropped")).isEmpty();
    assertThat(jetty.events("a")).filteredOn(e -> e.pathname().equals("/read"))
        .extracting(Event::name).containsExactly("pageview");
    ReportQuery read = ReportQuery.builder("a").period(Period.parse("day"))
        .filter(Filter.is(Dimension.PAGE, "/read")).metrics(Metric.VISITS, Metric.BOUNCE_RATE,
            Metric.EVENTS, Metric.SCROLL_DEPTH, Metric.TIME_ON_PAGE).build();
    Map<Metric, Number> values = new EnumMap<>(Metric.class);
    jetty.analytics.reports().aggregate(read).metrics()
        .forEach((metric, value) -> values.put(metric, value.value()));
    // One visitor: deepest scroll 65 (64.6 rounded), 1.457 + 2 s engaged → 3 s; still a bounce.
    assertThat(values).isEqualTo(Map.of(Metric.VISITS, 1L, Metric.BOUNCE_RATE, 100L,
        Metric.EVENTS, 1L, Metric.SCROLL_DEPTH, 65L, Metric.TIME_ON_PAGE, 3L));
    assertBadRequest("{\"n\":\"engagement\",\"u\":\"/\",\"d\":\"a.example\",\"sd\":\"x\"}",
        "{\"errors\":{\"sd\":[\"sd (scroll depth) is required for an engagement event\"],"
            + "\"e\":[\"e (engaged time) is required for an engagement event\"]}}");
  }

  @Test
  void eventsApi_revenueIsStoredExactly_andABadOneIsRefused() throws Exception {
    HttpResponse<String> response = jetty.postJson("/api/event",
        "{\"n\":\"Purchase\",\"u\":\"https://a.example/checkout\",\"d\":\"a.example\","
            + "\"$\":{\"amount\":15.99,\"currency\":\"USD\"}}");
    jetty.postJson("/api/event",
        "{\"n\":\"Purchase\",\"u\":\"https://a.example/checkout-2\",\"d\":\"a.example\","
            + "\"revenue\":{\"amount\":\"1234.5\",\"currency\":\"EUR\"}}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(jetty.events("a")).anySatisfy(e -> {
      assertThat(e.pathname()).isEqualTo("/checkout");
      assertThat(e.revenue()).contains(Revenue.of("15.99", "USD"));
    }).anySatisfy(e -> {
      assertThat(e.pathname()).isEqualTo("/checkout-2");
      assertThat(e.revenue()).contains(Revenue.of("1234.50", "EUR"));
    });
    assertBadRequest("{\"n\":\"Purchase\",\"u\":\"/\",\"d\":\"a.example\","
            + "\"$\":{\"amount\":\"9.99\",\"currency\":\"XYZ\"}}",
        "{\"errors\":{\"revenue\":[\"revenue currency must be an ISO 4217 code, such as USD,"
            + " but was 'XYZ'\"]}}");
    assertBadRequest("{\"n\":\"Purchase\",\"u\":\"/\",\"d\":\"a.example\","
            + "\"$\":{\"amount\":\"lots\",\"currency\":\"USD\"}}",
        "{\"errors\":{\"revenue\":[\"revenue amount must be a decimal number but was 'lots'\"]}}");
  }

  @Test
  void eventsApi_unknownDomainDroppedWithHeader() throws Exception {
    HttpResponse<String> response = jetty.postJson("/api/event",
        "{\"n\":\"pageview\",\"u\":\"https://nope.example/\",\"d\":\"nope.example\"}");
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("X-Footfall-Dropped")).contains("unknown_site");
  }

  @Test
  void eventsApi_invalidRequestsAnswer400WithFieldErrors() throws Exception {
    assertBadRequest("{\"n\":\"pageview\",\"d\":\"a.example\"}",
        "{\"errors\":{\"url\":[\"url is required\"]}}");
    assertBadRequest("{\"n\":\"pageview\",\"u\":\"/relative\",\"d\":\" \"}",
        "{\"errors\":{\"domain\":[\"domain is required when the url has no host\"]}}");
    assertBadRequest("{\"n\":\"pageview\",\"u\":\"data:text/html,hi\",\"d\":\"a.example\"}",
        "{\"errors\":{\"url\":[\"url must not be a data: URL\"]}}");
    assertBadRequest("{\"n\":\"" + "x".repeat(121) + "\",\"u\":\"/\",\"d\":\"a.example\"}",
        "{\"errors\":{\"name\":[\"name must be at most 120 characters but was 121\"]}}");
    assertBadRequest("{\"n\":\"pageview\",\"u\":\"/" + "x".repeat(2000) + "\",\"d\":\"a.example\"}",
        "{\"errors\":{\"url\":[\"url must be at most 2000 bytes but was 2001\"]}}");
    assertBadRequest("{\"n\":\"e\",\"u\":\"/\",\"d\":\"a.example\",\"p\":{\"k\":\""
        + "v".repeat(2001) + "\"}}",
        "{\"errors\":{\"props\":[\"value of prop 'k' must be at most 2000 bytes but was 2001\"]}}");
    assertBadRequest("{\"n\":", "{\"errors\":{\"request\":[\"body must be JSON\"]}}");
    assertBadRequest("[1,2]", "{\"errors\":{\"request\":[\"body must be a JSON object\"]}}");
    assertBadRequest("{\"n\":[404],\"u\":\"/\",\"d\":\"a.example\"}",
        "{\"errors\":{\"name\":[\"name must be a string, a number or a boolean\"]}}");
  }

  private static void assertBadRequest(String body, String expectedJson) throws Exception {
    HttpResponse<String> response = jetty.postJson("/api/event", body);
    assertThat(response.statusCode()).as(body).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(response.body()).isEqualTo(expectedJson);
  }

  @Test
  void legacy_storedAndAlways200() throws Exception {
    HttpResponse<String> ok = jetty.postJson("/web/analytics/track", """
        {"website_id":"a","event_type":"custom_event","event_name":"Legacy signup",
         "pathname":"/legacy","referrer":"https://news.ycombinator.com/","visitor_id":"v-1",
         "session_id":"s-1","metadata":{"plan":"pro","n":3}}""");
    String expected = "{\"success\":true,\"message\":\"Event tracked\"}";
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo(expected);
    List<Event> events = jetty.events("a");
    assertThat(events).anySatisfy(e -> {
      assertThat(e.name()).isEqualTo("Legacy signup");
      assertThat(e.pathname()).isEqualTo("/legacy");
      assertThat(e.hostname()).isEqualTo("a.example");
      assertThat(e.referrerSource()).isEqualTo("Hacker News");
      assertThat(e.props()).containsEntry("plan", "pro").containsEntry("n", "3");
    });

    int before = jetty.events("a").size();
    for (String bad : List.of("{\"website_id\":\"a\"}", "not json", "[]",
        "{\"website_id\":\"nope\",\"pathname\":\"/\"}",
        "{\"website_id\":\"a\",\"event_type\":\"custom_event\",\"pathname\":\"/\"}",
        "{\"website_id\":\"a\",\"event_type\":\"weird\",\"pathname\":\"/\"}")) {
      HttpResponse<String> response = jetty.postJson("/web/analytics/track", bad);
      assertThat(response.statusCode()).as(bad).isEqualTo(200);
      assertThat(response.body()).isEqualTo(expected);
    }
    assertThat(jetty.events("a")).hasSize(before);
  }

  @Test
  void wrongMethod_405WithAllow() throws Exception {
    HttpResponse<String> response = jetty.send(jetty.request("/api/event").GET());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("POST");
    assertThat(response.body()).isEqualTo("{\"error\":\"method GET is not allowed here; use POST\"}");
    assertThat(jetty.send(jetty.request("/analytics.js")
        .POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode()).isEqualTo(405);
    assertThat(jetty.send(jetty.request("/web/analytics/track")
        .PUT(HttpRequest.BodyPublishers.ofString("x"))).statusCode()).isEqualTo(405);
  }

  @Test
  void corsPreflight() throws Exception {
    HttpResponse<String> response = jetty.send(jetty.request("/api/event")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://a.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type"));
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("POST");
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
        .contains("Content-Type");
  }

  @Test
  void bodyOverLimit_413DeclaredOrChunked() throws Exception {
    String big = "{\"n\":\"pageview\",\"u\":\"/\",\"d\":\"a.example\",\"pad\":\"" + "x".repeat(9000)
        + "\"}";
    HttpResponse<String> declared = jetty.postJson("/api/event", big);
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(declared.body()).isEqualTo("{\"error\":\"request body must be at most 8192 bytes\"}");

    HttpResponse<String> chunked = jetty.send(jetty.request("/web/analytics/track")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new ByteArrayInputStream(big.getBytes(UTF_8)))));
    assertThat(chunked.statusCode()).isEqualTo(413);
  }

  @Test
  void script_servedWithCachingAndGzip() throws Exception {
    HttpResponse<String> plain = jetty.send(jetty.request("/analytics.js").GET());
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    assertThat(plain.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
    assertThat(plain.body()).contains("trackEvent").contains("sendBeacon");
    String etag = plain.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> gzipped = jetty.client.send(jetty.request("/analytics.js")
        .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo(plain.body());
    }

    HttpResponse<String> revalidated = jetty.send(jetty.request("/analytics.js")
        .header("If-None-Match", etag).GET());
    assertThat(revalidated.statusCode()).isEqualTo(304);
    assertThat(revalidated.body()).isEmpty();
  }

  @Test
  void script_isAtMostOneKilobyteGzipped() throws Exception {
    HttpResponse<byte[]> gzipped = jetty.client.send(jetty.request("/analytics.js")
        .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gzipped.body().length).isLessThanOrEqualTo(1024);
  }

  @Test
  void extendedScript_isTheCoreFollowedByTheExtensionsWithItsOwnEtag() throws Exception {
    HttpResponse<String> core = jetty.send(jetty.request("/analytics.js").GET());
    HttpResponse<String> plain = jetty.send(jetty.request("/analytics.ext.js").GET());
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    assertThat(plain.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
    assertThat(plain.body()).startsWith(core.body())
        .contains("Outbound Link: Click", "File Download", "'404'");
    String etag = plain.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).isNotEqualTo(core.headers().firstValue("ETag").orElseThrow());

    HttpResponse<byte[]> gzipped = jetty.client.send(jetty.request("/analytics.ext.js")
        .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo(plain.body());
    }

    HttpResponse<String> revalidated = jetty.send(jetty.request("/analytics.ext.js")
        .header("If-None-Match", etag).GET());
    assertThat(revalidated.statusCode()).isEqualTo(304);
    assertThat(revalidated.body()).isEmpty();
    assertThat(jetty.send(jetty.request("/analytics.ext.js")
        .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(405);
  }

  /** The extensions' budget: at most 384 bytes gzipped on top of the core's, 1,408 in all. */
  @Test
  void extendedScript_addsAtMost384BytesGzipped() throws Exception {
    int core = gzippedLength("/analytics.js");
    int extended = gzippedLength("/analytics.ext.js");
    assertThat(core).isLessThanOrEqualTo(1024);
    assertThat(extended - core).isLessThanOrEqualTo(384);
    assertThat(extended).isLessThanOrEqualTo(1024 + 384);
  }

  private int gzippedLength(String path) throws Exception {
    HttpResponse<byte[]> gzipped = jetty.client.send(jetty.request(path)
        .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
    return gzipped.body().length;
  }

  @Test
  void serverSidePageviews_onlyHtml2xxOutsideExcludedPaths() throws Exception {
    assertThat(jetty.send(jetty.request("/page?utm_source=mail").header("Referer",
        "https://duckduckgo.com/").GET()).statusCode()).isEqualTo(200);
    jetty.send(jetty.request("/private/page").GET());
    jetty.send(jetty.request("/data").GET());
    jetty.send(jetty.request("/missing").GET());

    List<Event> events = jetty.events("b");
    assertThat(events).filteredOn(e -> e.type() == EventType.PAGEVIEW)
        .extracting(Event::pathname)
        .contains("/page")
        .doesNotContain("/private/page", "/data", "/missing");
    assertThat(events).filteredOn(e -> e.pathname().equals("/page"))
        .anySatisfy(e -> assertThat(e.referrerSource()).isEqualTo("mail"));
  }

  @Test
  void otherPaths_passThroughToTheApplication() throws Exception {
    HttpResponse<String> response = jetty.send(jetty.request("/page").GET());
    assertThat(response.body()).contains("hello");
    assertThat(jetty.send(jetty.request("/missing").GET()).statusCode()).isEqualTo(404);
  }

  @Test
  void noResponseSetsACookie() throws Exception {
    for (HttpResponse<String> response : List.of(
        jetty.send(jetty.request("/analytics.js").GET()),
        jetty.postJson("/api/event", "{\"n\":\"pageview\",\"u\":\"/\",\"d\":\"a.example\"}"),
        jetty.postJson("/web/analytics/track", "{\"website_id\":\"a\",\"pathname\":\"/\"}"))) {
      assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }
  }

}
