package dev.footfall.benchmarks;

import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.TrackResult;
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
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Sustained ingestion into an embedded H2 file database, against its ceiling.
 *
 * <ul>
 *   <li>{@code rawJdbcBatchInsert}: the ceiling, plain JDBC batch inserts (1,000 rows a transaction)
 *       of rows equivalent to what the tracker stores, into Footfall's own {@code event} table.
 *   <li>{@code storageWrite}: {@code JdbiStorage.write} of the same rows in batches of 1,000, the
 *       storage layer alone.
 *   <li>{@code track}: {@code Tracker.track} for every request, then {@code Analytics.flush}:
 *       validation is done beforehand (requests are built in setup), enrichment, sessions and
 *       storage of every event and session are measured.
 * </ul>
 *
 * <p>Each stores {@value #EVENTS} events per invocation into a fresh database; the score is the
 * time per event. Run: {@code mvn -q -pl analytics-benchmarks -am package -DskipTests && java -jar
 * analytics-benchmarks/target/benchmarks.jar IngestBenchmark} (H2), or with {@code -p
 * database=postgresql -p store=database} for the PostgreSQL server on 127.0.0.1.
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
   * A fresh database for each iteration: an H2 file, or a new schema on the PostgreSQL server of
   * the machine (127.0.0.1:5432, database {@code test}, user {@code postgres}).
   */
  @State(Scope.Thread)
  public static class Database {
    @Param({"h2"})
    String database;

    Path dir;
    String schema;
    JdbiStorage storage;

    @Setup(Level.Iteration)
    public void open() throws IOException, SQLException {
      if (database.equals("postgresql")) {
        schema = "ff_bench_" + System.nanoTime();
        postgres("CREATE SCHEMA " + schema);
        storage = JdbiStorage.pooled(POSTGRES + "?currentSchema=" + schema, "postgres", "");
      } else {
        dir = Files.createTempDirectory("footfall-bench");
        storage = JdbiStorage.h2(dir.resolve("db"));
      }
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException, SQLException {
      storage.close();
      if (schema != null) {
        postgres("DROP SCHEMA " + schema + " CASCADE");
        return;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
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
   * An {@link Analytics} over the iteration's H2 database, or over the in-memory store (which shows
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
    try (Connection c = db.storage.jdbi().open().getConnection()) {
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
