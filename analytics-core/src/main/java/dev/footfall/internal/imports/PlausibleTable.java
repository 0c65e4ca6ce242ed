package dev.footfall.internal.imports;

import dev.footfall.Dimension;
import dev.footfall.spi.RollupStore;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One file of Plausible's CSV export that Footfall imports: which columns hold dimension values and
 * which Footfall dimension each becomes, and which count columns it reads. A file may have other
 * columns (older and newer versions of Plausible add and drop some); they are not read.
 *
 * @param name the table, the start of the file name
 * @param dimensions each value column and the dimension key its values count under; {@code
 *     imported_visitors} has none and counts {@link RollupStore#TOTAL}
 * @param requiredValues the value columns a file must have (the others are read when present)
 * @param required the count columns a file must have, besides {@code date} and the value columns
 * @param optional the count columns read when present (0 when absent)
 * @param sessions whether the visits counted are whole visits, with their bounces and duration
 */
record PlausibleTable(String name, Map<String, String> dimensions, Set<String> requiredValues,
    Set<String> required, Set<String> optional, boolean sessions) {

  /** A table whose value columns are all required. */
  PlausibleTable(String name, Map<String, String> dimensions, Set<String> required,
      Set<String> optional, boolean sessions) {
    this(name, dimensions, dimensions.keySet(), required, optional, sessions);
  }

  /** The count columns of a file that counts whole visits. */
  private static final Set<String> VISIT_SUMS =
      Set.of("visitors", "visits", "visit_duration", "bounces");

  /** The tables Footfall imports, as Plausible CE exports and imports them. */
  static final List<PlausibleTable> ALL = List.of(
      new PlausibleTable("imported_visitors", Map.of(),
          Set.of("visitors", "pageviews", "bounces", "visits", "visit_duration"), Set.of(), true),
      new PlausibleTable("imported_sources", Map.of("source", Dimension.SOURCE.key(),
          "referrer", Dimension.REFERRER.key(), "utm_source", Dimension.UTM_SOURCE.key(),
          "utm_medium", Dimension.UTM_MEDIUM.key(), "utm_campaign", Dimension.UTM_CAMPAIGN.key(),
          "utm_content", Dimension.UTM_CONTENT.key(), "utm_term", Dimension.UTM_TERM.key()),
          Set.of("source"), VISIT_SUMS, Set.of("pageviews"), true),
      new PlausibleTable("imported_pages", Map.of("page", Dimension.PAGE.key()),
          Set.of("visitors", "pageviews"), Set.of("visits"), false),
      new PlausibleTable("imported_entry_pages", Map.of("entry_page", Dimension.ENTRY_PAGE.key()),
          Set.of("visitors", "entrances", "visit_duration", "bounces"), Set.of("pageviews"), true),
      new PlausibleTable("imported_exit_pages", Map.of("exit_page", Dimension.EXIT_PAGE.key()),
          Set.of("visitors", "exits"), Set.of("visit_duration", "bounces", "pageviews"), true),
      new PlausibleTable("imported_custom_events", Map.of("name", Dimension.EVENT_NAME.key()),
          Set.of("visitors", "events"), Set.of(), false),
      new PlausibleTable("imported_locations", Map.of("country", Dimension.COUNTRY.key()),
          VISIT_SUMS, Set.of("pageviews"), true),
      new PlausibleTable("imported_devices", Map.of("device", Dimension.DEVICE.key()),
          VISIT_SUMS, Set.of("pageviews"), true),
      new PlausibleTable("imported_browsers", Map.of("browser", Dimension.BROWSER.key()),
          VISIT_SUMS, Set.of("pageviews"), true),
      new PlausibleTable("imported_operating_systems",
          Map.of("operating_system", Dimension.OS.key()),
          VISIT_SUMS, Set.of("pageviews"), true));
}
