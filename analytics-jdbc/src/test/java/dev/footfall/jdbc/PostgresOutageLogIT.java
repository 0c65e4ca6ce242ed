package dev.footfall.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@link OutageLogContract} on PostgreSQL: a second connection locks the {@code event} table, and as
 * soon as a pool connection's insert batch waits on the lock, all the pool's connections are
 * terminated ({@code pg_terminate_backend}, as at a server shutdown or failover); the lock is then
 * released. pgjdbc reports the aborted batch entry, and HikariCP logs that exception as it marks the
 * connection broken (SQLState 57P01 or 08006): the path that logged the whole {@code INSERT} with
 * its values before {@link JdbiStorage#pooled} set {@code logServerErrorDetail=false}.
 */
final class PostgresOutageLogIT extends OutageLogContract {
  @Override
  protected Outage outage() throws Exception {
    TestDatabases.Fresh database = TestDatabases.postgres();
    String application = "footfall-outage-" + System.nanoTime();
    return new Outage() {
      private Connection locker;
      private Connection killer;

      @Override
      public JdbiStorage open() {
        return JdbiStorage.pooled(database.url() + "&ApplicationName=" + application,
            database.user(), "");
      }

      @Override
      public void begin() throws Exception {
        killer = DriverManager.getConnection(database.url(), database.user(), "");
        locker = DriverManager.getConnection(database.url(), database.user(), "");
        locker.setAutoCommit(false);
        try (Statement s = locker.createStatement()) {
          s.execute("LOCK TABLE event IN ACCESS EXCLUSIVE MODE");
        }
      }

      @Override
      public void strike() throws Exception {
        try (PreparedStatement s = killer.prepareStatement(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?"
                + " AND EXISTS (SELECT 1 FROM pg_stat_activity w WHERE w.application_name = ?"
                + " AND w.wait_event_type = 'Lock')")) {
          s.setString(1, application);
          s.setString(2, application);
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              // each row is one terminated backend
            }
          }
        }
      }

      @Override
      public void end() throws Exception {
        locker.rollback();
      }

      @Override
      public List<String> evidence() {
        return List.of("marked as broken because of SQLSTATE(",
            "java.sql.BatchUpdateException: Batch entry ");
      }

      @Override
      public void close() throws SQLException {
        try {
          if (locker != null) {
            locker.close();
            killer.close();
          }
        } finally {
          database.drop();
        }
      }
    };
  }
}
