package dev.footfall.spi;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stores data imported from another analytics service: each {@linkplain StoredImport import} of a
 * site with its daily counts by dimension value ({@link ImportedRow}). Reports add those counts for
 * the days of a site that have no events of their own. Deleting a site ({@link SiteStore#delete})
 * deletes its imports too. Thread-safe; failures throw {@link dev.footfall.StorageException}.
 *
 * @since 0.4
 */
public interface ImportStore {

  /**
   * Stores an import of a site in one transaction: passes {@code rows} a sink, which it sends
   * every row, and the site's imports stored before; then stores the record {@code rows} returned.
   * Imports of one site are stored one at a time (a store locks the site for the transaction, or
   * fails the later of two with a {@link dev.footfall.StorageException}), so the earlier imports
   * passed are all there are until the transaction ends. If {@code rows} throws, nothing of the
   * import is stored and the exception propagates. A store should write the rows as they come (in
   * batches) rather than hold them all.
   *
   * @param siteId the site imported into
   * @param rows writes the rows to the sink, then returns the import's record (whose counts and
   *     days it knows only once every row is read)
   * @throws dev.footfall.StorageException if storing failed, or an import with the record's id is
   *     stored already
   */
  StoredImport add(String siteId, RowSource rows);

  /** Returns the site's imports, oldest first. */
  List<StoredImport> list(String siteId);

  /**
   * Deletes the site's import with this id and all its rows, in one transaction.
   *
   * @return whether there was one (an import of another site is not deleted)
   */
  boolean delete(String siteId, String id);

  /**
   * Sums the site's imported rows of this dimension from {@code from} to {@code to}, grouped by
   * value.
   *
   * @param dimension the {@linkplain ImportedRow#dimension() dimension key}
   * @param value null for every value, else only the rows of this one
   */
  Map<String, Counts> sum(String siteId, LocalDate from, LocalDate to, String dimension,
      String value);

  /**
   * Sums the site's imported rows of this dimension from {@code from} to {@code to}, grouped by
   * day.
   *
   * @param dimension the {@linkplain ImportedRow#dimension() dimension key}
   * @param value null for every value, else only the rows of this one
   */
  Map<LocalDate, Counts> sumByDay(String siteId, LocalDate from, LocalDate to, String dimension,
      String value);

  /** Writes an import's rows to a sink and returns the import's record; see {@link #add}. */
  @FunctionalInterface
  interface RowSource {
    /**
     * Sends every row to {@code sink}, then returns the import's record.
     *
     * @param earlier the site's imports stored before, oldest first
     */
    StoredImport write(Consumer<ImportedRow> sink, List<StoredImport> earlier);
  }
}
