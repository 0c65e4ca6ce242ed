package dev.footfall.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Session;
import dev.footfall.StorageException;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.EmailReportStore;
import dev.footfall.spi.EventStore;
import dev.footfall.spi.GoalStore;
import dev.footfall.spi.ImportStore;
import dev.footfall.spi.LeaseStore;
import dev.footfall.spi.LogPosition;
import dev.footfall.spi.LogPositionConflictException;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.SaltStore;
import dev.footfall.spi.SessionStore;
import dev.footfall.spi.SharedLinkStore;
import dev.footfall.spi.SiteStore;
import dev.footfall.spi.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * The storage SPI over a SQL database (H2, PostgreSQL 15+, MariaDB 10.11+, MySQL 8 or DuckDB,
 * detected from the connection), with Jdbi 3. {@link #h2(Path)} gives an embedded H2 file database with its own
 * connection pool; {@link #pooled} opens any JDBC URL; {@link #create(DataSource)} uses any data
 * source. Either
 * way the schema is created or upgraded on start by Flyway migrations (history table {@code
 * footfall_schema_history}).
 *
 * <p>Events are inserted with JDBC batches (on DuckDB, appended with DuckDB's Appender, whose
 * driver must then be on the classpath, as {@code analytics-duckdb} puts it) and sessions upserted
 * in the same transaction, with the event log positions of cluster mode. Failures
 * are thrown as {@link dev.footfall.StorageException}s that carry no SQL values (see the {@code
 * analytics-jdbc} README section). Thread-safe.
 *
 * @since 0.1
 */
public final class JdbiStorage implements Storage {
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final AutoCloseable ownedPool;
  private final SiteStore sites;
  private final EventStore events;
  private final SessionStore sessions;
  private final SaltStore salts;
  private final AggregateStore aggregates;
  private final RollupStore rollups;
  private final LeaseStore leases;
  private final GoalStore goals;
  private final EmailReportStore emailReports;
  private final SharedLinkStore sharedLinks;
  private final ImportStore imports;

  private JdbiStorage(DataSource dataSource, AutoCloseable ownedPool) {
    this.dialect = detect(dataSource);
    migrate(dataSource, dialect);
    this.jdbi = Jdbi.create(dataSource);
    // Never render bound values into exception messages: they can be event payload.
    jdbi.getConfig(StatementExceptions.class)
        .setMessageRendering(StatementExceptions.MessageRendering.NONE);
    if (dialect == Dialect.DUCKDB) {
      // DuckDB's driver refuses Jdbi's setObject(date, Types.DATE) but takes the date untyped.
      jdbi.registerArgument(new AbstractArgumentFactory<LocalDate>(Types.DATE) {
        @Override
        protected Argument build(LocalDate value, ConfigRegistry config) {
          return (position, statement, context) -> statement.setObject(position, value);
        }
      });
    }
    this.ownedPool = ownedPool;
    this.sites = new JdbiSiteStore(jdbi, dialect);
    this.events = new JdbiEventStore(jdbi, dialect);
    this.sessions = new JdbiSessionStore(jdbi, dialect);
    this.salts = new JdbiSaltStore(jdbi, dialect);
    this.aggregates = new JdbiAggregateStore(jdbi, dialect);
    this.rollups = new JdbiRollupStore(jdbi, dialect);
    this.leases = new JdbiLeaseStore(jdbi, dialect);
    this.emailReports = new JdbiEmailReportStore(jdbi, dialect);
    this.goals = new JdbiGoalStore(jdbi);
    this.sharedLinks = new JdbiSharedLinkStore(jdbi, dialect);
    this.imports = new JdbiImportStore(jdbi, dialect);
  }

  /**
   * Opens (creating if needed) an embedded H2 database in the file {@code path} + {@code .mv.db},
   * with a small connection pool that {@link #close()} shuts down.
   *
   * @throws dev.footfall.StorageException if the database cannot be opened or migrated
   */
  public static JdbiStorage h2(Path path) {
    Objects.requireNonNull(path, "path");
    return pooled("jdbc:h2:file:" + path.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "", "");
  }

  /**
   * Opens the database at a JDBC URL with a connection pool that {@link #close()} shuts down. An
   * empty user leaves the credentials to the URL.
   *
   * @throws dev.footfall.StorageException if the database cannot be opened or migrated
   */
  public static JdbiStorage pooled(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
    if (user != null && !user.isEmpty()) {
      config.setUsername(user);
      config.setPassword(password);
    }
    config.setMaximumPoolSize(4);
    config.setPoolName("footfall");
    keepValuesOutOfMessages(config, jdbcUrl);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw Failures.storageException("open the database", e);
    }
    try {
      return new JdbiStorage(pool, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Sets the driver properties that keep bound values out of exception messages. HikariCP logs the
   * driver's exception (message and causes) when it marks a connection broken, as in an outage;
   * without {@code logServerErrorDetail=false}, pgjdbc's message for a failed batch quotes the entry
   * with its values ({@code Batch entry 0 INSERT ... VALUES (...) was aborted}), and its server
   * errors the detail (the key of a duplicate, say). MariaDB Connector/J adds the statement, with
   * {@code ?} for values, only with {@code dumpQueriesOnException}, which is off by default and
   * kept off. H2's messages quote the statement with {@code ?} for values. A setting in the URL
   * takes precedence over these.
   */
  private static void keepValuesOutOfMessages(HikariConfig config, String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      config.addDataSourceProperty("logServerErrorDetail", "false");
    } else if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
      config.addDataSourceProperty("dumpQueriesOnException", "false");
    }
  }

  /**
   * Uses a data source the application manages; {@link #close()} leaves it open.
   *
   * <p>For PostgreSQL, set the driver property {@code logServerErrorDetail=false} on it (in the URL,
   * or with HikariCP {@code addDataSourceProperty}): otherwise a failed batch's exception quotes an
   * event's values, and HikariCP logs that exception when an outage breaks a connection. For
   * MariaDB, leave {@code dumpQueriesOnException} off. {@link #pooled} sets both.
   *
   * @throws dev.footfall.StorageException if the database cannot be reached or migrated
   * @throws IllegalArgumentException if the database is not one Footfall supports
   */
  public static JdbiStorage create(DataSource dataSource) {
    return new JdbiStorage(Objects.requireNonNull(dataSource, "dataSource"), null);
  }

  /** Returns the Jdbi instance, for the application's own queries over Footfall's tables. */
  public Jdbi jdbi() {
    return jdbi;
  }

  @Override
  public SiteStore sites() {
    return sites;
  }

  @Override
  public EventStore events() {
    return events;
  }

  @Override
  public SessionStore sessions() {
    return sessions;
  }

  @Override
  public SaltStore salts() {
    return salts;
  }

  @Override
  public AggregateStore aggregates() {
    return aggregates;
  }

  @Override
  public RollupStore rollups() {
    return rollups;
  }

  @Override
  public LeaseStore leases() {
    return leases;
  }

  @Override
  public GoalStore goals() {
    return goals;
  }

  @Override
  public SharedLinkStore sharedLinks() {
    return sharedLinks;
  }

  @Override
  public ImportStore imports() {
    return imports;
  }

  @Override
  public EmailReportStore emailReports() {
    return emailReports;
  }

  @Override
  public void write(List<Event> newEvents, Collection<Session> newSessions) {
    write(newEvents, newSessions, List.of());
  }

  /**
   * {@inheritDoc}
   *
   * <p>The positions (table {@code log_position}) are moved first, in the order of their partition
   * names, so that two writes of several partitions take the rows' locks in one order. An {@code
   * UPDATE} of a stored position that a concurrent write has updated waits for that write and then
   * finds the position moved (DuckDB fails it at once, which is a conflict as well); of two {@code
   * INSERT}s of a first position, the primary key lets one win (DuckDB checks it at commit).
   *
   * @throws IllegalArgumentException if two positions name one partition
   */
  @Override
  public void write(List<Event> written, Collection<Session> newSessions,
      Collection<LogPosition> positions) {
    List<LogPosition> ordered = inPartitionOrder(positions);
    List<Event> newEvents = written;
    List<Event> engagements = List.of();
    if (written.stream().anyMatch(e -> e.type() == EventType.ENGAGEMENT)) {
      newEvents = written.stream().filter(e -> e.type() != EventType.ENGAGEMENT).toList();
      engagements = written.stream().filter(e -> e.type() == EventType.ENGAGEMENT).toList();
    }
    List<Event> events = newEvents;
    List<Event> engaged = engagements;
    try {
      jdbi.useTransaction(handle -> {
        Connection connection = handle.getConnection();
        for (LogPosition position : ordered) {
          if (!move(connection, position)) {
            // Jdbi rolls back and rethrows it as it is.
            throw new LogPositionConflictException(position.partition());
          }
        }
        insertEngagements(connection, engaged);
        if (dialect == Dialect.DUCKDB) {
          DuckDbEvents.append(connection, events);
          DuckDbSessions.upsert(connection, newSessions);
          return;
        }
        insertEvents(connection, events);
        try (PreparedStatement upsert = connection.prepareStatement(dialect.upsertSession)) {
          for (Session session : newSessions) {
            Rows.bindSession(upsert, session, dialect);
            upsert.addBatch();
          }
          upsert.executeBatch();
        }
      });
    } catch (LogPositionConflictException e) {
      throw e;
    } catch (RuntimeException | SQLException e) {
      StorageException failure = Failures.storageException("write " + newEvents.size() + " events",
          e);
      throw dialect == Dialect.DUCKDB && Failures.isUniqueViolation(e)
          ? duckDbCommitConflict(ordered, failure) : failure;
    }
  }

  private static List<LogPosition> inPartitionOrder(Collection<LogPosition> positions) {
    List<LogPosition> ordered = new ArrayList<>(positions);
    ordered.sort(Comparator.comparing(LogPosition::partition));
    for (int i = 1; i < ordered.size(); i++) {
      if (ordered.get(i).partition().equals(ordered.get(i - 1).partition())) {
        throw new IllegalArgumentException("positions must name each partition once but named '"
            + ordered.get(i).partition() + "' twice");
      }
    }
    return ordered;
  }

  /**
   * Moves a partition's stored position from {@code from} to {@code to}, returning {@code false}
   * if it was not at {@code from}.
   */
  private static boolean move(Connection connection, LogPosition position) throws SQLException {
    if (position.from() == LogPosition.NONE) {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO log_position (log_partition, next_offset) VALUES (?, ?)")) {
        insert.setString(1, position.partition());
        insert.setLong(2, position.to());
        insert.executeUpdate();
        return true;
      } catch (SQLException e) {
        // On PostgreSQL the failed insert aborts the transaction, which the conflict rolls back.
        if (Failures.isUniqueViolation(e)) {
          return false;
        }
        throw e;
      }
    }
    try (PreparedStatement update = connection.prepareStatement("UPDATE log_position"
        + " SET next_offset = ? WHERE log_partition = ? AND next_offset = ?")) {
      update.setLong(1, position.to());
      update.setString(2, position.partition());
      update.setLong(3, position.from());
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      // DuckDB: a concurrent write updated the row first (committed or not).
      if (Failures.isWriteConflict(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Returns the conflict for a DuckDB write that failed to commit with a unique violation, or
   * {@code failure} if it was none. DuckDB checks keys at commit: of two writes that insert a
   * partition's first position, both succeed at first and the later fails to commit (as it would
   * for a session that both insert). Once that failed, the other has committed, so a position
   * stored now for a partition the write expected none for is the conflict.
   */
  private StorageException duckDbCommitConflict(List<LogPosition> positions,
      StorageException failure) {
    List<String> firsts = positions.stream()
        .filter(position -> position.from() == LogPosition.NONE)
        .map(LogPosition::partition)
        .toList();
    if (firsts.isEmpty()) {
      return failure;
    }
    Map<String, Long> stored;
    try {
      stored = logPositions(firsts);
    } catch (StorageException e) {
      failure.addSuppressed(e);
      return failure;
    }
    for (String partition : firsts) {
      if (stored.containsKey(partition)) {
        return new LogPositionConflictException(partition);
      }
    }
    return failure;
  }

  @Override
  public Map<String, Long> logPositions(Collection<String> partitions) {
    List<String> names = List.copyOf(partitions);
    return Failures.call("read " + names.size() + " log positions", () -> jdbi.withHandle(h -> {
      Map<String, Long> found = new HashMap<>();
      // In chunks, to stay within the parameters a statement may have.
      for (int i = 0; i < names.size(); i += IdChunks.SIZE) {
        h.createQuery("SELECT log_partition, next_offset FROM log_position"
                + " WHERE log_partition IN (<partitions>)")
            .bindList("partitions", names.subList(i, Math.min(i + IdChunks.SIZE, names.size())))
            .map((rs, ctx) -> Map.entry(rs.getString("log_partition"), rs.getLong("next_offset")))
            .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
      }
      return found;
    }));
  }

  private void insertEngagements(Connection connection, List<Event> engagements)
      throws SQLException {
    if (engagements.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(Rows.INSERT_ENGAGEMENT)) {
      for (Event engagement : engagements) {
        Rows.bindEngagement(insert, engagement, dialect);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void insertEvents(Connection connection, List<Event> newEvents) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(dialect.insertEvent)) {
      for (Event event : newEvents) {
        Rows.bindEvent(insert, event, dialect);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Override
  public void close() {
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        throw Failures.storageException("close the connection pool", e);
      }
    }
  }

  private static Dialect detect(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return Dialect.forProduct(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw Failures.storageException("connect to the database", e);
    }
  }

  private static void migrate(DataSource dataSource, Dialect dialect) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(dialect.migrations)
          .table("footfall_schema_history")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw Failures.storageException("migrate the schema", e);
    }
  }
}
