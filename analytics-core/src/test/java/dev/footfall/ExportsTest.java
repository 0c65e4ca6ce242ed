package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.Storage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The export's files against the reports of the same days, its streaming, and bad input. */
final class ExportsTest {
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)"
      + " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate FROM = LocalDate.parse("2026-11-20");
  private static final LocalDate TO = LocalDate.parse("2026-11-22");

  private Analytics analytics;

  private Analytics open(Storage storage) {
    analytics = Analytics.builder().storage(storage).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
    analytics.sites().save(Site.of("shop", "shop.example", BERLIN, "Shop", Instant.EPOCH));
    return analytics;
  }

  @AfterEach
  void close() {
    if (analytics != null) {
      analytics.close();
    }
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

  /** Three local days of traffic, a visit across local midnight, an event on the third. */
  private void traffic() {
    // 2026-11-20 (Berlin): 23:30 UTC on the 19th is already the 20th locally
    pageview("A", "2026-11-19T23:30:00Z", "/?utm_source=news&utm_medium=email&utm_campaign=nov",
        "DE");
    pageview("A", "2026-11-19T23:35:00Z", "/pricing", "DE");
    track(TrackRequest.event("shop", "Signup", "https://shop.example/pricing"), "A",
        "2026-11-19T23:36:00Z", CHROME, "DE");
    track(TrackRequest.engagement("shop", "https://shop.example/pricing", 80,
        Duration.ofSeconds(42)), "A", "2026-11-19T23:37:00Z", CHROME, "DE");
    track(TrackRequest.pageview("shop", "https://shop.example/blog/a").referrer(
        "https://www.google.com/"), "B", "2026-11-20T10:00:00Z", IPHONE, "FR");
    pageview("C", "2026-11-20T11:00:00Z", "/", "");
    pageview("C", "2026-11-20T11:10:00Z", "/blog/\"quoted\",comma", "");
    // a visit across local midnight (22:50 UTC = 23:50 Berlin on the 20th, then the 21st)
    pageview("D", "2026-11-20T22:50:00Z", "/", "US");
    pageview("D", "2026-11-20T23:05:00Z", "/pricing", "US");
    // 2026-11-22
    track(TrackRequest.pageview("shop", "https://shop.example/").referrer(
        "https://news.ycombinator.com/item?id=1"), "E", "2026-11-22T09:00:00Z", IPHONE, "GB");
    track(TrackRequest.event("shop", "Download", "https://shop.example/"), "E",
        "2026-11-22T09:00:20Z", IPHONE, "GB");
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
  }

  private Map<String, List<List<String>>> export(DateRange range) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    analytics.exports().write("shop", range, out);
    return unzip(out.toByteArray());
  }

  static Map<String, List<List<String>>> unzip(byte[] zip) throws IOException {
    Map<String, List<List<String>>> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip),
        StandardCharsets.UTF_8)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    return files;
  }

  /** Parses CSV as ClickHouse writes it; a quoted cell keeps its quotes, so types can be told. */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    assertThat(text).endsWith("\n");
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
          cell.append('"');
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        cell.append('"');
      } else if (c == ',' || c == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        if (c == '\n') {
          rows.add(row);
          row = new ArrayList<>();
        }
      } else {
        cell.append(c);
      }
    }
    return rows;
  }

  private static String q(Object value) {
    return "\"" + value + "\"";
  }

  /** Returns the rows of a file as maps from column to cell, quotes removed. */
  private static List<Map<String, String>> records(List<List<String>> file) {
    List<Map<String, String>> records = new ArrayList<>();
    List<String> header = file.get(0);
    for (List<String> row : file.subList(1, file.size())) {
      Map<String, String> record = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        String cell = row.get(i);
        record.put(header.get(i).replace("\"", ""), cell.startsWith("\"")
            ? cell.substring(1, cell.length() - 1) : cell);
      }
      records.add(record);
    }
    return records;
  }

  private static long rate(String bounces, String visits) {
    return ratio(100 * Long.parseLong(bounces), Long.parseLong(visits));
  }

  private static long ratio(long dividend, long divisor) {
    return divisor == 0 ? 0 : BigDecimal.valueOf(dividend)
        .divide(BigDecimal.valueOf(divisor), 0, RoundingMode.HALF_UP).longValue();
  }

  private static ReportQuery.Builder day(LocalDate day) {
    return ReportQuery.builder("shop").period(Period.custom(day, day))
        .metrics(Metric.VISITORS, Metric.VISITS, Metric.PAGEVIEWS, Metric.EVENTS,
            Metric.BOUNCE_RATE, Metric.VISIT_DURATION).limit(ReportQuery.MAX_LIMIT);
  }

  @Test
  void write_filesAndHeaderRowsArePlausibles() throws IOException {
    open(InMemoryStorage.create());
    traffic();

    Map<String, List<List<String>>> files = export(new DateRange(FROM, TO));

    assertThat(files.keySet()).containsExactly(
        "imported_visitors_20261120_20261122.csv",
        "imported_sources_20261120_20261122.csv",
        "imported_pages_20261120_20261122.csv",
        "imported_entry_pages_20261120_20261122.csv",
        "imported_exit_pages_20261120_20261122.csv",
        "imported_custom_events_20261120_20261122.csv",
        "imported_locations_20261120_20261122.csv",
        "imported_devices_20261120_20261122.csv",
        "imported_browsers_20261120_20261122.csv",
        "imported_operating_systems_20261120_20261122.csv");
    Map<String, String> headers = new LinkedHashMap<>();
    files.forEach((name, rows) -> headers.put(name.substring(0, name.length() - 22),
        String.join(",", rows.get(0))));
    // Plausible's lib/plausible/exports.ex, the columns of each export query in order
    assertThat(headers).containsExactlyInAnyOrderEntriesOf(Map.of(
        "imported_visitors",
        "\"date\",\"visitors\",\"pageviews\",\"bounces\",\"visits\",\"visit_duration\"",
        "imported_sources",
        "\"date\",\"source\",\"referrer\",\"utm_source\",\"utm_medium\",\"utm_campaign\","
            + "\"utm_content\",\"utm_term\",\"pageviews\",\"visitors\",\"visits\","
            + "\"visit_duration\",\"bounces\"",
        "imported_pages",
        "\"date\",\"hostname\",\"page\",\"visits\",\"visitors\",\"pageviews\","
            + "\"total_scroll_depth\",\"total_scroll_depth_visits\",\"total_time_on_page\","
            + "\"total_time_on_page_visits\"",
        "imported_entry_pages",
        "\"date\",\"entry_page\",\"visitors\",\"entrances\",\"visit_duration\",\"bounces\","
            + "\"pageviews\"",
        "imported_exit_pages",
        "\"date\",\"exit_page\",\"visitors\",\"visit_duration\",\"exits\",\"bounces\","
            + "\"pageviews\"",
        "imported_custom_events",
        "\"date\",\"name\",\"link_url\",\"path\",\"visitors\",\"events\"",
        "imported_locations",
        "\"date\",\"country\",\"region\",\"city\",\"visitors\",\"visits\",\"visit_duration\","
            + "\"bounces\",\"pageviews\"",
        "imported_devices",
        "\"date\",\"device\",\"visitors\",\"visits\",\"visit_duration\",\"bounces\","
            + "\"pageviews\"",
        "imported_browsers",
        "\"date\",\"browser\",\"browser_version\",\"visitors\",\"visits\",\"visit_duration\","
            + "\"bounces\",\"pageviews\"",
        "imported_operating_systems",
        "\"date\",\"operating_system\",\"operating_system_version\",\"visitors\",\"visits\","
            + "\"visit_duration\",\"bounces\",\"pageviews\""));
    // strings and dates quoted (a quote doubled), numbers bare; days without events have no rows
    assertThat(files.get("imported_visitors_20261120_20261122.csv").subList(1, 4))
        .extracting(row -> row.get(0))
        .containsExactly(q("2026-11-20"), q("2026-11-21"), q("2026-11-22"));
    assertThat(files.get("imported_pages_20261120_20261122.csv"))
        .contains(List.of(q("2026-11-20"), q("shop.example"), q("/blog/\"quoted\",comma"),
            "1", "1", "1", "0", "0", "0", "0"));
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    analytics.exports().write("shop", new DateRange(FROM, TO), zip);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
      in.getNextEntry();
      in.getNextEntry();
      in.getNextEntry();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("\n\"2026-11-20\",\"shop.example\",\"/blog/\"\"quoted\"\",comma\","
              + "1,1,1,0,0,0,0\n");
    }
  }

  @Test
  void write_visitorsFileEqualsEachDaysOverview() throws IOException {
    open(InMemoryStorage.create());
    traffic();

    List<Map<String, String>> rows = records(
        export(new DateRange(FROM, TO)).get("imported_visitors_20261120_20261122.csv"));

    assertThat(rows).hasSize(3);
    for (Map<String, String> row : rows) {
      LocalDate day = LocalDate.parse(row.get("date"));
      Map<Metric, MetricValue> overview = analytics.reports().aggregate(day(day).build())
          .metrics();
      assertThat(Long.parseLong(row.get("visitors")))
          .isEqualTo(overview.get(Metric.VISITORS).value());
      assertThat(Long.parseLong(row.get("visits"))).isEqualTo(overview.get(Metric.VISITS).value());
      assertThat(Long.parseLong(row.get("pageviews")))
          .isEqualTo(overview.get(Metric.PAGEVIEWS).value());
      assertThat(rate(row.get("bounces"), row.get("visits")))
          .isEqualTo(overview.get(Metric.BOUNCE_RATE).value());
      assertThat(ratio(Long.parseLong(row.get("visit_duration")),
          Long.parseLong(row.get("visits"))))
          .isEqualTo(overview.get(Metric.VISIT_DURATION).value());
    }
    // hand-counted: on the 20th A (3 events, not a bounce, 360 s), B and C (bounce / 600 s),
    // D (2 pageviews across midnight, 900 s)
    assertThat(rows.get(0)).containsExactlyInAnyOrderEntriesOf(Map.of("date", "2026-11-20",
        "visitors", "4", "pageviews", "6", "bounces", "1", "visits", "4",
        "visit_duration", "1860"));
  }

  @Test
  void write_breakdownFilesEqualEachDaysBreakdown() throws IOException {
    open(InMemoryStorage.create());
    traffic();
    Map<String, List<List<String>>> files = export(new DateRange(FROM, TO));
    record Check(String file, String column, Dimension dimension, String visits) {}
    List<Check> checks = List.of(
        new Check("imported_pages", "page", Dimension.PAGE, "visits"),
        new Check("imported_entry_pages", "entry_page", Dimension.ENTRY_PAGE, "entrances"),
        new Check("imported_exit_pages", "exit_page", Dimension.EXIT_PAGE, "exits"),
        new Check("imported_locations", "country", Dimension.COUNTRY, "visits"),
        new Check("imported_devices", "device", Dimension.DEVICE, "visits"),
        new Check("imported_browsers", "browser", Dimension.BROWSER, "visits"),
        new Check("imported_operating_systems", "operating_system", Dimension.OS, "visits"),
        new Check("imported_custom_events", "name", Dimension.EVENT_NAME, null));

    for (Check check : checks) {
      List<Map<String, String>> rows = records(files.get(check.file() + "_20261120_20261122.csv"));
      int compared = 0;
      for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
        String date = day.toString();
        List<BreakdownReport.Row> report = analytics.reports()
            .breakdown(day(day).breakdown(check.dimension()).build()).results().stream()
            .filter(r -> !(check.dimension().equals(Dimension.EVENT_NAME)
                && r.value().equals("pageview")))
            .filter(r -> !(check.dimension().equals(Dimension.COUNTRY)
                && r.value().equals("(none)")))
            .toList();
        List<Map<String, String>> exported = rows.stream()
            .filter(r -> r.get("date").equals(date)).toList();
        assertThat(exported).as(check.file() + " " + date).hasSize(report.size());
        for (int i = 0; i < report.size(); i++) {
          BreakdownReport.Row expected = report.get(i);
          Map<String, String> row = exported.get(i);
          String value = row.get(check.column());
          assertThat(value.isEmpty() ? check.dimension().emptyLabel()
              : check.dimension().equals(Dimension.DEVICE) ? value.toLowerCase() : value)
              .as(check.file()).isEqualTo(expected.value());
          Map<Metric, Number> m = expected.metrics();
          assertThat(Long.parseLong(row.get("visitors"))).isEqualTo(m.get(Metric.VISITORS));
          if (check.visits() == null) {
            assertThat(Long.parseLong(row.get("events"))).isEqualTo(m.get(Metric.EVENTS));
          } else {
            String visits = row.get(check.visits());
            assertThat(Long.parseLong(visits)).isEqualTo(m.get(Metric.VISITS));
            assertThat(Long.parseLong(row.get("pageviews"))).isEqualTo(m.get(Metric.PAGEVIEWS));
          }
          if (row.containsKey("bounces")) {
            assertThat(rate(row.get("bounces"), row.get(check.visits())))
                .isEqualTo(m.get(Metric.BOUNCE_RATE));
            assertThat(ratio(Long.parseLong(row.get("visit_duration")),
                Long.parseLong(row.get(check.visits())))).isEqualTo(m.get(Metric.VISIT_DURATION));
          }
          compared++;
        }
      }
      assertThat(compared).as(check.file()).isPositive();
    }
    assertThat(records(files.get("imported_devices_20261120_20261122.csv")))
        .extracting(r -> r.get("device")).contains("Desktop", "Mobile");
    assertThat(records(files.get("imported_custom_events_20261120_20261122.csv")))
        .extracting(r -> r.get("date") + " " + r.get("name") + " " + r.get("link_url") + "|"
            + r.get("path"))
        .containsExactly("2026-11-20 Signup |", "2026-11-22 Download |");
    // the engagement on /pricing: one visitor, 80 % deep, 42 s
    assertThat(records(files.get("imported_pages_20261120_20261122.csv")))
        .filteredOn(r -> r.get("date").equals("2026-11-20") && r.get("page").equals("/pricing"))
        .singleElement().satisfies(r -> assertThat(r).containsAllEntriesOf(Map.of(
            "hostname", "shop.example", "total_scroll_depth", "80",
            "total_scroll_depth_visits", "1", "total_time_on_page", "42",
            "total_time_on_page_visits", "1")));
  }

  @Test
  void write_sourcesKeepEachVisitsSourceReferrerAndUtmTogether() throws IOException {
    open(InMemoryStorage.create());
    traffic();

    List<Map<String, String>> rows = records(export(new DateRange(FROM, TO))
        .get("imported_sources_20261120_20261122.csv"));

    assertThat(rows).extracting(r -> String.join("|", r.get("date"), r.get("source"),
            r.get("referrer"), r.get("utm_source"), r.get("utm_medium"), r.get("utm_campaign"),
            r.get("visitors"), r.get("visits"), r.get("pageviews"), r.get("bounces"),
            r.get("visit_duration")))
        .containsExactly(
            "2026-11-20||||||2|2|3|0|1500",
            "2026-11-20|Google|google.com||||1|1|1|1|0",
            "2026-11-20|news||news|email|nov|1|1|2|0|360",
            "2026-11-21||||||1|1|1|0|900",
            "2026-11-22|Hacker News|news.ycombinator.com/item||||1|1|1|0|20");
    // per day, the sources add up to the day's source breakdown
    for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
      String date = day.toString();
      Map<String, Long> exported = new LinkedHashMap<>();
      rows.stream().filter(r -> r.get("date").equals(date)).forEach(r -> exported.merge(
          r.get("source").isEmpty() ? "Direct / None" : r.get("source"),
          Long.parseLong(r.get("visits")), Long::sum));
      Map<String, Long> reported = new LinkedHashMap<>();
      analytics.reports().breakdown(day(day).breakdown(Dimension.SOURCE).build()).results()
          .forEach(r -> reported.put(r.value(), r.metrics().get(Metric.VISITS).longValue()));
      assertThat(exported).as(date).isEqualTo(reported);
    }
  }

  @Test
  void write_plausiblesLinkAnd404GoalsKeepTheirUrlOrPath() throws IOException {
    open(InMemoryStorage.create());
    track(TrackRequest.event("shop", "Outbound Link: Click", "https://shop.example/")
        .prop("url", "https://a.example/x"), "A", "2026-11-20T10:00:00Z", CHROME, "DE");
    track(TrackRequest.event("shop", "Outbound Link: Click", "https://shop.example/")
        .prop("url", "https://a.example/x"), "B", "2026-11-20T10:01:00Z", CHROME, "DE");
    track(TrackRequest.event("shop", "Outbound Link: Click", "https://shop.example/")
        .prop("url", "https://b.example/"), "A", "2026-11-20T10:02:00Z", CHROME, "DE");
    track(TrackRequest.event("shop", "404", "https://shop.example/gone")
        .prop("path", "/gone"), "C", "2026-11-20T10:03:00Z", CHROME, "DE");
    track(TrackRequest.event("shop", "Signup", "https://shop.example/")
        .prop("url", "https://ignored.example/"), "C", "2026-11-20T10:04:00Z", CHROME, "DE");
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();

    List<Map<String, String>> rows = records(export(new DateRange(FROM, FROM))
        .get("imported_custom_events_20261120_20261120.csv"));

    assertThat(rows).extracting(r -> String.join("|", r.get("name"), r.get("link_url"),
            r.get("path"), r.get("visitors"), r.get("events")))
        .containsExactlyInAnyOrder(
            "Outbound Link: Click|https://a.example/x||2|2",
            "Outbound Link: Click|https://b.example/||1|1",
            "404||/gone|1|1",
            "Signup|||1|1");
  }

  /** What an export did, in order: store reads and writes to the stream. */
  private static final class Recorder {
    final List<String> log = new ArrayList<>();
    long bytes;

    AggregateStore store(AggregateStore target) {
      return Delegating.of(AggregateStore.class, target, method -> {
        log.add("read " + method + " after " + bytes + " bytes");
        return null;
      });
    }

    OutputStream out() {
      return new OutputStream() {
        @Override
        public void write(int b) {
          bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
          bytes += len;
        }
      };
    }
  }

  @Test
  void write_streamsDayByDayAsItReads() throws IOException {
    Storage storage = InMemoryStorage.create();
    open(storage);
    // 30 days of 300 pages a day whose paths do not compress away
    LocalDate first = LocalDate.parse("2026-09-01");
    int days = 30;
    java.util.Random random = new java.util.Random(7);
    for (int d = 0; d < days; d++) {
      for (int v = 0; v < 300; v++) {
        pageview("v" + d + "-" + v, first.plusDays(d).atTime(8 + v / 60, v % 60)
            .atZone(BERLIN).toInstant().toString(), "/p/" + Long.toHexString(random.nextLong())
            + Long.toHexString(random.nextLong()), "DE");
      }
    }
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
    Recorder recorder = new Recorder();
    Exports exports = new Exports(analytics.sites(), recorder.store(storage.aggregates()),
        Clock.fixed(NOW, ZoneOffset.UTC));

    exports.write("shop", new DateRange(first, first.plusDays(days - 1)), recorder.out());

    // the pages file is read one day at a time (it is the first file read by daily breakdowns),
    // and its compressed bytes reach the stream between those reads, from the first days on: it
    // is not gathered in memory first
    List<Long> pages = recorder.log.stream().filter(l -> l.startsWith("read breakdown"))
        .limit(days).map(l -> Long.parseLong(l.replaceAll(".* after (\\d+) bytes", "$1")))
        .toList();
    assertThat(pages).hasSize(days).isSorted();
    assertThat(pages.get(days / 2)).isGreaterThan(pages.get(0));
    assertThat(pages.stream().distinct().count()).isGreaterThan(5);
    assertThat(recorder.log.stream().filter(l -> l.startsWith("read breakdown")).count())
        .isGreaterThanOrEqualTo(days * 7L);
    assertThat(recorder.bytes).isGreaterThan(pages.get(days - 1));
  }

  @Test
  void write_refusesARangeOfMoreThanTenYearsAndAnUnknownSite() {
    open(InMemoryStorage.create());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(() -> analytics.exports().write("shop",
        new DateRange(LocalDate.parse("2016-01-01"), LocalDate.parse("2026-01-01")), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an export covers at most 3653 days (10 years) but 2016-01-01 to 2026-01-01"
            + " is 3654 days");
    assertThatThrownBy(() -> analytics.exports().write("nope",
        new DateRange(FROM, TO), out))
        .isInstanceOf(UnknownSiteException.class);
    assertThatThrownBy(() -> new DateRange(TO, FROM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("end date 2026-11-20 is before start date 2026-11-22");
    assertThat(out.size()).isZero();
  }

  @Test
  void fileName_isTheDomainAndTheRange() {
    open(InMemoryStorage.create());

    assertThat(analytics.exports().fileName("shop", new DateRange(FROM, TO)))
        .isEqualTo("shop_example_20261120_20261122.zip");
    assertThat(analytics.exports().range("shop", Period.parse("7d")))
        .isEqualTo(new DateRange(LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-24")));
  }

  @Test
  void write_anEmptyRangeHasOnlyHeaderRows() throws IOException {
    open(InMemoryStorage.create());

    Map<String, List<List<String>>> files = export(new DateRange(FROM, FROM));

    assertThat(files).hasSize(10).allSatisfy((name, rows) -> assertThat(rows).hasSize(1));
  }
}
