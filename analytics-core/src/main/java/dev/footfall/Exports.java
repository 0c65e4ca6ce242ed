package dev.footfall;

import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.Counts;
import dev.footfall.spi.EngagementSums;
import dev.footfall.spi.GroupKey;
import dev.footfall.spi.Selection;
import dev.footfall.spi.TimeBuckets;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports a site's stats over a range of days as a ZIP of CSV files in the layout of Plausible's
 * CSV export (Plausible CE's "Export data", which its "Import from CSV" reads back): one file per
 * report, one row per local day (in the site's timezone) and dimension value, with counts and sums
 * rather than rates, so that files of several ranges can be added up and a tool made for
 * Plausible's export reads Footfall's. Obtain it from {@link Analytics#exports()}. Thread-safe.
 *
 * <h2>Layout</h2>
 *
 * <p>Each file is named {@code <table>_<from>_<to>.csv}, the dates as {@code yyyyMMdd} (the range
 * asked for, not the days that have data), and is CSV as ClickHouse's {@code CSVWithNames} writes
 * it: UTF-8, lines ending in {@code \n}, a header row of the column names in double quotes, then
 * strings and dates in double quotes (a {@code "} inside doubled) and numbers bare. Rows are
 * ordered by date; within a date by visitors, most first, then by value. A day without any events
 * has no rows. The files, in this order, and their columns, in this order:
 *
 * <table>
 * <caption>Files and columns</caption>
 * <tr><th>file</th><th>columns</th></tr>
 * <tr><td>{@code imported_visitors}</td><td>{@code date, visitors, pageviews, bounces, visits,
 *     visit_duration}</td></tr>
 * <tr><td>{@code imported_sources}</td><td>{@code date, source, referrer, utm_source, utm_medium,
 *     utm_campaign, utm_content, utm_term, pageviews, visitors, visits, visit_duration,
 *     bounces}</td></tr>
 * <tr><td>{@code imported_pages}</td><td>{@code date, hostname, page, visits, visitors, pageviews,
 *     total_scroll_depth, total_scroll_depth_visits, total_time_on_page,
 *     total_time_on_page_visits}</td></tr>
 * <tr><td>{@code imported_entry_pages}</td><td>{@code date, entry_page, visitors, entrances,
 *     visit_duration, bounces, pageviews}</td></tr>
 * <tr><td>{@code imported_exit_pages}</td><td>{@code date, exit_page, visitors, visit_duration,
 *     exits, bounces, pageviews}</td></tr>
 * <tr><td>{@code imported_custom_events}</td><td>{@code date, name, link_url, path, visitors,
 *     events}</td></tr>
 * <tr><td>{@code imported_locations}</td><td>{@code date, country, region, city, visitors, visits,
 *     visit_duration, bounces, pageviews}</td></tr>
 * <tr><td>{@code imported_devices}</td><td>{@code date, device, visitors, visits, visit_duration,
 *     bounces, pageviews}</td></tr>
 * <tr><td>{@code imported_browsers}</td><td>{@code date, browser, browser_version, visitors,
 *     visits, visit_duration, bounces, pageviews}</td></tr>
 * <tr><td>{@code imported_operating_systems}</td><td>{@code date, operating_system,
 *     operating_system_version, visitors, visits, visit_duration, bounces, pageviews}</td></tr>
 * </table>
 *
 * <h2>Values</h2>
 *
 * <ul>
 *   <li>{@code date}: the local day, ISO ({@code 2026-11-24}).
 *   <li>{@code visitors}, {@code visits}, {@code pageviews}: Footfall's metrics of that day and
 *       value, exactly what {@link Reports#breakdown} (or, for {@code imported_visitors}, {@link
 *       Reports#timeseries} by day) reports for that one day. {@code entrances} and {@code exits}
 *       are the visits of that entry or exit page; {@code events} the custom events of that name.
 *   <li>{@code bounces}: how many of those visits bounced; {@code visit_duration}: the sum of their
 *       durations in seconds (a bounce counts 0) — a sum, not a mean, as in Plausible. So a day's
 *       {@code bounce_rate} is {@code round(100 * bounces / visits)} and its {@code visit_duration}
 *       {@code round(visit_duration / visits)} (both half up), the numbers Footfall reports (they
 *       divide by the visits already stored, which lag the newest events by seconds).
 *   <li>Empty values are empty strings (not {@code (none)} or {@code Direct / None}), as in
 *       Plausible: {@code source} {@code ""} is direct traffic.
 *   <li>{@code imported_sources} has a row per combination of source, referrer and the five UTM
 *       fields (each visit's, fixed by its first event), counted from the raw events. A day whose
 *       raw events are gone (past the retention period) but that is rolled up has a row per source
 *       instead, with the referrer and UTM columns empty: rollups keep each dimension apart.
 *   <li>{@code imported_pages}: {@code hostname} is the site's domain (Footfall reports no page by
 *       host). The engagement columns are sums over the page's visitors with an engagement there
 *       that day: {@code total_scroll_depth} the sum of each one's deepest scroll (%), {@code
 *       total_time_on_page} their engaged time in whole seconds (rounded half up), and both {@code
 *       _visits} columns how many such visitors there were — so {@code total_scroll_depth ÷
 *       total_scroll_depth_visits} is Footfall's {@code scroll_depth} of that day. Plausible counts
 *       these per visit; Footfall per visitor. All four are 0 on a store that keeps no engagements.
 *   <li>{@code imported_custom_events}: every event name but {@code pageview}. As in Plausible,
 *       the events {@code Outbound Link: Click}, {@code File Download} and {@code Cloaked Link:
 *       Click} have a row per value of their prop {@code url}, in {@code link_url}, and {@code 404}
 *       a row per value of its prop {@code path}, in {@code path} (events without it: {@code ""});
 *       counted from the raw events, so on a day past retention they get one row with both empty,
 *       as every other event name has.
 *   <li>{@code imported_locations}: the ISO 3166-1 alpha-2 country; visits without a country are
 *       left out (as Plausible does); {@code region} is empty and {@code city} 0, since Footfall
 *       records neither.
 *   <li>{@code imported_devices}: {@code Desktop}, {@code Mobile}, {@code Tablet} (Plausible's
 *       names for Footfall's {@code desktop}, {@code mobile}, {@code tablet}); other device types as
 *       stored.
 *   <li>{@code imported_browsers}, {@code imported_operating_systems}: names as Footfall stores
 *       them; the version columns are empty (Footfall reports no versions).
 *   <li>Custom props are not exported: Plausible's export has no file for them.
 * </ul>
 *
 * <h2>Streaming</h2>
 *
 * <p>{@link #write} reads the range one day at a time per file ({@code imported_visitors}: up to
 * 31 days at a time) and writes each day's rows before reading the next day, so memory holds one
 * day's rows of one report, whatever the range; the bytes reach the stream as the deflater emits
 * them. Where the storage has day rollups, whole days are read from them (also days whose raw
 * events retention deleted), except {@code imported_sources}' combinations (see above).
 *
 * @since 0.4
 */
public final class Exports {
  /** The most days one export may cover: ten years. */
  public static final int MAX_DAYS = 3_653;
  /** Days read at a time for {@code imported_visitors}. */
  private static final int VISITORS_CHUNK_DAYS = 31;
  private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
  /**
   * Plausible's goals whose one prop its export keeps, and that prop: {@code url} goes to the
   * column {@code link_url}, {@code path} to {@code path}.
   */
  private static final Map<String, String> PROP_COLUMNS = Map.of("Outbound Link: Click", "url",
      "File Download", "url", "Cloaked Link: Click", "url", "404", "path");
  private static final List<Dimension> SOURCE_DIMENSIONS = List.of(Dimension.SOURCE,
      Dimension.REFERRER, Dimension.UTM_SOURCE, Dimension.UTM_MEDIUM, Dimension.UTM_CAMPAIGN,
      Dimension.UTM_CONTENT, Dimension.UTM_TERM);

  /** The files of an export, in the order they are written, with their header rows. */
  static final List<Table> TABLES = List.of(
      new Table("imported_visitors", List.of("date", "visitors", "pageviews", "bounces", "visits",
          "visit_duration")),
      new Table("imported_sources", List.of("date", "source", "referrer", "utm_source",
          "utm_medium", "utm_campaign", "utm_content", "utm_term", "pageviews", "visitors",
          "visits", "visit_duration", "bounces")),
      new Table("imported_pages", List.of("date", "hostname", "page", "visits", "visitors",
          "pageviews", "total_scroll_depth", "total_scroll_depth_visits", "total_time_on_page",
          "total_time_on_page_visits")),
      new Table("imported_entry_pages", List.of("date", "entry_page", "visitors", "entrances",
          "visit_duration", "bounces", "pageviews")),
      new Table("imported_exit_pages", List.of("date", "exit_page", "visitors", "visit_duration",
          "exits", "bounces", "pageviews")),
      new Table("imported_custom_events", List.of("date", "name", "link_url", "path", "visitors",
          "events")),
      new Table("imported_locations", List.of("date", "country", "region", "city", "visitors",
          "visits", "visit_duration", "bounces", "pageviews")),
      new Table("imported_devices", List.of("date", "device", "visitors", "visits",
          "visit_duration", "bounces", "pageviews")),
      new Table("imported_browsers", List.of("date", "browser", "browser_version", "visitors",
          "visits", "visit_duration", "bounces", "pageviews")),
      new Table("imported_operating_systems", List.of("date", "operating_system",
          "operating_system_version", "visitors", "visits", "visit_duration", "bounces",
          "pageviews")));

  private final SiteRegistry sites;
  private final AggregateStore store;
  private final Clock clock;

  Exports(SiteRegistry sites, AggregateStore store, Clock clock) {
    this.sites = sites;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Resolves a period to its days in the site's timezone, as reports do ({@code all} starts on the
   * day of the site's first stored event).
   *
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public DateRange range(String siteId, Period period) {
    Objects.requireNonNull(period, "period");
    Site site = site(siteId);
    ZoneId zone = site.timezone();
    return period.resolve(LocalDate.ofInstant(clock.instant(), zone),
        period.name().equals("all")
            ? store.firstEvent(site.id()).map(first -> LocalDate.ofInstant(first, zone))
            : Optional.empty());
  }

  /**
   * Returns the file name of a site's export, like Plausible's: the site's domain with every
   * character but letters, digits, {@code -} and {@code _} replaced by {@code _}, then the range:
   * {@code shop_example_20261101_20261130.zip}.
   *
   * @throws UnknownSiteException if the site is not registered
   */
  public String fileName(String siteId, DateRange range) {
    Objects.requireNonNull(range, "range");
    Site site = site(siteId);
    return site.domain().replaceAll("[^A-Za-z0-9_-]", "_") + "_" + COMPACT.format(range.from())
        + "_" + COMPACT.format(range.to()) + ".zip";
  }

  /**
   * Writes the site's export of these days to the stream as a ZIP archive (see the class comment
   * for its layout), as it reads them. Finishes the archive but does not close the stream. The
   * arguments are checked before anything is written; a failure later leaves the archive
   * unfinished.
   *
   * @throws IllegalArgumentException if the range covers more than {@link #MAX_DAYS} days
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   * @throws IOException if the stream failed
   */
  public void write(String siteId, DateRange range, OutputStream out) throws IOException {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(out, "out");
    if (range.days() > MAX_DAYS) {
      throw new IllegalArgumentException("an export covers at most " + MAX_DAYS
          + " days (10 years) but " + range.from() + " to " + range.to() + " is " + range.days()
          + " days");
    }
    Site site = site(siteId);
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    Writer csv = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
    String suffix = "_" + COMPACT.format(range.from()) + "_" + COMPACT.format(range.to()) + ".csv";
    for (Table table : TABLES) {
      zip.putNextEntry(new ZipEntry(table.name() + suffix));
      row(csv, table.columns().stream().map(Object.class::cast).toList());
      if (table.name().equals("imported_visitors")) {
        writeVisitors(site, range, csv);
      } else {
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
          writeDay(table.name(), site, day, csv);
          csv.flush();
        }
      }
      csv.flush();
      zip.closeEntry();
    }
    zip.finish();
    out.flush();
  }

  private Site site(String siteId) {
    Objects.requireNonNull(siteId, "siteId");
    return sites.find(siteId).orElseThrow(() -> new UnknownSiteException(siteId));
  }

  private void writeVisitors(Site site, DateRange range, Writer csv) throws IOException {
    TimeBuckets days = new TimeBuckets(TimeBuckets.Unit.DAY, site.timezone());
    for (LocalDate from = range.from(); !from.isAfter(range.to());
        from = from.plusDays(VISITORS_CHUNK_DAYS)) {
      LocalDate to = from.plusDays(VISITORS_CHUNK_DAYS - 1);
      if (to.isAfter(range.to())) {
        to = range.to();
      }
      Map<Long, Counts> counts = store.timeseries(days(site, from, to), days);
      for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
        Counts c = counts.getOrDefault(day.toEpochDay(), Counts.ZERO);
        if (c.events() > 0 || c.visits() > 0) {
          row(csv, List.of(day, c.visitors(), c.pageviews(), c.bounces(), c.visits(),
              c.durationSeconds()));
        }
      }
      csv.flush();
    }
  }

  private void writeDay(String table, Site site, LocalDate day, Writer csv) throws IOException {
    Selection selection = days(site, day, day);
    switch (table) {
      case "imported_sources" -> writeSources(selection, day, csv);
      case "imported_pages" -> {
        Map<String, Counts> pages = all(selection, Dimension.PAGE);
        Map<String, EngagementSums> engaged = pages.isEmpty() ? Map.of()
            : store.engagement(selection, pages.keySet());
        for (Map.Entry<String, Counts> page : pages.entrySet()) {
          Counts c = page.getValue();
          EngagementSums e = engaged.getOrDefault(page.getKey(), new EngagementSums(0, 0, 0));
          row(csv, List.of(day, site.domain(), page.getKey(), c.visits(), c.visitors(),
              c.pageviews(), e.scrollDepthSum(), e.visitors(), (e.engagedMillis() + 500) / 1000,
              e.visitors()));
        }
      }
      case "imported_entry_pages" -> {
        for (Map.Entry<String, Counts> g : all(selection, Dimension.ENTRY_PAGE).entrySet()) {
          Counts c = g.getValue();
          row(csv, List.of(day, g.getKey(), c.visitors(), c.visits(), c.durationSeconds(),
              c.bounces(), c.pageviews()));
        }
      }
      case "imported_exit_pages" -> {
        for (Map.Entry<String, Counts> g : all(selection, Dimension.EXIT_PAGE).entrySet()) {
          Counts c = g.getValue();
          row(csv, List.of(day, g.getKey(), c.visitors(), c.durationSeconds(), c.visits(),
              c.bounces(), c.pageviews()));
        }
      }
      case "imported_custom_events" -> {
        for (Map.Entry<String, Counts> g : all(selection, Dimension.EVENT_NAME).entrySet()) {
          String name = g.getKey();
          if (name.equals(EventType.PAGEVIEW.wireName())) {
            continue;
          }
          String prop = PROP_COLUMNS.get(name);
          Map<String, Counts> byProp = prop == null ? Map.of() : store.breakdown(
              Selection.builder(selection.siteId(), selection.from(), selection.to())
                  .filters(List.of(Filter.is(Dimension.EVENT_NAME, name))).build(),
              Dimension.prop(prop), 0, Integer.MAX_VALUE);
          if (byProp.isEmpty()) {
            row(csv, List.of(day, name, "", "", g.getValue().visitors(), g.getValue().events()));
          }
          for (Map.Entry<String, Counts> value : byProp.entrySet()) {
            row(csv, List.of(day, name, prop.equals("url") ? value.getKey() : "",
                prop.equals("path") ? value.getKey() : "", value.getValue().visitors(),
                value.getValue().events()));
          }
        }
      }
      case "imported_locations" -> {
        for (Map.Entry<String, Counts> g : all(selection, Dimension.COUNTRY).entrySet()) {
          if (!g.getKey().isEmpty()) {
            Counts c = g.getValue();
            row(csv, List.of(day, g.getKey(), "", 0, c.visitors(), c.visits(),
                c.durationSeconds(), c.bounces(), c.pageviews()));
          }
        }
      }
      case "imported_devices" -> {
        for (Map.Entry<String, Counts> g : all(selection, Dimension.DEVICE).entrySet()) {
          Counts c = g.getValue();
          row(csv, List.of(day, device(g.getKey()), c.visitors(), c.visits(),
              c.durationSeconds(), c.bounces(), c.pageviews()));
        }
      }
      case "imported_browsers", "imported_operating_systems" -> {
        Dimension dimension = table.equals("imported_browsers") ? Dimension.BROWSER : Dimension.OS;
        for (Map.Entry<String, Counts> g : all(selection, dimension).entrySet()) {
          Counts c = g.getValue();
          row(csv, List.of(day, g.getKey(), "", c.visitors(), c.visits(), c.durationSeconds(),
              c.bounces(), c.pageviews()));
        }
      }
      default -> throw new AssertionError(table);
    }
  }

  private void writeSources(Selection selection, LocalDate day, Writer csv) throws IOException {
    Map<GroupKey, Counts> groups = store.groups(selection, SOURCE_DIMENSIONS, Optional.empty());
    List<Map.Entry<GroupKey, Counts>> rows = new ArrayList<>(groups.entrySet());
    rows.sort(Map.Entry.<GroupKey, Counts>comparingByValue(
            (a, b) -> Long.compare(b.visitors(), a.visitors()))
        .thenComparing(e -> String.join("\u0000", e.getKey().values())));
    if (rows.isEmpty()) {
      // a rolled-up day whose raw events are gone: a row per source, the rest empty
      for (Map.Entry<String, Counts> g : all(selection, Dimension.SOURCE).entrySet()) {
        Counts c = g.getValue();
        row(csv, List.of(day, g.getKey(), "", "", "", "", "", "", c.pageviews(), c.visitors(),
            c.visits(), c.durationSeconds(), c.bounces()));
      }
      return;
    }
    for (Map.Entry<GroupKey, Counts> g : rows) {
      List<Object> values = new ArrayList<>();
      values.add(day);
      values.addAll(g.getKey().values());
      Counts c = g.getValue();
      values.addAll(List.of(c.pageviews(), c.visitors(), c.visits(), c.durationSeconds(),
          c.bounces()));
      row(csv, values);
    }
  }

  /** Returns every value of the dimension in the selection, most visitors first. */
  private Map<String, Counts> all(Selection selection, Dimension dimension) {
    return store.breakdown(selection, dimension, 0, Integer.MAX_VALUE);
  }

  private static Selection days(Site site, LocalDate from, LocalDate to) {
    ZoneId zone = site.timezone();
    return Selection.builder(site.id(), from.atStartOfDay(zone).toInstant(),
        to.plusDays(1).atStartOfDay(zone).toInstant()).build();
  }

  /** Returns Plausible's name of a device type. */
  static String device(String type) {
    return switch (type) {
      case "desktop", "mobile", "tablet", "laptop" ->
          type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1);
      default -> type;
    };
  }

  /** Writes one CSV row: strings and dates quoted, numbers bare. */
  private static void row(Writer csv, List<?> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        csv.write(',');
      }
      Object value = values.get(i);
      if (value instanceof Number) {
        csv.write(value.toString());
      } else {
        csv.write('"');
        csv.write(value.toString().replace("\"", "\"\""));
        csv.write('"');
      }
    }
    csv.write('\n');
  }

  /**
   * One file of an export.
   *
   * @param name the table's name, the file name's start
   * @param columns the header row
   */
  record Table(String name, List<String> columns) {}
}
