package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Event;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin events API on a real Jetty behind a trusted proxy (127.0.0.1 here) that forwards the
 * client address and a country header: an import is tracked as a live request from the same client
 * would be, and the events can be listed, corrected and deleted over HTTP.
 */
final class EventAdminIT {
  private static final String KEY = "0123456789abcdef";
  private static JettyFixture jetty;

  @BeforeAll
  static void start() throws Exception {
    jetty = new JettyFixture(HttpSettings.builder().noRateLimit().adminApiKey(KEY)
        .trustedProxies(List.of("127.0.0.0/8")).countryHeader("CF-IPCountry").build());
  }

  @AfterAll
  static void stop() {
    jetty.close();
  }

  private static HttpResponse<String> admin(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request = jetty.request(path)
        .header("Authorization", "Bearer " + KEY)
        .header("X-Forwarded-For", "198.51.100.23")
        .header("CF-IPCountry", "NL")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return jetty.send(request);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Responses.JSON.readTree(response.body());
  }

  @Test
  void importListCorrectDelete_overHttp() throws Exception {
    HttpResponse<String> live = jetty.postJson("/api/event", "{\"n\":\"pageview\","
        + "\"u\":\"https://a.example/landing\",\"d\":\"a.example\","
        + "\"r\":\"https://github.com/footfall\"}", "X-Forwarded-For", "198.51.100.23",
        "CF-IPCountry", "NL");
    assertThat(live.statusCode()).isEqualTo(202);

    HttpResponse<String> imported = admin("POST", "/admin/analytics-events/batch", "["
        + "{\"website_id\":\"a\",\"event_type\":\"custom_event\",\"event_name\":\"Signup\","
        + "\"pathname\":\"/pricing\",\"user_agent\":\"" + JettyFixture.CHROME + "\"},"
        + "{\"website_id\":\"a\",\"pathname\":\"/old\",\"visitor_id\":\"legacy-7\","
        + "\"timestamp\":\"2026-01-15T09:30:00Z\",\"country\":\"FR\"}]");

    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(imported.body()).isEqualTo("{\"accepted\":2,\"dropped\":{},\"stored\":true}");
    List<Event> events = jetty.events("a");
    Event landing = events.stream().filter(e -> e.pathname().equals("/landing")).findFirst()
        .orElseThrow();
    Event signup = events.stream().filter(e -> e.name().equals("Signup")).findFirst()
        .orElseThrow();
    // The import came from the same client as the live pageview: same visitor, same visit.
    assertThat(signup.visitorId()).isEqualTo(landing.visitorId());
    assertThat(signup.sessionId()).isEqualTo(landing.sessionId());
    assertThat(signup.country()).isEqualTo("NL").isEqualTo(landing.country());
    assertThat(signup.browser()).isEqualTo("Chrome");

    JsonNode page = json(admin("GET", "/admin/analytics-events?site_id=a&type=pageview"
        + "&pathname=%2Fold&start_date=2026-01-15&end_date=2026-01-15", null));
    assertThat(page.get("total").asInt()).isEqualTo(1);
    JsonNode old = page.get("results").get(0);
    assertThat(old.get("timestamp").asText()).isEqualTo("2026-01-15T09:30:00Z");
    assertThat(old.get("country").asText()).isEqualTo("FR");
    assertThat(old.get("visitor_id").asText()).isNotEqualTo(Long.toString(landing.visitorId()));

    String path = "/admin/analytics-events/" + old.get("id").asLong();
    HttpResponse<String> corrected = admin("PUT", path, "{\"pathname\":\"/older\"}");
    assertThat(corrected.statusCode()).isEqualTo(200);
    assertThat(json(corrected).get("pathname").asText()).isEqualTo("/older");
    assertThat(admin("DELETE", path, null).statusCode()).isEqualTo(204);
    HttpResponse<String> gone = admin("GET", path, null);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body()).isEqualTo("{\"error\":\"event " + old.get("id").asLong()
        + " does not exist\"}");

    HttpResponse<String> invalid = admin("POST", "/admin/analytics-events",
        "{\"website_id\":\"a\",\"pathname\":\"/x\",\"timestamp\":\"2026-01-15T09:30:00Z\"}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(json(invalid).get("errors").get("visitor_id").get(0).asText())
        .startsWith("visitor_id is required for an event before today");
  }
}
