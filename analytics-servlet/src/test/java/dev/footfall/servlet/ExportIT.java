package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/websites/{id}/export} behind a real Jetty: the ZIP and the bad requests. */
final class ExportIT {
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

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return jetty.client.send(jetty.request(path).header("Authorization", "Bearer " + KEY)
        .header("User-Agent", JettyFixture.CHROME).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Map<String, String> unzip(byte[] zip) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  @Test
  void export_answersAZipOfPlausiblesCsvFiles() throws Exception {
    jetty.postJson("/api/event", "{\"n\":\"pageview\",\"u\":\"https://a.example/pricing"
        + "?utm_source=news&utm_medium=email\",\"d\":\"a.example\"}");
    jetty.postJson("/api/event", "{\"n\":\"Signup\",\"u\":\"https://a.example/pricing\","
        + "\"d\":\"a.example\"}");
    jetty.events("a");
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String compact = today.replace("-", "");

    HttpResponse<byte[]> response = get("/admin/websites/a/export?period=custom&start_date="
        + today + "&end_date=" + today);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"a_example_" + compact + "_" + compact + ".zip\"");
    Map<String, String> files = unzip(response.body());
    String suffix = "_" + compact + "_" + compact + ".csv";
    assertThat(files.keySet()).containsExactly("imported_visitors" + suffix,
        "imported_sources" + suffix, "imported_pages" + suffix, "imported_entry_pages" + suffix,
        "imported_exit_pages" + suffix, "imported_custom_events" + suffix,
        "imported_locations" + suffix, "imported_devices" + suffix, "imported_browsers" + suffix,
        "imported_operating_systems" + suffix);
    // the day's numbers are the overview's
    JsonNode overview = Responses.JSON.readTree(new String(get("/admin/websites/a/analytics/"
        + "overview?period=day&compare=false").body(), StandardCharsets.UTF_8)).get("metrics");
    String[] visitors = files.get("imported_visitors" + suffix).split("\n");
    assertThat(visitors[0])
        .isEqualTo("\"date\",\"visitors\",\"pageviews\",\"bounces\",\"visits\",\"visit_duration\"");
    String[] row = visitors[1].split(",");
    assertThat(row[0]).isEqualTo("\"" + today + "\"");
    assertThat(Long.parseLong(row[1])).isEqualTo(overview.get("visitors").get("value").asLong())
        .isEqualTo(1);
    assertThat(Long.parseLong(row[2])).isEqualTo(overview.get("pageviews").get("value").asLong())
        .isEqualTo(1);
    assertThat(Long.parseLong(row[4])).isEqualTo(overview.get("visits").get("value").asLong());
    assertThat(files.get("imported_sources" + suffix)).contains(
        "\n\"" + today + "\",\"news\",\"\",\"news\",\"email\",\"\",\"\",\"\",1,1,1,");
    assertThat(files.get("imported_custom_events" + suffix))
        .endsWith("\n\"" + today + "\",\"Signup\",\"\",\"\",1,1\n");
  }

  @Test
  void export_ofAPeriodNamesItsDays() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    DateTimeFormatter compact = DateTimeFormatter.BASIC_ISO_DATE;

    HttpResponse<byte[]> response = get("/admin/websites/b/export?period=7d");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Disposition")).hasValue(
        "attachment; filename=\"b_example_" + compact.format(today.minusDays(6)) + "_"
            + compact.format(today) + ".zip\"");
    assertThat(unzip(response.body())).hasSize(10);
  }

  @Test
  void badRequests_answer400or404WithAJsonError() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("/admin/websites/a/export?period=custom&start_date=2026-11-22"
        + "&end_date=2026-11-20", "end date 2026-11-20 is before start date 2026-11-22");
    expected.put("/admin/websites/a/export?period=custom&start_date=2010-01-01"
        + "&end_date=2026-11-20", "an export covers at most 3653 days (10 years) but 2010-01-01"
        + " to 2026-11-20 is 6168 days");
    expected.put("/admin/websites/a/export?period=custom&start_date=2026-11-20",
        "period=custom needs start_date and end_date (ISO dates such as 2026-11-24)");
    expected.put("/admin/websites/a/export?period=fortnight", null);
    expected.put("/admin/websites/a/export?limit=5", null);
    for (Map.Entry<String, String> bad : expected.entrySet()) {
      HttpResponse<byte[]> response = get(bad.getKey());
      assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).as(bad.getKey())
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
      JsonNode error = Responses.JSON.readTree(response.body()).get("error");
      if (bad.getValue() != null) {
        assertThat(error.asText()).as(bad.getKey()).isEqualTo(bad.getValue());
      } else {
        assertThat(error.asText()).as(bad.getKey()).isNotBlank();
      }
    }
    HttpResponse<byte[]> unknown = get("/admin/websites/nope/export?period=day");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Responses.JSON.readTree(unknown.body()).get("error").asText()).contains("nope");
    HttpResponse<String> post = jetty.send(jetty.request("/admin/websites/a/export")
        .header("Authorization", "Bearer " + KEY).POST(
            java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertThat(post.statusCode()).isEqualTo(405);
    HttpResponse<String> anonymous = jetty.send(jetty.request("/admin/websites/a/export"));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(List.of(anonymous.body())).noneMatch(body -> body.startsWith("PK"));
  }
}
