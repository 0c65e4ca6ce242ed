package dev.footfall.benchmarks;

import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.TrackResult;
import dev.footfall.duckdb.DuckDbStorage;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sustained ingestion into an embedded H2 file database, PostgreSQL or an embedded DuckDB file,
 * against its ceiling.
 *
 * <ul>
 *   <li>{@code rawJdbcBatchInsert}: the ceiling on H2 and PostgreSQL, plain JDBC batch inserts
 *       (1,000 rows a transaction) of rows equivalent to what the tracker stores, into Footfall's
 *       own {@code event} table.
 *   <li>{@code duckDbAppender}: the ceiling on DuckDB (it takes no {@code database} parameter and
 *       always writes a fresh DuckDB file): DuckDB's Appender of the same rows into Footfall's
 *       {@code event} table, one appender and one commit per 1,000 rows, as a write does, with ids
 *       counted in Java instead of taken from the {@code event_id} sequence.
 *   <li>{@code storageWrite}: {@code Storage.write} of the same rows in batches of 1,000, the
 *       storage layer alone.
 *   <li>{@code track}: {@code Tracker.track} for every request, then {@code Analytics.flush}:
 *       validation is done beforehand (requests are built in setup), enrichment, sessions and
 *       storage of every event and session are measured.
 * </ul>
 *
 * <p>Each stores {@value #EVENTS} events per invocation into a fresh database; the score is the
 * time per event. Run: {@code mvn -q -pl analytics-benchmarks -am package -DskipTests && java -jar
 * analytics-benchmarks/target/benchmarks.jar IngestBenchmark} (H2), or with {@code -p
 * database=postgresql -p store=database} for the PostgreSQL server on 127.0.0.1. DuckDB against
 * its Appender ceiling and H2, in one run: {@code java -jar
 * analytics-benchmarks/target/benchmarks.jar 'IngestBenchmark\.(duckDbAppender|storageWrite|track)$'
 * -p database=duckdb,h2 -p store=database} (not {@code rawJdbcBatchInsert} on DuckDB: a JDBC
 * batch there costs about as much as single inserts, minutes per invocation).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(IngestBenchmark.EVENTS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class IngestBenchmark {
  static final int EVENTS = 200_000;
  private static final int VISITORS = 5_000;
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String INSERT = "INSERT INTO event (site_id, event_type, event_name,"
      + " hostname, pathname, referrer, referrer_source, utm_source, utm_medium, utm_campaign,"
      + " utm_content, utm_term, visitor_id, session_id, browser, browser_version, os, os_version,"
      + " device_type, country, interactive, metadata, timestamp)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * A fresh database for each iteration: an H2 file ({@code h2}), a new schema on the PostgreSQL
   * server of the machine ({@code postgresql}: 127.0.0.1:5432, database {@code test}, user {@code
   * postgres}), or a DuckDB file ({@code duckdb}).
   */
  @State(Scope.Thread)
  public static class Database {
    @Param({"h2"})
    String database;

    Path dir;
    String schema;
    Storage storage;
    Jdbi jdbi;

    @Setup(Level.Iteration)
    public void open() throws IOException, SQLException {
      schema = null;
      switch (database) {
        case "postgresql" -> {
          schema = "ff_bench_" + System.nanoTime();
          postgres("CREATE SCHEMA " + schema);
          JdbiStorage jdbiStorage =
              JdbiStorage.pooled(POSTGRES + "?currentSchema=" + schema, "postgres", "");
          storage = jdbiStorage;
          jdbi = jdbiStorage.jdbi();
        }
        case "h2" -> {
          dir = Files.createTempDirectory("footfall-bench");
          JdbiStorage jdbiStorage = JdbiStorage.h2(dir.resolve("db"));
          storage = jdbiStorage;
          jdbi = jdbiStorage.jdbi();
        }
        case "duckdb" -> {
          dir = Files.createTempDirectory("footfall-bench");
          DuckDbStorage duckDb = DuckDbStorage.open(dir.resolve("footfall.duckdb"));
          storage = duckDb;
          jdbi = duckDb.jdbi();
        }
        default -> throw new IllegalArgumentException(
            "database must be h2, postgresql or duckdb but was '" + database + "'");
      }
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException, SQLException {
      storage.close();
      if (schema != null) {
        postgres("DROP SCHEMA " + schema + " CASCADE");
        return;
      }
      deleteTree(dir);
    }

    String insertSql() {
      return database.equals("postgresql") ? INSERT.replace("?, ?)", "CAST(? AS jsonb), ?)") : INSERT;
    }

    private static void postgres(String sql) throws SQLException {
      try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "");
          Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }
  }

  /** A fresh DuckDB file for each iteration, with Footfall's schema, for the Appender ceiling. */
  @State(Scope.Thread)
  public static class DuckDbFile {
    Path dir;
    DuckDbStorage storage;

    @Setup(Level.Iteration)
    public void open() throws IOException {
      dir = Files.createTempDirectory("footfall-bench");
      storage = DuckDbStorage.open(dir.resolve("footfall.duckdb"));
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
      storage.close();
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * The rows for the raw insert: exactly the events the tracker stores for the benchmark's requests,
   * made by running them through the pipeline into the in-memory store.
   */
  @State(Scope.Benchmark)
  public static class Rows {
    List<Event> rows;

    @Setup(Level.Trial)
    public void build() {
      InMemoryStorage memory = InMemoryStorage.create();
      try (Analytics analytics = Analytics.builder().storage(memory).bufferCapacity(EVENTS)
          .build()) {
        analytics.sites().save(Site.of(SampleTraffic.SITE, SampleTraffic.DOMAIN,
            ZoneId.of("UTC"), "", Instant.now()));
        SampleTraffic.requests(EVENTS, VISITORS, 42).forEach(analytics.tracker()::track);
      }
      rows = memory.events().list(SampleTraffic.SITE, Instant.EPOCH, Instant.now().plusSeconds(60),
          0, EVENTS);
      if (rows.size() != EVENTS) {
        throw new IllegalStateException("expected " + EVENTS + " rows but got " + rows.size());
      }
    }
  }

  /**
   * An {@link Analytics} over the iteration's database, or over the in-memory store (which shows
   * what the pipeline costs without a database), and the prebuilt requests.
   */
  @State(Scope.Thread)
  public static class Tracking {
    @Param({"database", "memory"})
    String store;

    List<TrackRequest> requests;
    Analytics analytics;

    @Setup(Level.Trial)
    public void build() {
      requests = SampleTraffic.requests(EVENTS, VISITORS, 42);
    }

    @Setup(Level.Iteration)
    public void open(Database db) {
      Storage storage = store.equals("database") ? db.storage : InMemoryStorage.create();
      analytics = Analytics.builder().storage(storage).bufferCapacity(EVENTS).build();
      analytics.sites().save(Site.of(SampleTraffic.SITE, SampleTraffic.DOMAIN, ZoneId.of("UTC"),
          "", Instant.now()));
      // Wait for the shared User-Agent analyzer, so that its one-off build is not measured.
      analytics.tracker().track(requests.get(0));
      analytics.flush(Duration.ofMinutes(1));
    }

    @TearDown(Level.Iteration)
    public void close() {
      analytics.close();
    }
  }

  @Benchmark
  public int rawJdbcBatchInsert(Database db, Rows data) throws SQLException {
    try (Connection c = db.jdbi.open().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(db.insertSql())) {
        int n = 0;
        for (Event e : data.rows) {
          int i = 1;
          ps.setString(i++, e.siteId());
          ps.setString(i++, e.type().wireName());
          ps.setString(i++, e.name());
          ps.setString(i++, e.hostname());
          ps.setString(i++, e.pathname());
          ps.setString(i++, e.referrer());
          ps.setString(i++, e.referrerSource());
          ps.setString(i++, e.utm().source());
          ps.setString(i++, e.utm().medium());
          ps.setString(i++, e.utm().campaign());
          ps.setString(i++, e.utm().content());
          ps.setString(i++, e.utm().term());
          ps.setLong(i++, e.visitorId());
          ps.setLong(i++, e.sessionId());
          ps.setString(i++, e.browser());
          ps.setString(i++, e.browserVersion());
          ps.setString(i++, e.os());
          ps.setString(i++, e.osVersion());
          ps.setString(i++, e.deviceType());
          ps.setString(i++, e.country());
          ps.setBoolean(i++, e.interactive());
          ps.setString(i++, e.props().isEmpty() ? "{}"
              : "{\"plan\":\"" + e.props().get("plan") + "\"}");
          ps.setTimestamp(i, Timestamp.from(e.timestamp()));
          ps.addBatch();
          if (++n % 1_000 == 0) {
            ps.executeBatch();
            c.commit();
          }
        }
        ps.executeBatch();
        c.commit();
        return n;
      }
    }
  }

  /**
   * DuckDB's ceiling: the rows appended with a plain Appender, in the columns and the order of
   * {@code DuckDbEvents} (the id first), 1,000 rows an appender and a commit.
   */
  @Benchmark
  public long duckDbAppender(DuckDbFile file, Rows data) throws SQLException {
    try (Handle handle = file.storage.jdbi().open()) {
      DuckDBConnection c = handle.getConnection().unwrap(DuckDBConnection.class);
      c.setAutoCommit(false);
      long id = 0;
      try {
        for (int start = 0; start < data.rows.size(); start += 1_000) {
          try (DuckDBAppender appender = c.createAppender("main", "event")) {
            for (Event e : data.rows.subList(start, Math.min(start + 1_000, data.rows.size()))) {
              appender.beginRow()
                  .append(++id)
                  .append(e.siteId())
                  .append(e.type().wireName())
                  .append(e.name())
                  .append(e.hostname())
                  .append(e.pathname())
                  .append(e.referrer())
                  .append(e.referrerSource())
                  .append(e.utm().source())
                  .append(e.utm().medium())
                  .append(e.utm().campaign())
                  .append(e.utm().content())
                  .append(e.utm().term())
                  .append(e.visitorId())
                  .append(e.sessionId())
                  .append(e.browser())
                  .append(e.browserVersion())
                  .append(e.os())
                  .append(e.osVersion())
                  .append(e.deviceType())
                  .append(e.country())
                  .append(e.interactive())
                  .append(e.props().isEmpty() ? "{}"
                      : "{\"plan\":\"" + e.props().get("plan") + "\"}")
                  .append(LocalDateTime.ofInstant(e.timestamp(), ZoneOffset.UTC))
                  .appendNull() // no revenue
                  .appendNull()
                  .endRow();
            }
            appender.flush();
          }
          c.commit();
        }
      } finally {
        c.setAutoCommit(true);
      }
      return id;
    }
  }

  @Benchmark
  public int storageWrite(Database db, Rows data) {
    for (int i = 0; i < data.rows.size(); i += 1_000) {
      db.storage.write(data.rows.subList(i, Math.min(i + 1_000, data.rows.size())), List.of());
    }
    return data.rows.size();
  }

  @Benchmark
  public long track(Tracking tracking) {
    long accepted = 0;
    for (TrackRequest request : tracking.requests) {
      TrackResult result = tracking.analytics.tracker().track(request);
      if (result.isAccepted()) {
        accepted++;
      }
    }
    if (accepted != EVENTS || !tracking.analytics.flush(Duration.ofMinutes(5))) {
      throw new IllegalStateException("accepted " + accepted + " of " + EVENTS);
    }
    return accepted;
  }

}
