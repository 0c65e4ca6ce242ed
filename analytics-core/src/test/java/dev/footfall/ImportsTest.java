package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.memory.InMemoryStorage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Imports from Plausible's CSV export: an export of Footfall's own read back into another site, a
 * file written by hand from Plausible's layout, and files that are refused whole.
 */
final class ImportsTest {
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)"
      + " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate FROM = LocalDate.parse("2026-11-20");
  private static final LocalDate TO = LocalDate.parse("2026-11-22");
  private static final List<Metric> METRICS = List.of(Metric.VISITORS, Metric.VISITS,
      Metric.PAGEVIEWS, Metric.BOUNCE_RATE, Metric.VISIT_DURATION, Metric.VIEWS_PER_VISIT);

  private Analytics analytics;

  @BeforeEach
  void open() {
    analytics = Analytics.builder().storage(InMemoryStorage.create())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    analytics.sites().save(Site.of("shop", "shop.example", BERLIN, "Shop", Instant.EPOCH));
    analytics.sites().save(Site.of("moved", "moved.example", BERLIN, "Moved", Instant.EPOCH));
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  private void track(TrackRequest.Builder request, String visitor, String at, String agent,
      String country) {
    analytics.tracker().track(request.visitorId(visitor).timestamp(Instant.parse(at))
        .context(RequestContext.of("203.0.113.9", agent).withCountry(country)).build());
  }

  private void pageview(String visitor, String at, String url, String country) {
    track(TrackRequest.pageview("shop", "https://shop.example" + url), visitor, at, CHROME,
        country);
  }

  /** Three local days of traffic in Berlin, no visit across midnight. */
  private void traffic() {
    pageview("A", "2026-11-19T23:30:00Z", "/?utm_source=news&utm_medium=email", "DE");
    pageview("A", "2026-11-19T23:35:00Z", "/pricing", "DE");
    track(TrackRequest.event("shop", "Signup", "https://shop.example/pricing"), "A",
        "2026-11-19T23:36:00Z", CHROME, "DE");
    track(TrackRequest.pageview("shop", "https://shop.example/blog/a").referrer(
        "https://www.google.com/"), "B", "2026-11-20T10:00:00Z", IPHONE, "FR");
    pageview("C", "2026-11-20T11:00:00Z", "/", "");
    pageview("C", "2026-11-20T11:10:00Z", "/blog/a", "");
    pageview("D", "2026-11-20T15:00:00Z", "/", "US");
    track(TrackRequest.pageview("shop", "https://shop.example/").referrer(
        "https://news.ycombinator.com/item?id=1"), "E", "2026-11-22T09:00:00Z", IPHONE, "GB");
    pageview("E", "2026-11-22T09:04:00Z", "/pricing", "GB");
    track(TrackRequest.event("shop", "Download", "https://shop.example/"), "E",
        "2026-11-22T09:05:20Z", IPHONE, "GB");
    pageview("F", "2026-11-22T12:00:00Z", "/blog/a", "DE");
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
  }

  private static ReportQuery.Builder query(String site, LocalDate from, LocalDate to) {
    return ReportQuery.builder(site).period(Period.custom(from, to)).metrics(METRICS)
        .limit(ReportQuery.MAX_LIMIT);
  }

  private Map<Metric, Number> aggregate(ReportQuery.Builder query) {
    Map<Metric, Number> values = new LinkedHashMap<>();
    analytics.reports().aggregate(query.build()).metrics()
        .forEach((metric, value) -> values.put(metric, value.value()));
    return values;
  }

  private List<BreakdownReport.Row> breakdown(String site, Dimension dimension) {
    return analytics.reports().breakdown(query(site, FROM, TO).breakdown(dimension).build())
        .results();
  }

  @Test
  void exportImportedIntoAnotherSite_reportsTheSameNumbers() throws IOException {
    traffic();
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    analytics.exports().write("shop", new DateRange(FROM, TO), zip);

    SiteImport imported = analytics.imports().importPlausible("moved", "shop.zip",
        new ByteArrayInputStream(zip.toByteArray()));

    assertThat(imported.range()).isEqualTo(new DateRange(FROM, TO));
    assertThat(imported.source()).isEqualTo("shop.zip");
    assertThat(analytics.imports().list("moved")).containsExactly(imported);
    assertThat(aggregate(query("moved", FROM, TO))).isEqualTo(aggregate(query("shop", FROM, TO)))
        .containsEntry(Metric.VISITORS, 6L);
    for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
      assertThat(aggregate(query("moved", day, day))).as(day.toString())
          .isEqualTo(aggregate(query("shop", day, day)));
    }
    for (Dimension dimension : List.of(Dimension.PAGE, Dimension.SOURCE, Dimension.COUNTRY,
        Dimension.ENTRY_PAGE, Dimension.DEVICE, Dimension.BROWSER, Dimension.UTM_SOURCE)) {
      // Plausible's layout leaves out visits without a country, so "(none)" cannot come back
      List<BreakdownReport.Row> own = breakdown("shop", dimension).stream()
          .filter(row -> !dimension.equals(Dimension.COUNTRY)
              || !row.value().equals(dimension.emptyLabel()))
          .toList();
      assertThat(own).as(dimension.key()).isNotEmpty();
      List<BreakdownReport.Row> moved = breakdown("moved", dimension);
      assertThat(moved).as(dimension.key()).hasSameSizeAs(own);
      for (int i = 0; i < own.size(); i++) {
        assertThat(moved.get(i).value()).as(dimension.key()).isEqualTo(own.get(i).value());
        for (Metric metric : List.of(Metric.VISITORS, Metric.VISITS, Metric.PAGEVIEWS)) {
          assertThat(moved.get(i).metrics().get(metric)).as(dimension.key() + " "
              + own.get(i).value() + " " + metric.key())
              .isEqualTo(own.get(i).metrics().get(metric));
        }
      }
    }
    TimeseriesReport days = analytics.reports().timeseries(query("moved", FROM, TO)
        .interval(Interval.DAY).build());
    assertThat(days.results()).extracting(p -> p.metrics().get(Metric.VISITORS))
        .containsExactly(4L, 0L, 2L);
    assertThat(days.imported()).isEqualTo(new ImportedData(3, Optional.empty()));
    assertThat(analytics.reports().aggregate(query("shop", FROM, TO).build()).imported())
        .isEqualTo(ImportedData.NONE);
  }

  @Test
  void aDayWithEventsOfItsOwn_showsThoseOnly() throws IOException {
    analytics.imports().importPlausible("moved", "plausible.zip", handMade());
    assertThat(aggregate(query("moved", FROM, TO))).containsEntry(Metric.VISITORS, 30L);

    track(TrackRequest.pageview("moved", "https://moved.example/"), "Z", "2026-11-21T10:00:00Z",
        CHROME, "DE");
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();

    // the 21st (10 imported visitors) now counts its own one visitor instead
    assertThat(aggregate(query("moved", FROM, TO))).containsEntry(Metric.VISITORS, 21L);
    assertThat(analytics.reports().aggregate(query("moved", FROM, TO).build()).imported().days())
        .isEqualTo(2);
  }

  @Test
  void handMadePlausibleFile_imports() throws IOException {
    SiteImport imported = analytics.imports().importPlausible("moved", "plausible.zip",
        handMade());

    assertThat(imported.range()).isEqualTo(new DateRange(FROM, TO));
    assertThat(aggregate(query("moved", FROM, TO))).containsEntry(Metric.VISITORS, 30L)
        .containsEntry(Metric.VISITS, 36L).containsEntry(Metric.PAGEVIEWS, 80L)
        // 12 bounces of 36 visits; 1,800 s over 36 visits
        .containsEntry(Metric.BOUNCE_RATE, 33L).containsEntry(Metric.VISIT_DURATION, 50L);
    assertThat(breakdown("moved", Dimension.PAGE))
        .extracting(BreakdownReport.Row::value, r -> r.metrics().get(Metric.PAGEVIEWS))
        .containsExactly(Tuple.tuple("/", 50L),
            Tuple.tuple("/blog, \"quoted\"", 30L));
    assertThat(breakdown("moved", Dimension.SOURCE))
        .extracting(BreakdownReport.Row::value, r -> r.metrics().get(Metric.VISITORS))
        .containsExactly(Tuple.tuple("Google", 18L),
            Tuple.tuple(Dimension.SOURCE.emptyLabel(), 12L));
    assertThat(breakdown("moved", Dimension.DEVICE)).extracting(BreakdownReport.Row::value)
        .containsExactly("desktop", "mobile");
    assertThat(breakdown("moved", Dimension.EVENT_NAME))
        .extracting(BreakdownReport.Row::value, r -> r.metrics().get(Metric.VISITORS))
        .containsExactly(Tuple.tuple("pageview", 30L),
            Tuple.tuple("Outbound Link: Click", 3L));
    assertThat(aggregate(query("moved", FROM, TO).filter(Filter.is(Dimension.PAGE, "/"))))
        .containsEntry(Metric.PAGEVIEWS, 50L);
    // all time starts at the earliest import when the site has no earlier events
    ReportQuery allTime = ReportQuery.builder("moved").period(Period.parse("all"))
        .metrics(Metric.VISITORS).build();
    assertThat(analytics.reports().aggregate(allTime).range())
        .isEqualTo(new DateRange(FROM, LocalDate.ofInstant(NOW, BERLIN)));
    assertThat(analytics.reports().aggregate(allTime).metrics().get(Metric.VISITORS).value())
        .isEqualTo(30L);

    ReportQuery filtered = query("moved", FROM, TO).filter(Filter.is(Dimension.PAGE, "/"))
        .breakdown(Dimension.SOURCE).build();
    assertThat(analytics.reports().breakdown(filtered).imported().skipped()).hasValueSatisfying(
        reason -> assertThat(reason).contains("filtered only by one value"));
    assertThat(analytics.reports().timeseries(query("moved", FROM, FROM)
        .interval(Interval.HOUR).build()).imported().skipped()).isPresent();
  }

  @Test
  void groups_addImportedStatsToOneDimensionOrTime_andQueriesCanLeaveThemOut() throws IOException {
    analytics.imports().importPlausible("moved", "plausible.zip", handMade());
    ReportQuery query = query("moved", FROM, TO).build();

    GroupsReport pages = analytics.reports().groups(query, List.of(Dimension.PAGE),
        Optional.empty());
    assertThat(pages.rows()).extracting(r -> r.values().get(0),
        r -> r.metrics().get(Metric.PAGEVIEWS))
        .containsExactly(Tuple.tuple("/", 50L), Tuple.tuple("/blog, \"quoted\"", 30L));
    assertThat(pages.imported().days()).isEqualTo(3);
    GroupsReport days = analytics.reports().groups(query, List.of(), Optional.of(Interval.DAY));
    assertThat(days.rows()).extracting(r -> r.metrics().get(Metric.VISITORS))
        .containsExactly(12L, 10L, 8L);
    GroupsReport two = analytics.reports().groups(query, List.of(Dimension.PAGE,
        Dimension.SOURCE), Optional.empty());
    assertThat(two.rows()).isEmpty();
    assertThat(two.imported().skipped()).hasValue(
        "imported stats have no breakdown by several dimensions");

    ReportQuery without = query("moved", FROM, TO).imports(false).build();
    assertThat(analytics.reports().aggregate(without).metrics().get(Metric.VISITORS).value())
        .isEqualTo(0L);
    assertThat(analytics.reports().aggregate(without).imported()).isEqualTo(ImportedData.NONE);
    assertThat(analytics.reports().groups(without, List.of(), Optional.empty()).rows()).isEmpty();
  }

  @Test
  void aBrokenLine_refusesTheWholeArchiveNamingIt() throws IOException {
    Map<String, String> files = handMadeFiles();
    files.put("imported_pages_20261120_20261122.csv", files.get(
        "imported_pages_20261120_20261122.csv").replace("\"2026-11-21\",\"plausible.io\",\"/\",6",
        "\"2026-11-21\",\"plausible.io\",\"/\",six"));

    assertThatThrownBy(() -> analytics.imports().importPlausible("moved", "x.zip", zip(files)))
        .isInstanceOfSatisfying(InvalidImportException.class, e -> {
          assertThat(e).hasMessage("imported_pages_20261120_20261122.csv line 3, column visits:"
              + " \"six\" is not a whole number of at most 18 digits");
          assertThat(e.file()).hasValue("imported_pages_20261120_20261122.csv");
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.column()).hasValue("visits");
        });
    assertThat(analytics.imports().list("moved")).isEmpty();
    assertThat(aggregate(query("moved", FROM, TO))).containsEntry(Metric.VISITORS, 0L);
  }

  @Test
  void badArchives_areRefusedWithWhatIsWrong() throws IOException {
    Map<String, String> quote = handMadeFiles();
    quote.put("imported_devices_20261120_20261122.csv",
        "\"date\",\"device\",\"visitors\",\"visits\",\"visit_duration\",\"bounces\"\n"
            + "\"2026-11-20\",\"Desktop,8,8,0,0\n");
    Map<String, String> column = handMadeFiles();
    column.put("imported_locations_20261120_20261122.csv",
        "\"date\",\"country\",\"visitors\",\"visits\",\"bounces\"\n");
    Map<String, String> outside = handMadeFiles();
    outside.put("imported_browsers_20261120_20261122.csv", "\"date\",\"browser\",\"visitors\","
        + "\"visits\",\"visit_duration\",\"bounces\"\n\"2026-11-23\",\"Chrome\",1,1,0,1\n");
    Map<String, String> noVisitors = handMadeFiles();
    noVisitors.remove("imported_visitors_20261120_20261122.csv");
    Map<String, String> twice = handMadeFiles();
    twice.put("imported_visitors_20261122_20261123.csv", "\"date\",\"visitors\",\"pageviews\","
        + "\"bounces\",\"visits\",\"visit_duration\"\n\"2026-11-23\",1,1,1,1,0\n"
        + "\"2026-11-22\",1,1,1,1,0\n");
    Map<String, String> early = handMadeFiles();
    early.put("imported_devices.csv", "\"date\",\"device\",\"visitors\",\"visits\","
        + "\"visit_duration\",\"bounces\"\n\"1969-12-31\",\"Desktop\",1,1,0,1\n");
    Map<String, String> endless = handMadeFiles();
    endless.put("imported_pages_20261120_20261122.csv", "\"date\",\"hostname\",\"page\","
        + "\"visitors\",\"pageviews\"\n\"2026-11-20\",\"a.example\",\"/" + "x".repeat(2000)
        + "\",1,1\n");

    assertThatThrownBy(() -> analytics.imports().importPlausible("moved", "x", zip(quote)))
        .hasMessage("imported_devices_20261120_20261122.csv line 2: a quoted field is not closed");
    assertThatThrownBy(() -> analytics.imports().importPlausible("moved", "x", zip(column)))
        .hasMessage("imported_locations_20261120_20261122.csv line 1, column visit_duration:"
            + " the header has no such column");
    assertThatThrownBy(() -> analytics.imports().importPlausible("moved", "x", zip(outside)))
        .hasMessage("imported_browsers_20261120_20261122.csv line 2, column date: 2026-11-23 is"
            + " outside the file name's dates 2026-11-20 to 2026-11-22");
    assertThatThrownBy(() -> analytics.imports().importPlausible("moved", "x", zip(noVisitors)))
        .isInstanceOf(InvalidImportException.class).hasMessageContaining("no imported_visitors");
    assertThatThrownBy(() -> analytics.imports().importPlausible("moved", "x", zip(twice)))
        .hasMessage("imported_visitors_20261122_20261123.csv line 3, column date: 2026-11-22 has"
            + " a row already in the archive's imported_visitors files");
    assertThatThrownBy(() -> analytics.imports().importPlausible("moved", "x", zip(early)))
        .hasMessage("imported_devices.csv line 2, column date: 1969-12-31 is outside the days"
            + " Footfall reports, 1970-01-01 to 2199-12-31");
    assertThatThrownBy(() -> analytics.imports().importPlausible("moved", "x", zip(endless)))
        .hasMessage("imported_pages_20261120_20261122.csv line 2: a field is longer than 2000"
            + " characters");
    assertThatThrownBy(() -> analytics.imports().importPlausible("moved", "x",
        new ByteArrayInputStream("date,visitors\n".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(InvalidImportException.class)
        .hasMessage("the archive: is not a ZIP archive, or an empty one");
    assertThatThrownBy(() -> analytics.imports().importPlausible("nope", "x", handMade()))
        .isInstanceOf(UnknownSiteException.class);
    assertThat(analytics.imports().list("moved")).isEmpty();

    SiteImport first = analytics.imports().importPlausible("moved", "x", handMade());
    assertThatThrownBy(() -> analytics.imports().importPlausible("moved", "again", handMade()))
        .isInstanceOf(InvalidImportException.class)
        .hasMessageContaining("overlap import " + first.id());
    assertThat(analytics.imports().list("moved")).containsExactly(first);
  }

  @Test
  void deletingAnImport_removesItsStatsAtOnce() throws IOException {
    SiteImport imported = analytics.imports().importPlausible("moved", "x", handMade());
    assertThat(analytics.imports().delete("shop", imported.id())).isFalse();
    assertThat(aggregate(query("moved", FROM, TO))).containsEntry(Metric.VISITORS, 30L);

    assertThat(analytics.imports().delete("moved", imported.id())).isTrue();

    assertThat(analytics.imports().list("moved")).isEmpty();
    assertThat(aggregate(query("moved", FROM, TO))).containsEntry(Metric.VISITORS, 0L);
    assertThat(analytics.reports().aggregate(query("moved", FROM, TO).build()).imported())
        .isEqualTo(ImportedData.NONE);
    assertThat(analytics.imports().delete("moved", imported.id())).isFalse();
  }

  /**
   * Plausible CE's export of three days, written by hand from its documented layout (the columns
   * of each table's CSVWithNames, in its order, with columns Footfall does not read); {@link #zip}
   * puts them in a folder of the archive, with a file that is not a table.
   */
  private static Map<String, String> handMadeFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("imported_visitors_20261120_20261122.csv",
        "\"date\",\"visitors\",\"pageviews\",\"bounces\",\"visits\",\"visit_duration\"\n"
            + "\"2026-11-20\",12,30,4,14,700\n"
            + "\"2026-11-21\",10,25,5,12,500\n"
            + "\"2026-11-22\",8,25,3,10,600\n");
    files.put("imported_pages_20261120_20261122.csv",
        "\"date\",\"hostname\",\"page\",\"visits\",\"visitors\",\"pageviews\","
            + "\"total_scroll_depth\",\"total_scroll_depth_visits\",\"total_time_on_page\","
            + "\"total_time_on_page_visits\"\n"
            + "\"2026-11-20\",\"plausible.io\",\"/\",10,9,20,0,0,0,0\n"
            + "\"2026-11-21\",\"plausible.io\",\"/\",6,6,15,0,0,0,0\n"
            + "\"2026-11-21\",\"plausible.io\",\"/blog, \"\"quoted\"\"\",4,4,10,0,0,0,0\r\n"
            + "\"2026-11-22\",\"plausible.io\",\"/\",8,8,15,0,0,0,0\n"
            + "\"2026-11-22\",\"plausible.io\",\"/blog, \"\"quoted\"\"\",8,8,20,0,0,0,0\n");
    // an older layout: no referrer, utm_source, utm_content or utm_term columns
    files.put("imported_sources_20261120_20261122.csv",
        "\"date\",\"source\",\"utm_medium\",\"utm_campaign\",\"pageviews\",\"visitors\","
            + "\"visits\",\"visit_duration\",\"bounces\"\n"
            + "\"2026-11-20\",\"Google\",\"\",\"\",20,8,9,500,2\n"
            + "\"2026-11-20\",\"\",\"\",\"\",10,4,5,200,2\n"
            + "\"2026-11-21\",\"Google\",\"\",\"\",25,10,12,500,5\n"
            + "\"2026-11-22\",\"\",\"\",\"\",25,8,10,600,3\n");
    files.put("imported_devices_20261120_20261122.csv",
        "\"date\",\"device\",\"visitors\",\"visits\",\"visit_duration\",\"bounces\","
            + "\"pageviews\"\n"
            + "\"2026-11-20\",\"Desktop\",12,14,700,4,30\n"
            + "\"2026-11-21\",\"Mobile\",10,12,500,5,25\n"
            + "\"2026-11-22\",\"Desktop\",8,10,600,3,25\n");
    files.put("imported_custom_events_20261120_20261122.csv",
        "\"date\",\"name\",\"link_url\",\"path\",\"visitors\",\"events\"\n"
            + "\"2026-11-20\",\"Outbound Link: Click\",\"https://a.example/\",\"\",2,3\n"
            + "\"2026-11-22\",\"Outbound Link: Click\",\"https://b.example/\",\"\",1,1\n");
    files.put("imported_locations_20261120_20261122.csv",
        "\"date\",\"country\",\"region\",\"city\",\"visitors\",\"visits\",\"visit_duration\","
            + "\"bounces\",\"pageviews\"\n"
            + "\"2026-11-20\",\"DE\",\"DE-BE\",2950159,12,14,700,4,30\n");
    return files;
  }

  private static ByteArrayInputStream handMade() throws IOException {
    return zip(handMadeFiles());
  }

  private static ByteArrayInputStream zip(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      zip.putNextEntry(new ZipEntry("plausible-export/"));
      zip.closeEntry();
      for (Map.Entry<String, String> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry("plausible-export/" + file.getKey()));
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("plausible-export/README.txt"));
      zip.write("not a table".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }
}
