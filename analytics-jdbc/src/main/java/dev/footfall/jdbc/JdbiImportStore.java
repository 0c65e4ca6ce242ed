package dev.footfall.jdbc;

import dev.footfall.StorageException;
import dev.footfall.spi.Counts;
import dev.footfall.spi.ImportStore;
import dev.footfall.spi.ImportedRow;
import dev.footfall.spi.StoredImport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Imports in the {@code site_import} table and their rows in {@code imported_count}, days as epoch
 * days. An import's rows are inserted in batches inside the transaction that finally inserts its
 * {@code site_import} row, so a failed import leaves nothing and readers never see half of one;
 * the transaction holds the site's row locked.
 */
final class JdbiImportStore implements ImportStore {
  private static final int BATCH = 1_000;
  private static final String SUMS = "SUM(visitors) AS visitors, SUM(pageviews) AS pageviews,"
      + " SUM(events) AS events, SUM(visits) AS visits, SUM(sessions) AS sessions,"
      + " SUM(session_pageviews) AS session_pageviews, SUM(bounces) AS bounces,"
      + " SUM(duration_seconds) AS duration_seconds";

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final RowMapper<StoredImport> mapper;

  JdbiImportStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.mapper = (rs, ctx) -> new StoredImport(rs.getString("id"), rs.getString("site_id"),
        rs.getString("source"), dialect.instant(rs, "created_at"),
        LocalDate.ofEpochDay(rs.getLong("first_day")), LocalDate.ofEpochDay(rs.getLong("last_day")),
        rs.getLong("row_count"));
  }

  @Override
  public StoredImport add(String siteId, RowSource source) {
    try {
      return jdbi.inTransaction(h -> {
        // Writing the site's row locks it until the transaction ends, so that a second import of
        // the site waits (H2, PostgreSQL, MariaDB) or fails (DuckDB) rather than both passing the
        // overlap check against the same earlier imports.
        h.createUpdate("UPDATE site SET domain = domain WHERE id = :site").bind("site", siteId)
            .execute();
        List<StoredImport> earlier = h.createQuery("SELECT * FROM site_import WHERE site_id ="
                + " :site ORDER BY created_at, id")
            .bind("site", siteId)
            .map(mapper)
            .list();
        Rows rows = new Rows(h);
        StoredImport stored;
        try {
          stored = source.write(rows::add, earlier);
        } catch (StorageException e) {
          throw e;
        } catch (RuntimeException e) {
          throw new SourceFailure(e);
        }
        rows.flush();
        h.createUpdate("INSERT INTO site_import (id, site_id, source, created_at, first_day,"
                + " last_day, row_count) VALUES (:id, :site, :source, :createdAt, :firstDay,"
                + " :lastDay, :rows)")
            .bind("id", stored.id())
            .bind("site", stored.siteId())
            .bind("source", stored.source())
            .bind("createdAt", dialect.bind(stored.createdAt()))
            .bind("firstDay", stored.firstDay().toEpochDay())
            .bind("lastDay", stored.lastDay().toEpochDay())
            .bind("rows", stored.rows())
            .execute();
        return stored;
      });
    } catch (SourceFailure e) {
      throw (RuntimeException) e.getCause();
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Failures.storageException("store an import", e);
    }
  }

  @Override
  public List<StoredImport> list(String siteId) {
    return Failures.call("list imports", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM site_import WHERE site_id = :site ORDER BY created_at, id")
        .bind("site", siteId)
        .map(mapper)
        .list()));
  }

  @Override
  public boolean delete(String siteId, String id) {
    return Failures.call("delete an import", () -> jdbi.inTransaction(h -> {
      int deleted = h.createUpdate("DELETE FROM site_import WHERE site_id = :site AND id = :id")
          .bind("site", siteId)
          .bind("id", id)
          .execute();
      if (deleted > 0) {
        h.createUpdate("DELETE FROM imported_count WHERE import_id = :id").bind("id", id)
            .execute();
      }
      return deleted > 0;
    }));
  }

  @Override
  public Map<String, Counts> sum(String siteId, LocalDate from, LocalDate to, String dimension,
      String value) {
    return Failures.call("sum imported counts", () -> jdbi.withHandle(h -> {
      Map<String, Counts> sums = new HashMap<>();
      query(h, "dimension_value", siteId, from, to, dimension, value)
          .map((rs, ctx) -> Map.entry(rs.getString("k"), counts(rs)))
          .forEach(sum -> sums.put(sum.getKey(), sum.getValue()));
      return sums;
    }));
  }

  @Override
  public Map<LocalDate, Counts> sumByDay(String siteId, LocalDate from, LocalDate to,
      String dimension, String value) {
    return Failures.call("sum imported counts", () -> jdbi.withHandle(h -> {
      Map<LocalDate, Counts> sums = new HashMap<>();
      query(h, "epoch_day", siteId, from, to, dimension, value)
          .map((rs, ctx) -> Map.entry(LocalDate.ofEpochDay(rs.getLong("k")), counts(rs)))
          .forEach(sum -> sums.put(sum.getKey(), sum.getValue()));
      return sums;
    }));
  }

  private static Query query(Handle h, String key, String siteId, LocalDate from, LocalDate to,
      String dimension, String value) {
    Query query = h.createQuery("SELECT " + key + " AS k, " + SUMS + " FROM imported_count"
            + " WHERE site_id = :site AND dimension = :dimension AND epoch_day BETWEEN :from AND"
            + " :to" + (value == null ? "" : " AND dimension_value = :value")
            + " GROUP BY " + key)
        .bind("site", siteId)
        .bind("dimension", dimension)
        .bind("from", from.toEpochDay())
        .bind("to", to.toEpochDay());
    return value == null ? query : query.bind("value", value);
  }

  private static Counts counts(ResultSet rs) throws SQLException {
    return Counts.builder().visitors(rs.getLong("visitors")).pageviews(rs.getLong("pageviews"))
        .events(rs.getLong("events")).visits(rs.getLong("visits"))
        .sessions(rs.getLong("sessions")).sessionPageviews(rs.getLong("session_pageviews"))
        .bounces(rs.getLong("bounces")).durationSeconds(rs.getLong("duration_seconds")).build();
  }

  /** Inserts an import's rows in batches of {@value #BATCH}. */
  private static final class Rows {
    private final Handle handle;
    private PreparedBatch batch;
    private int pending;

    Rows(Handle handle) {
      this.handle = handle;
    }

    void add(ImportedRow row) {
      if (batch == null) {
        batch = handle.prepareBatch("INSERT INTO imported_count (import_id, site_id, epoch_day,"
            + " dimension, dimension_value, visitors, pageviews, events, visits, sessions,"
            + " session_pageviews, bounces, duration_seconds) VALUES (:import, :site, :day,"
            + " :dimension, :value, :visitors, :pageviews, :events, :visits, :sessions,"
            + " :sessionPageviews, :bounces, :duration)");
      }
      Counts c = row.counts();
      batch.bind("import", row.importId()).bind("site", row.siteId())
          .bind("day", row.day().toEpochDay()).bind("dimension", row.dimension())
          .bind("value", row.value()).bind("visitors", c.visitors())
          .bind("pageviews", c.pageviews()).bind("events", c.events()).bind("visits", c.visits())
          .bind("sessions", c.sessions()).bind("sessionPageviews", c.sessionPageviews())
          .bind("bounces", c.bounces()).bind("duration", c.durationSeconds()).add();
      if (++pending == BATCH) {
        flush();
      }
    }

    void flush() {
      if (pending > 0) {
        try {
          batch.execute();
        } catch (RuntimeException e) {
          throw Failures.storageException("store an import", e);
        }
        batch = null;
        pending = 0;
      }
    }
  }

  /** A failure of the row source, carried out of the transaction that it rolls back. */
  private static final class SourceFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SourceFailure(RuntimeException cause) {
      super(cause);
    }
  }
}
