package dev.footfall.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link OutageLogContract} on MariaDB: a second connection locks the {@code event} table ({@code
 * LOCK TABLES ... WRITE}), and as soon as a pool connection waits on the lock, every connection of
 * the pool is killed ({@code KILL}, as at a server restart); the lock is then released. HikariCP
 * logs the driver's exception as it marks the connection broken (SQLState 08000); MariaDB
 * Connector/J would add the statement (with {@code ?} for values) only with {@code
 * dumpQueriesOnException}.
 */
final class MariaDbOutageLogIT extends OutageLogContract {
  @Override
  protected Outage outage() throws Exception {
    TestDatabases.Fresh database = TestDatabases.mariadb();
    String schema = database.url().substring(database.url().lastIndexOf('/') + 1);
    return new Outage() {
      private Connection locker;
      private Connection killer;
      private long lockerId;

      @Override
      public JdbiStorage open() {
        return database.open();
      }

      @Override
      public void begin() throws Exception {
        killer = DriverManager.getConnection(database.adminUrl(), database.user(), "");
        locker = DriverManager.getConnection(database.url(), database.user(), "");
        try (Statement s = locker.createStatement();
            ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
          rs.next();
          lockerId = rs.getLong(1);
          s.execute("LOCK TABLES event WRITE");
        }
      }

      @Override
      public void strike() throws Exception {
        List<Long> pool = new ArrayList<>();
        boolean waiting = false;
        try (PreparedStatement s = killer.prepareStatement(
            "SELECT ID, STATE FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> ?")) {
          s.setString(1, schema);
          s.setLong(2, lockerId);
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              pool.add(rs.getLong(1));
              waiting |= String.valueOf(rs.getString(2)).startsWith("Waiting for table");
            }
          }
        }
        if (waiting) {
          for (long id : pool) {
            try (Statement s = killer.createStatement()) {
              s.execute("KILL " + id);
            } catch (SQLException gone) {
              // it ended by itself meanwhile
            }
          }
        }
      }

      @Override
      public void end() throws Exception {
        try (Statement s = locker.createStatement()) {
          s.execute("UNLOCK TABLES");
        }
      }

      @Override
      public List<String> evidence() {
        return List.of("marked as broken because of SQLSTATE(", "Socket error");
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
