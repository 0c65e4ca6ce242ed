package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.DateRange;
import dev.footfall.Job;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export on H2: the same files from raw events, from the day rollups, and from the rollups
 * once retention deleted the raw events (where only the sources' combinations are lost).
 */
final class H2ExportTest {
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
      + " AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static final DateRange DAYS = new DateRange(LocalDate.parse("2026-11-20"),
      LocalDate.parse("2026-11-22"));

  @TempDir
  Path dir;

  private static Map<String, String> export(Analytics analytics) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    analytics.exports().write("shop", DAYS, out);
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName().replace("_20261120_20261122.csv", ""),
            new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static void track(Analytics analytics, TrackRequest.Builder request, String visitor,
      String at, String country) {
    analytics.tracker().track(request.visitorId(visitor).timestamp(Instant.parse(at))
        .context(RequestContext.of("203.0.113.9", CHROME).withCountry(country)).build());
  }

  private static Analytics open(Path file, String now, Duration retention) {
    Analytics.Builder builder = Analytics.builder().storage(JdbiStorage.h2(file))
        .clock(Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    return (retention == null ? builder : builder.retention(retention)).build();
  }

  @Test
  void export_sameFromRawEventsRollupsAndAfterRetention() throws IOException {
    Path file = dir.resolve("footfall");
    Map<String, String> raw;
    Map<String, String> rolledUp;
    try (Analytics analytics = open(file, "2026-11-24T12:00:00Z", null)) {
      analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("Europe/Berlin"), "Shop",
          Instant.EPOCH));
      track(analytics, TrackRequest.pageview("shop",
          "https://shop.example/?utm_source=news&utm_medium=email"), "A", "2026-11-19T23:30:00Z",
          "DE");
      track(analytics, TrackRequest.pageview("shop", "https://shop.example/pricing"), "A",
          "2026-11-19T23:35:00Z", "DE");
      track(analytics, TrackRequest.pageview("shop", "https://shop.example/blog")
          .referrer("https://www.google.com/"), "B", "2026-11-20T10:00:00Z", "FR");
      track(analytics, TrackRequest.pageview("shop", "https://shop.example/"), "D",
          "2026-11-20T22:50:00Z", "US");
      track(analytics, TrackRequest.pageview("shop", "https://shop.example/pricing"), "D",
          "2026-11-20T23:05:00Z", "US");
      track(analytics, TrackRequest.event("shop", "File Download", "https://shop.example/")
          .prop("url", "https://shop.example/a.pdf"), "D", "2026-11-20T23:06:00Z", "US");
      track(analytics, TrackRequest.pageview("shop", "https://shop.example/")
          .referrer("https://news.ycombinator.com/"), "E", "2026-11-22T09:00:00Z", "");
      assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
      analytics.jobs().run(Job.FINALIZE_SESSIONS);

      raw = export(analytics);
      // up to the 23rd, so that retention may delete the 22nd (it keeps the day before one not
      // rolled up)
      assertThat(analytics.rollups().rollUp("shop", DAYS.from(), LocalDate.parse("2026-11-23")))
          .isEqualTo(4);
      rolledUp = export(analytics);
    }
    assertThat(rolledUp).isEqualTo(raw);
    assertThat(raw.get("imported_visitors")).isEqualTo(
        "\"date\",\"visitors\",\"pageviews\",\"bounces\",\"visits\",\"visit_duration\"\n"
            + "\"2026-11-20\",3,4,1,3,1260\n"
            + "\"2026-11-21\",1,1,0,1,960\n"
            + "\"2026-11-22\",1,1,1,1,0\n");
    assertThat(raw.get("imported_custom_events")).endsWith(
        "\n\"2026-11-21\",\"File Download\",\"https://shop.example/a.pdf\",\"\",1,1\n");

    Map<String, String> afterRetention;
    try (Analytics analytics = open(file, "2026-11-30T12:00:00Z", Duration.ofDays(2))) {
      analytics.jobs().run(Job.RETENTION);
      assertThat(analytics.storage().events().list("shop", Instant.EPOCH,
          Instant.parse("2026-11-25T00:00:00Z"), 0, 10)).isEmpty();
      afterRetention = export(analytics);
    }
    Map<String, String> withoutSources = new LinkedHashMap<>(raw);
    withoutSources.remove("imported_sources");
    withoutSources.put("imported_custom_events", raw.get("imported_custom_events")
        .replace("\"https://shop.example/a.pdf\"", "\"\""));
    assertThat(afterRetention).containsAllEntriesOf(withoutSources);
    assertThat(afterRetention.get("imported_sources")).isEqualTo(
        "\"date\",\"source\",\"referrer\",\"utm_source\",\"utm_medium\",\"utm_campaign\","
            + "\"utm_content\",\"utm_term\",\"pageviews\",\"visitors\",\"visits\","
            + "\"visit_duration\",\"bounces\"\n"
            + "\"2026-11-20\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",1,1,1,960,0\n"
            + "\"2026-11-20\",\"Google\",\"\",\"\",\"\",\"\",\"\",\"\",1,1,1,0,1\n"
            + "\"2026-11-20\",\"news\",\"\",\"\",\"\",\"\",\"\",\"\",2,1,1,300,0\n"
            + "\"2026-11-21\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",1,1,1,960,0\n"
            + "\"2026-11-22\",\"Hacker News\",\"\",\"\",\"\",\"\",\"\",\"\",1,1,1,0,1\n");
  }
}
