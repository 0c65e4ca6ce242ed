package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/websites/{id}/imports} behind a real Jetty: one site's export imported into
 * another, the report marking it, a broken file refused, and deleting the import.
 */
final class ImportIT {
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

  private static HttpRequest.Builder admin(String path) {
    return jetty.request(path).header("Authorization", "Bearer " + KEY);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return Responses.JSON.readTree(response.body());
  }

  private static HttpResponse<String> upload(String site, byte[] zip) throws Exception {
    return jetty.send(admin("/admin/websites/" + site + "/imports?source=export.zip")
        .header("Content-Type", "application/zip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
  }

  private static JsonNode v2(String query) throws Exception {
    HttpResponse<String> response = jetty.send(admin("/api/v2/query")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(query)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private static JsonNode overview(String site) throws Exception {
    return json(jetty.send(admin("/admin/websites/" + site
        + "/analytics/overview?period=day&compare=false").GET()));
  }

  @Test
  void anExportImportedIntoAnotherSite_showsInItsReportsUntilDeleted() throws Exception {
    jetty.postJson("/api/event", "{\"n\":\"pageview\",\"u\":\"https://a.example/pricing\","
        + "\"d\":\"a.example\"}");
    jetty.postJson("/api/event", "{\"n\":\"pageview\",\"u\":\"https://a.example/\","
        + "\"d\":\"a.example\"}");
    jetty.events("a");
    byte[] zip = jetty.client.send(admin("/admin/websites/a/export?period=day").GET().build(),
        HttpResponse.BodyHandlers.ofByteArray()).body();

    HttpResponse<String> created = upload("b", zip);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode stored = json(created);
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(stored.get("source").asText()).isEqualTo("export.zip");
    assertThat(stored.get("from").asText()).isEqualTo(today);
    JsonNode own = overview("a");
    JsonNode imported = overview("b");
    assertThat(imported.get("metrics")).isEqualTo(own.get("metrics"));
    assertThat(imported.get("metrics").get("pageviews").get("value").asLong()).isEqualTo(2);
    assertThat(imported.get("imported").get("days").asLong()).isEqualTo(1);
    assertThat(own.has("imported")).isFalse();
    JsonNode list = json(jetty.send(admin("/admin/websites/b/imports").GET()));
    assertThat(list.get("results")).hasSize(1);
    assertThat(list.get("results").get(0).get("id")).isEqualTo(stored.get("id"));

    // the Stats API v2 adds them when asked to, as Plausible's does
    JsonNode v2 = v2("{\"site_id\":\"b.example\",\"metrics\":[\"visitors\",\"pageviews\"],"
        + "\"date_range\":\"day\",\"dimensions\":[\"event:page\"],\"include\":{\"imports\":"
        + "true}}");
    assertThat(v2.at("/meta/imports_included").asBoolean()).isTrue();
    assertThat(v2.get("results")).hasSize(2);
    assertThat(v2.at("/results/0/metrics/0").asLong()).isEqualTo(1);
    String total = "{\"site_id\":\"b.example\",\"metrics\":[\"visitors\"],\"date_range\":"
        + "\"day\"";
    assertThat(v2(total + ",\"include\":{\"imports\":true}}").at("/results/0/metrics/0")
        .asLong()).isEqualTo(1);
    assertThat(v2(total + "}").get("results"))
        .allSatisfy(row -> assertThat(row.at("/metrics/0").asLong()).isZero());

    HttpResponse<String> again = upload("b", zip);
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(json(again).get("error").asText()).contains("overlap import");

    String path = "/admin/websites/b/imports/" + stored.get("id").asText();
    assertThat(jetty.send(admin(path).DELETE()).statusCode()).isEqualTo(204);
    assertThat(overview("b").get("metrics").get("pageviews").get("value").asLong()).isZero();
    assertThat(overview("b").has("imported")).isFalse();
    HttpResponse<String> gone = jetty.send(admin(path).DELETE());
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(json(gone).get("error").asText()).contains("has no import");
  }

  @Test
  void badArchives_answer400NamingTheFileLineAndColumn() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("imported_visitors_20250101_20250131.csv"));
      zip.write(("\"date\",\"visitors\",\"pageviews\",\"bounces\",\"visits\",\"visit_duration\"\n"
          + "\"2025-01-01\",3,4,1,3,100\n\"2025-01-02\",3,-4,1,3,100\n")
          .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }

    HttpResponse<String> broken = upload("b", bytes.toByteArray());

    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(json(broken).get("error").asText()).isEqualTo("imported_visitors_20250101_20250131"
        + ".csv line 3, column pageviews: \"-4\" is not a whole number of at most 18 digits");
    assertThat(json(jetty.send(admin("/admin/websites/b/imports").GET())).get("results"))
        .isEmpty();
    HttpResponse<String> notZip = upload("b", "date,visitors\n".getBytes(StandardCharsets.UTF_8));
    assertThat(notZip.statusCode()).isEqualTo(400);
    assertThat(json(notZip).get("error").asText()).contains("is not a ZIP archive");
    assertThat(upload("nope", bytes.toByteArray()).statusCode()).isEqualTo(404);
    assertThat(jetty.send(admin("/admin/websites/b/imports").PUT(
        HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(405);
    assertThat(jetty.send(jetty.request("/admin/websites/b/imports").POST(
        HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()))).statusCode())
        .isEqualTo(401);
  }
}
