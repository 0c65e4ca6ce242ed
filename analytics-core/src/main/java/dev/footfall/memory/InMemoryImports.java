package dev.footfall.memory;

import dev.footfall.StorageException;
import dev.footfall.spi.Counts;
import dev.footfall.spi.ImportStore;
import dev.footfall.spi.ImportedRow;
import dev.footfall.spi.StoredImport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The imports by id, and their rows; an import's rows are kept apart until it is stored. */
final class InMemoryImports implements ImportStore {
  private final Map<String, StoredImport> imports = new LinkedHashMap<>();
  private final List<ImportedRow> rows = new ArrayList<>();

  /** Holds the store for the whole import, so that imports are stored one at a time. */
  @Override
  public synchronized StoredImport add(String siteId, RowSource source) {
    List<ImportedRow> pending = new ArrayList<>();
    StoredImport stored = source.write(pending::add, list(siteId));
    if (imports.containsKey(stored.id())) {
      throw new StorageException("cannot add an import: its id is stored already", null, null);
    }
    imports.put(stored.id(), stored);
    rows.addAll(pending);
    return stored;
  }

  @Override
  public synchronized List<StoredImport> list(String siteId) {
    return imports.values().stream().filter(i -> i.siteId().equals(siteId))
        .sorted(Comparator.comparing(StoredImport::createdAt).thenComparing(StoredImport::id))
        .toList();
  }

  @Override
  public synchronized boolean delete(String siteId, String id) {
    StoredImport stored = imports.get(id);
    if (stored == null || !stored.siteId().equals(siteId)) {
      return false;
    }
    imports.remove(id);
    rows.removeIf(row -> row.importId().equals(id));
    return true;
  }

  @Override
  public Map<String, Counts> sum(String siteId, LocalDate from, LocalDate to, String dimension,
      String value) {
    return sum(siteId, from, to, dimension, value, ImportedRow::value);
  }

  @Override
  public Map<LocalDate, Counts> sumByDay(String siteId, LocalDate from, LocalDate to,
      String dimension, String value) {
    return sum(siteId, from, to, dimension, value, ImportedRow::day);
  }

  private synchronized <K> Map<K, Counts> sum(String siteId, LocalDate from, LocalDate to,
      String dimension, String value, Function<ImportedRow, K> key) {
    Map<K, Counts> sums = new HashMap<>();
    for (ImportedRow row : rows) {
      if (row.siteId().equals(siteId) && row.dimension().equals(dimension)
          && !row.day().isBefore(from) && !row.day().isAfter(to)
          && (value == null || row.value().equals(value))) {
        sums.merge(key.apply(row), row.counts(), Counts::plus);
      }
    }
    return sums;
  }

  synchronized void deleteSite(String siteId) {
    imports.values().removeIf(i -> i.siteId().equals(siteId));
    rows.removeIf(row -> row.siteId().equals(siteId));
  }
}
