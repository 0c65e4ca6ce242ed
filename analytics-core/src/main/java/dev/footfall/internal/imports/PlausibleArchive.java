package dev.footfall.internal.imports;

import dev.footfall.Dimension;
import dev.footfall.EventType;
import dev.footfall.Period;
import dev.footfall.spi.Counts;
import dev.footfall.spi.ImportedRow;
import dev.footfall.spi.RollupStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a ZIP archive of Plausible's CSV export ({@code imported_visitors_20250101_20251231.csv}
 * and the other tables of {@link PlausibleTable#ALL}) into {@link ImportedRow rows}, checking every
 * line as it goes. The files are read one after another straight from the stream, so an archive of
 * any size takes the memory of one line. Not thread-safe: one instance reads one archive.
 */
public final class PlausibleArchive {
  /** The longest dimension value imported, in characters. */
  public static final int MAX_VALUE_LENGTH = 2000;
  private static final Pattern FILE_NAME =
      Pattern.compile("(imported_[a-z_]+?)(?:_(\\d{8})_(\\d{8}))?\\.csv");
  private static final Pattern COUNT = Pattern.compile("\\d{1,18}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  private final String importId;
  private final String siteId;
  private final Consumer<ImportedRow> sink;
  private final List<String> ignored = new ArrayList<>();
  private LocalDate firstDay;
  private LocalDate lastDay;
  private long rows;
  private boolean visitorsRead;
  /** The days of the {@code imported_visitors} rows read, each of which may come once. */
  private final Set<LocalDate> visitorDays = new HashSet<>();

  /**
   * @param importId the id the rows are stored under
   * @param siteId the site the rows are imported into
   * @param sink takes every row
   */
  public PlausibleArchive(String importId, String siteId, Consumer<ImportedRow> sink) {
    this.importId = importId;
    this.siteId = siteId;
    this.sink = sink;
  }

  /**
   * Reads the archive to its end, passing each row to the sink.
   *
   * @throws ImportProblem if the archive is not a ZIP of Plausible's export, or a file or line is
   *     wrong (the rows passed before stay passed: the caller discards them)
   * @throws IOException if the stream failed
   */
  public void read(InputStream archive) throws IOException {
    ZipInputStream zip = new ZipInputStream(archive, StandardCharsets.UTF_8);
    boolean anyEntry = false;
    try {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        anyEntry = true;
        String path = entry.getName();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (entry.isDirectory() || path.startsWith("__MACOSX/")
            || !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
          continue;
        }
        Matcher matcher = FILE_NAME.matcher(name);
        Optional<PlausibleTable> table = matcher.matches() ? PlausibleTable.ALL.stream()
            .filter(t -> t.name().equals(matcher.group(1))).findFirst() : Optional.empty();
        if (table.isEmpty()) {
          ignored.add(name);
          continue;
        }
        LocalDate from = matcher.group(2) == null ? null : fileDate(name, matcher.group(2));
        LocalDate to = matcher.group(3) == null ? null : fileDate(name, matcher.group(3));
        readFile(name, table.get(), from, to, utf8(zip));
      }
    } catch (ZipException e) {
      throw new ImportProblem(null, 0, null, "is not a readable ZIP archive");
    }
    if (!anyEntry) {
      throw new ImportProblem(null, 0, null, "is not a ZIP archive, or an empty one");
    }
    if (!visitorsRead) {
      throw new ImportProblem(null, 0, null, "has no imported_visitors file (such as"
          + " imported_visitors_20250101_20251231.csv): it is not Plausible's CSV export");
    }
  }

  /** Returns the first day of a row read, or null if none was. */
  public LocalDate firstDay() {
    return firstDay;
  }

  /** Returns the last day of a row read, or null if none was. */
  public LocalDate lastDay() {
    return lastDay;
  }

  /** Returns how many rows were passed to the sink. */
  public long rows() {
    return rows;
  }

  /** Returns the CSV files of the archive that are not tables Footfall imports. */
  public List<String> ignored() {
    return List.copyOf(ignored);
  }

  private void readFile(String file, PlausibleTable table, LocalDate from, LocalDate to,
      Reader reader) throws IOException {
    if (from != null && to.isBefore(from)) {
      throw new ImportProblem(file, 0, null, "the file name's dates end before they start");
    }
    CsvReader csv = new CsvReader(reader, MAX_VALUE_LENGTH);
    List<String> header = next(csv, file);
    if (header == null) {
      throw new ImportProblem(file, 1, null, "the file is empty: it needs a header row");
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i), i);
    }
    List<String> needed = new ArrayList<>();
    needed.add("date");
    needed.addAll(table.requiredValues().stream().sorted().toList());
    needed.addAll(table.required().stream().sorted().toList());
    for (String column : needed) {
      if (!columns.containsKey(column)) {
        throw new ImportProblem(file, 1, column, "the header has no such column");
      }
    }
    visitorsRead |= table.name().equals("imported_visitors");
    for (List<String> record = next(csv, file); record != null; record = next(csv, file)) {
      int line = csv.recordLine();
      if (record.size() != header.size()) {
        throw new ImportProblem(file, line, null, "has " + record.size()
            + " fields but the header has " + header.size());
      }
      Line values = new Line(file, line, columns, record);
      LocalDate day = values.date();
      if (from != null && (day.isBefore(from) || day.isAfter(to))) {
        throw new ImportProblem(file, line, "date", day + " is outside the file name's dates "
            + from + " to " + to);
      }
      if (table.dimensions().isEmpty() && !visitorDays.add(day)) {
        // a day counted twice (the same file twice in the archive, say) would add up twice
        throw new ImportProblem(file, line, "date", day + " has a row already in the archive's"
            + " imported_visitors files");
      }
      emit(table, day, values);
    }
  }

  private void emit(PlausibleTable table, LocalDate day, Line values) {
    long visitors = values.count("visitors");
    long pageviews = values.countIfPresent("pageviews");
    if (table.name().equals("imported_custom_events")) {
      long events = values.count("events");
      String name = values.text("name");
      if (name.isEmpty()) {
        throw values.problem("name", "is empty: a custom event needs a name");
      }
      add(day, Dimension.EVENT_NAME.key(), name,
          Counts.builder().visitors(visitors).events(events).build());
      add(day, RollupStore.TOTAL, "", Counts.builder().events(events).build());
      return;
    }
    Counts.Builder counts = Counts.builder().visitors(visitors).pageviews(pageviews)
        .events(pageviews);
    if (table.sessions()) {
      long visits = values.count(table.name().equals("imported_entry_pages") ? "entrances"
          : table.name().equals("imported_exit_pages") ? "exits" : "visits");
      counts.visits(visits).sessions(visits).sessionPageviews(pageviews)
          .bounces(values.countIfPresent("bounces"))
          .durationSeconds(values.countIfPresent("visit_duration"));
    } else {
      counts.visits(values.countIfPresent("visits"));
    }
    Counts built = counts.build();
    if (table.dimensions().isEmpty()) {
      add(day, RollupStore.TOTAL, "", built);
      add(day, Dimension.EVENT_NAME.key(), EventType.PAGEVIEW.wireName(), Counts.builder()
          .visitors(visitors).events(pageviews).build());
      return;
    }
    for (Map.Entry<String, String> column : table.dimensions().entrySet()) {
      if (values.has(column.getKey())) {
        add(day, column.getValue(), value(column.getValue(), column.getKey(), values), built);
      }
    }
  }

  /** Returns a value as Footfall stores it: devices in lower case, countries checked. */
  private static String value(String dimension, String column, Line values) {
    String value = values.text(column);
    if (dimension.equals(Dimension.DEVICE.key())) {
      return value.toLowerCase(Locale.ROOT);
    }
    if (dimension.equals(Dimension.COUNTRY.key()) && !value.isEmpty()
        && !COUNTRY.matcher(value).matches()) {
      throw values.problem(column, quote(value) + " is not an ISO 3166-1 alpha-2 country code"
          + " (such as DE)");
    }
    return value;
  }

  private void add(LocalDate day, String dimension, String value, Counts counts) {
    sink.accept(new ImportedRow(importId, siteId, day, dimension, value, counts));
    rows++;
    if (firstDay == null || day.isBefore(firstDay)) {
      firstDay = day;
    }
    if (lastDay == null || day.isAfter(lastDay)) {
      lastDay = day;
    }
  }

  private static List<String> next(CsvReader csv, String file) throws IOException {
    try {
      return csv.next();
    } catch (CsvReader.MalformedCsvException e) {
      throw new ImportProblem(file, e.line(), null, e.getMessage());
    } catch (CharacterCodingException e) {
      throw new ImportProblem(file, csv.line(), null, "is not UTF-8 text");
    }
  }

  private static LocalDate fileDate(String file, String yyyymmdd) {
    try {
      return LocalDate.parse(yyyymmdd, DateTimeFormatter.BASIC_ISO_DATE);
    } catch (DateTimeParseException e) {
      throw new ImportProblem(file, 0, null, "the file name's " + yyyymmdd + " is not a date");
    }
  }

  /** Reads an entry as UTF-8, refusing bytes that are not. */
  private static Reader utf8(InputStream entry) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new InputStreamReader(entry, decoder);
  }

  private static String quote(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    return "\"" + shown + "\"";
  }

  /** One line of a file, its fields by column name. */
  private record Line(String file, int line, Map<String, Integer> columns, List<String> fields) {
    boolean has(String column) {
      return columns.containsKey(column);
    }

    String text(String column) {
      String value = fields.get(columns.get(column));
      if (value.length() > MAX_VALUE_LENGTH) {
        throw problem(column, "is longer than " + MAX_VALUE_LENGTH + " characters");
      }
      return value;
    }

    long count(String column) {
      String value = fields.get(columns.get(column));
      if (!COUNT.matcher(value).matches()) {
        throw problem(column, quote(value) + " is not a whole number of at most 18 digits");
      }
      return Long.parseLong(value);
    }

    long countIfPresent(String column) {
      return has(column) ? count(column) : 0;
    }

    LocalDate date() {
      String value = fields.get(columns.get("date"));
      LocalDate day;
      try {
        day = LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw problem("date", quote(value) + " is not a date such as 2025-01-31");
      }
      if (day.isBefore(Period.FIRST_DAY) || day.isAfter(Period.LAST_DAY)) {
        throw problem("date", day + " is outside the days Footfall reports, " + Period.FIRST_DAY
            + " to " + Period.LAST_DAY);
      }
      return day;
    }

    ImportProblem problem(String column, String problem) {
      return new ImportProblem(file, line, column, problem);
    }
  }
}
