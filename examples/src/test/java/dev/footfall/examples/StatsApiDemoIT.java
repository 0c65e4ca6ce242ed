package dev.footfall.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Analytics;
import dev.footfall.Site;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.servlet.HttpSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Stats API example against the demo's set-up (H2, the demo site, its sample traffic,
 * a bearer key): the same query body, answered with Plausible's response shape.
 */
final class StatsApiDemoIT {
  private static final String KEY = "stats-demo-key-0123456789";
  /** The body of the README's {@code curl} example, verbatim but for whitespace. */
  static final String README_QUERY = "{\"site_id\":\"demo.footfall.dev\",\"metrics\":"
      + "[\"visitors\",\"pageviews\",\"bounce_rate\"],\"date_range\":\"7d\","
      + "\"dimensions\":[\"visit:utm_medium\",\"visit:utm_source\"],"
      + "\"filters\":[[\"is_not\",\"visit:country\",[\"DE\"]]],"
      + "\"include\":{\"total_rows\":true},\"pagination\":{\"limit\":5}}";

  @TempDir
  Path dir;

  @Test
  void readmeQuery_answersOnTheDemo() throws Exception {
    Analytics analytics = Analytics.builder().storage(JdbiStorage.h2(dir.resolve("demo")))
        .build();
    analytics.sites().save(Site.of(Demo.SITE_ID, Demo.DOMAIN, ZoneId.of("Europe/Berlin"),
        "Footfall demo", Instant.now()));
    new TrafficGenerator(7).generate(analytics.tracker(), Demo.SITE_ID, Demo.DOMAIN, 7, 150,
        Instant.now());
    assertThat(analytics.flush(Duration.ofMinutes(2))).isTrue();
    try (DemoServer server = new DemoServer(analytics,
        HttpSettings.builder().adminApiKey(KEY).build(), "127.0.0.1", 0)) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.port() + "/api/v2/query"))
          .header("Authorization", "Bearer " + KEY)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(README_QUERY)).build(),
          HttpResponse.BodyHandlers.ofString(UTF_8));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode body = new ObjectMapper().readTree(response.body());
      assertThat(body.get("results")).hasSizeBetween(2, 5).allSatisfy(row -> {
        assertThat(row.get("dimensions")).hasSize(2);
        assertThat(row.get("metrics")).hasSize(3);
      });
      assertThat(body.at("/meta/total_rows").asInt()).isGreaterThanOrEqualTo(
          body.get("results").size());
      assertThat(body.at("/query/site_id").asText()).isEqualTo(Demo.DOMAIN);
      assertThat(body.at("/results/0/metrics/0").asLong()).isPositive();
    } finally {
      analytics.close();
    }
  }
}
