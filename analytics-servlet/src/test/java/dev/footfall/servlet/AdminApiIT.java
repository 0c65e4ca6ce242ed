package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API behind a real Jetty: the key, the query string and the JSON answers. */
final class AdminApiIT {
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

  @Test
  void report_readsTheEncodedQueryString() throws Exception {
    jetty.postJson("/api/event",
        "{\"n\":\"pageview\",\"u\":\"https://a.example/caf%C3%A9;menu\",\"d\":\"a.example\"}");
    jetty.events("a");

    HttpResponse<String> response = jetty.send(jetty.request("/admin/websites/a/analytics/pages"
        + "?period=7d&filters=page%3D%3D%2Fcaf%C3%A9%5C%3Bmenu&metrics=pageviews")
        .header("Authorization", "Bearer " + KEY));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode body = Responses.JSON.readTree(response.body());
    assertThat(body.get("results").toString())
        .isEqualTo("[{\"value\":\"/café;menu\",\"pageviews\":1}]");
  }

  @Test
  void admin_withoutTheKey_401AndNoData() throws Exception {
    HttpResponse<String> response = jetty.send(jetty.request("/admin/websites"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("a.example");
  }
}
