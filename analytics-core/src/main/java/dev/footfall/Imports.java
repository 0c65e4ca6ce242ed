package dev.footfall;

import dev.footfall.internal.imports.ImportProblem;
import dev.footfall.internal.imports.PlausibleArchive;
import dev.footfall.spi.ImportStore;
import dev.footfall.spi.StoredImport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Imports a site's past stats from Plausible (CE or cloud): the ZIP of CSV files that Plausible's
 * "Export data" writes ({@link Exports} writes the same layout). Each file's daily counts become
 * the site's imported stats, which reports add for the days that have no events of their own —
 * typically the months before the site moved to Footfall — and mark as imported ({@link
 * ImportedData}). An import can be deleted as a whole. Obtain it from {@link Analytics#imports()};
 * the admin API adapts it to HTTP. Thread-safe.
 *
 * <h2>What is read</h2>
 *
 * <p>Files named {@code <table>_<yyyyMMdd>_<yyyyMMdd>.csv} (the dates optional; every row's date
 * must lie between them), in any folder of the archive, for the tables {@code imported_visitors}
 * (required), {@code imported_sources}, {@code imported_pages}, {@code imported_entry_pages},
 * {@code imported_exit_pages}, {@code imported_custom_events}, {@code imported_locations}, {@code
 * imported_devices}, {@code imported_browsers} and {@code imported_operating_systems}; columns are
 * found by the header row's names, so older and newer versions of the layout read, and columns not
 * listed in {@link Exports} are not read. Other CSV files are ignored. Values: UTF-8, dates ISO,
 * counts whole numbers, countries ISO 3166-1 alpha-2, device names in any case.
 *
 * <h2>What reports show</h2>
 *
 * <p>A report adds imported counts for the days of its range that have no events, when it asks
 * for something the imported files count: no filter, or one filter {@code is} with one value on
 * a dimension that a file breaks down by, and no breakdown or a breakdown by that dimension;
 * intervals of a day or longer. Otherwise it leaves them out and says why in {@link
 * ImportedData#skipped()}. {@link ReportQuery.Builder#imports(boolean)} leaves them out of any
 * report. As in Plausible, imported visitors of several days add up (each day's row counts its
 * visitors apart), as do a visitor's rows of one day in {@code imported_sources} (one per source
 * and UTM tags); imported page rows carry no bounces or durations; goal conversions and funnels
 * read no imported stats.
 *
 * <h2>All or nothing</h2>
 *
 * <p>An import is stored in one transaction as it is read, so an archive of any size takes little
 * memory; a wrong line ends it with an {@link InvalidImportException} naming the file, line and
 * column, and nothing of it is stored. An import whose days overlap an earlier import of the site
 * is refused: delete the earlier one first.
 *
 * @since 0.4
 */
public final class Imports {
  /** The longest {@code source} name kept. */
  public static final int MAX_SOURCE_LENGTH = 200;

  private final SiteRegistry sites;
  private final ImportStore store;
  private final Clock clock;

  /** @param store the storage's import store, or null if it stores none */
  Imports(SiteRegistry sites, ImportStore store, Clock clock) {
    this.sites = sites;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Reads a ZIP archive of Plausible's CSV export and stores its stats as an import of the site.
   * Reads the stream to the end of the archive but does not close it.
   *
   * @param source where the archive came from, such as the uploaded file's name (at most {@value
   *     #MAX_SOURCE_LENGTH} characters; blank names it "upload")
   * @return the stored import
   * @throws InvalidImportException if the archive is not Plausible's export, a line is wrong, or
   *     its days overlap an earlier import of the site; nothing is stored
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed; nothing is stored
   * @throws IOException if the stream failed; nothing is stored
   * @throws UnsupportedOperationException if the storage stores no imports
   */
  public SiteImport importPlausible(String siteId, String source, InputStream archive)
      throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(archive, "archive");
    String name = source.isBlank() ? "upload" : source.strip();
    if (name.length() > MAX_SOURCE_LENGTH) {
      throw new IllegalArgumentException("source must be at most " + MAX_SOURCE_LENGTH
          + " characters but was " + name.length());
    }
    Site site = site(siteId);
    ImportStore imports = store();
    String id = UUID.randomUUID().toString().replace("-", "");
    try {
      return view(imports.add(site.id(), (sink, earlier) -> {
        PlausibleArchive reader = new PlausibleArchive(id, site.id(), sink);
        try {
          reader.read(archive);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (reader.rows() == 0) {
          throw new ImportProblem(null, 0, null, "has no rows of stats to import");
        }
        DateRange range = new DateRange(reader.firstDay(), reader.lastDay());
        for (StoredImport other : earlier) {
          if (!other.lastDay().isBefore(range.from()) && !other.firstDay().isAfter(range.to())) {
            throw new ImportProblem(null, 0, null, "its days " + range.from() + " to "
                + range.to() + " overlap import " + other.id() + " (" + other.source() + ", "
                + other.firstDay() + " to " + other.lastDay() + "): delete that one first");
          }
        }
        return new StoredImport(id, site.id(), name,
            clock.instant().truncatedTo(ChronoUnit.MILLIS), range.from(), range.to(),
            reader.rows());
      }));
    } catch (ImportProblem problem) {
      throw new InvalidImportException(problem.file(), problem.line(), problem.column(),
          problem.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Returns the site's imports, oldest first.
   *
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   * @throws UnsupportedOperationException if the storage stores no imports
   */
  public List<SiteImport> list(String siteId) {
    Site site = site(siteId);
    return store().list(site.id()).stream().map(Imports::view).toList();
  }

  /**
   * Deletes one of the site's imports and all its stats; reports stop showing them at once.
   *
   * @return whether the site had that import
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   * @throws UnsupportedOperationException if the storage stores no imports
   */
  public boolean delete(String siteId, String importId) {
    Objects.requireNonNull(importId, "importId");
    Site site = site(siteId);
    return store().delete(site.id(), importId);
  }

  private Site site(String siteId) {
    Objects.requireNonNull(siteId, "siteId");
    return sites.find(siteId).orElseThrow(() -> new UnknownSiteException(siteId));
  }

  private ImportStore store() {
    if (store == null) {
      throw new UnsupportedOperationException("this storage stores no imports");
    }
    return store;
  }

  private static SiteImport view(StoredImport stored) {
    return new SiteImport(stored.id(), stored.siteId(), stored.source(), stored.createdAt(),
        new DateRange(stored.firstDay(), stored.lastDay()), stored.rows());
  }
}
