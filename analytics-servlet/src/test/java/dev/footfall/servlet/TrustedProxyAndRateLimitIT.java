package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Event;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Client addresses behind trusted and untrusted peers, and the per-client rate limit. */
final class TrustedProxyAndRateLimitIT {
  private static final String EVENT = "{\"n\":\"pageview\",\"u\":\"https://a.example/%s\","
      + "\"d\":\"a.example\"}";

  private static List<Long> visitorIdsOf(JettyFixture jetty, String... paths) {
    List<Event> events = jetty.events("a");
    return List.of(paths).stream()
        .map(p -> events.stream().filter(e -> e.pathname().equals("/" + p)).findFirst()
            .orElseThrow().visitorId())
        .toList();
  }

  @Test
  void untrustedPeer_forwardedForAndCountryHeadersIgnored() throws Exception {
    try (JettyFixture jetty = new JettyFixture(HttpSettings.builder().noRateLimit()
        .countryHeader("CF-IPCountry").build())) {
      jetty.postJson("/api/event", EVENT.formatted("u1"), "X-Forwarded-For", "203.0.113.1",
          "CF-IPCountry", "DE");
      jetty.postJson("/api/event", EVENT.formatted("u2"), "X-Forwarded-For", "203.0.113.2");

      List<Long> ids = visitorIdsOf(jetty, "u1", "u2");
      assertThat(ids.get(0)).as("spoofed headers must not split one client").isEqualTo(ids.get(1));
      assertThat(jetty.events("a")).allMatch(e -> e.country().isEmpty());
    }
  }

  @Test
  void trustedPeer_forwardedForAndCountryHonoured() throws Exception {
    try (JettyFixture jetty = new JettyFixture(HttpSettings.builder().noRateLimit()
        .trustedProxies(List.of("127.0.0.0/8")).countryHeader("CF-IPCountry").build())) {
      jetty.postJson("/api/event", EVENT.formatted("t1"), "X-Forwarded-For", "203.0.113.1",
          "CF-IPCountry", "DE");
      jetty.postJson("/api/event", EVENT.formatted("t2"), "X-Forwarded-For", "203.0.113.2");
      jetty.postJson("/api/event", EVENT.formatted("t3"), "X-Forwarded-For", "203.0.113.1");

      List<Long> ids = visitorIdsOf(jetty, "t1", "t2", "t3");
      assertThat(ids.get(0)).isNotEqualTo(ids.get(1)).isEqualTo(ids.get(2));
      assertThat(jetty.events("a")).filteredOn(e -> e.pathname().equals("/t1"))
          .extracting(Event::country).containsExactly("DE");
    }
  }

  @Test
  void doNotTrack_honouredOnlyWhenConfigured() throws Exception {
    try (JettyFixture jetty = new JettyFixture(HttpSettings.builder().noRateLimit()
        .honourDoNotTrack(true).build())) {
      HttpResponse<String> gpc = jetty.postJson("/api/event", EVENT.formatted("gpc"),
          "Sec-GPC", "1");
      jetty.postJson("/api/event", EVENT.formatted("dnt"), "DNT", "1");
      jetty.postJson("/web/analytics/track", "{\"website_id\":\"a\",\"pathname\":\"/legacy-dnt\"}",
          "DNT", "1");
      jetty.postJson("/api/event", EVENT.formatted("counted"), "DNT", "0");

      assertThat(gpc.statusCode()).isEqualTo(202);
      assertThat(gpc.headers().firstValue("X-Footfall-Dropped")).contains("do_not_track");
      assertThat(jetty.events("a")).extracting(Event::pathname).containsExactly("/counted");
    }
    try (JettyFixture jetty = new JettyFixture(HttpSettings.builder().noRateLimit().build())) {
      jetty.postJson("/api/event", EVENT.formatted("default"), "Sec-GPC", "1");
      assertThat(jetty.events("a")).extracting(Event::pathname).containsExactly("/default");
    }
  }

  @Test
  void rateLimit_429OnEventsApiSilentDropOnLegacy() throws Exception {
    try (JettyFixture jetty = new JettyFixture(HttpSettings.builder()
        .rateLimit(3, Duration.ofHours(1)).build())) {
      for (int i = 0; i < 3; i++) {
        assertThat(jetty.postJson("/api/event", EVENT.formatted("r" + i)).statusCode())
            .isEqualTo(202);
      }
      HttpResponse<String> limited = jetty.postJson("/api/event", EVENT.formatted("r3"));
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.body()).isEqualTo("{\"error\":\"too many requests from this client\"}");

      HttpResponse<String> legacy = jetty.postJson("/web/analytics/track",
          "{\"website_id\":\"a\",\"pathname\":\"/legacy-limited\"}");
      assertThat(legacy.statusCode()).isEqualTo(200);
      assertThat(jetty.events("a")).extracting(Event::pathname)
          .containsExactlyInAnyOrder("/r0", "/r1", "/r2");
    }
  }
}
