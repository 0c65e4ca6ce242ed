package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Analytics;
import dev.footfall.Site;
import dev.footfall.spi.Storage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What the admin API's unit tests share: an {@link Analytics} on a clock fixed at {@link #NOW}
 * with the site {@code shop}, its handler with the admin key {@link #KEY}, and authorised calls
 * whose status and JSON body are checked.
 */
final class AdminCalls {
  static final String KEY = "0123456789abcdef";
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  private AdminCalls() {}

  /** Opens analytics on the storage, with the site {@code shop} (UTC) saved. */
  static Analytics shop(Storage storage) {
    Analytics analytics = Analytics.builder().storage(storage)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop", Instant.EPOCH));
    return analytics;
  }

  /** Returns the handler of the analytics, admitting the admin key {@link #KEY}. */
  static AnalyticsHandler handler(Analytics analytics) {
    return AnalyticsHandler.create(analytics, HttpSettings.builder().adminApiKey(KEY).build());
  }

  /** Sends an authorised request, which the handler must take. */
  static FakeExchange call(AnalyticsHandler handler, String method, String pathAndQuery,
      String body) throws IOException {
    FakeExchange exchange = new FakeExchange().header("Authorization", "Bearer " + KEY)
        .request(method, pathAndQuery);
    if (body != null) {
      exchange.body(body);
    }
    assertThat(handler.handle(exchange)).isTrue();
    return exchange;
  }

  /** Sends an authorised request that must answer {@code status}; returns its JSON (null for 204). */
  static JsonNode ok(AnalyticsHandler handler, int status, String method, String pathAndQuery,
      String body) throws IOException {
    FakeExchange exchange = call(handler, method, pathAndQuery, body);
    assertThat(exchange.status).as(exchange.responseText()).isEqualTo(status);
    return status == 204 ? null : Responses.JSON.readTree(exchange.responseBody);
  }

  /** Sends an authorised request that must fail with {@code status}; returns its JSON error. */
  static String error(AnalyticsHandler handler, int status, String method, String pathAndQuery,
      String body) throws IOException {
    FakeExchange exchange = call(handler, method, pathAndQuery, body);
    assertThat(exchange.status).as(exchange.responseText()).isEqualTo(status);
    assertThat(exchange.responseHeaders).containsEntry("Content-Type", "application/json");
    return Responses.JSON.readTree(exchange.responseBody).get("error").asText();
  }
}
