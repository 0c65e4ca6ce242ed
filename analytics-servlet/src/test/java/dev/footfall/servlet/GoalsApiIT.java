package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Goals, funnels and their reports through the admin API behind a real Jetty. */
final class GoalsApiIT {
  private static final String KEY = "it-admin-key-0123456789";
  private static JettyFixture jetty;

  @BeforeAll
  static void start() throws Exception {
    jetty = new JettyFixture(HttpSettings.builder().noRateLimit().adminApiKey(KEY).build());
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  private static HttpResponse<String> call(String method, String path, String body)
      throws Exception {
    return jetty.send(jetty.request(path).header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void goalsAndFunnel_managedAndReported() throws Exception {
    jetty.postJson("/api/event", "{\"n\":\"pageview\",\"u\":\"https://b.example/blog/x\","
        + "\"d\":\"b.example\"}");
    jetty.postJson("/api/event", "{\"n\":\"Signup\",\"u\":\"https://b.example/blog/x\","
        + "\"d\":\"b.example\",\"p\":{\"plan\":\"pro\"}}");
    jetty.events("b");

    assertThat(call("POST", "/admin/websites/b/goals", "{\"page_path\":\"/blog/*\"}")
        .statusCode()).isEqualTo(201);
    assertThat(call("POST", "/admin/websites/b/goals", "{\"event_name\":\"Signup\"}")
        .statusCode()).isEqualTo(201);
    HttpResponse<String> funnel = call("POST", "/admin/websites/b/funnels",
        "{\"name\":\"Blog to signup\",\"steps\":[\"Visit /blog/*\",\"Signup\"]}");
    assertThat(funnel.statusCode()).as(funnel.body()).isEqualTo(201);

    HttpResponse<String> goals = call("GET", "/admin/websites/b/analytics/goals?period=day", null);
    assertThat(goals.statusCode()).isEqualTo(200);
    JsonNode results = Responses.JSON.readTree(goals.body()).get("results");
    assertThat(results.get(0).get("visitors").asLong()).isEqualTo(1);
    assertThat(results.get(1).get("conversion_rate").asDouble()).isEqualTo(100.0);
    HttpResponse<String> steps = call("GET", "/admin/websites/b/analytics/funnel?period=day"
        + "&funnel=Blog+to+signup", null);
    assertThat(steps.statusCode()).as(steps.body()).isEqualTo(200);
    assertThat(Responses.JSON.readTree(steps.body()).get("steps").get(1).get("visitors").asLong())
        .isEqualTo(1);
    HttpResponse<String> props = call("GET", "/admin/websites/b/analytics/props?period=day", null);
    assertThat(props.body()).contains("\"results\":[\"plan\"]");

    HttpResponse<String> inUse = call("DELETE", "/admin/websites/b/goals/Signup", null);
    assertThat(inUse.statusCode()).isEqualTo(409);
    assertThat(inUse.body()).contains("delete the funnel first");
    assertThat(call("DELETE", "/admin/websites/b/funnels/Blog%20to%20signup", null).statusCode())
        .isEqualTo(204);
    // A name with slashes: sent with them unencoded, as a servlet container may refuse %2F.
    assertThat(call("DELETE", "/admin/websites/b/goals/Visit%20/blog/*", null).statusCode())
        .isEqualTo(204);
    assertThat(call("GET", "/admin/websites/b/goals", null).body())
        .isEqualTo("{\"results\":[{\"name\":\"Signup\",\"event_name\":\"Signup\","
            + "\"page_path\":null,\"currency\":null}]}");
  }

  @Test
  void badGoal_400WithJsonError() throws Exception {
    HttpResponse<String> response = call("POST", "/admin/websites/a/goals", "{\"name\":\"x\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body()).isEqualTo("{\"error\":\"goal 'x' needs either an event name or a"
        + " page path, not neither\"}");
  }

  /** Why README says to leave a name's slashes unencoded: Jetty 12 refuses %2F in a path. */
  @Test
  void encodedSlashInAName_refusedByJetty_unencodedWorks() throws Exception {
    call("POST", "/admin/websites/a/goals", "{\"page_path\":\"/docs/**\"}");

    HttpResponse<String> encoded = call("GET", "/admin/websites/a/goals/Visit%20%2Fdocs%2F**",
        null);
    HttpResponse<String> unencoded = call("GET", "/admin/websites/a/goals/Visit%20/docs/**",
        null);

    assertThat(encoded.statusCode()).isEqualTo(400);
    assertThat(unencoded.statusCode()).isEqualTo(200);
    assertThat(unencoded.body()).contains("\"page_path\":\"/docs/**\"");
  }
}
