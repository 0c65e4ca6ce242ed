package dev.footfall.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, throw-away databases on the servers of this machine: PostgreSQL on 127.0.0.1:5432 (trust
 * auth, database {@code test}) and MariaDB on 127.0.0.1:3306 (root, no password). Each call makes a
 * new schema (PostgreSQL) or database (MariaDB) that {@link Fresh#drop()} removes.
 *
 * <p>Where a server is not running, the test is skipped, so that {@code mvn verify} works on a
 * machine with only a JDK and Maven; under CI ({@code CI=true}), where {@code .ci/run} makes sure
 * both run, it fails instead.
 */
final class TestDatabases {
  static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String POSTGRES_USER = "postgres";
  static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/";
  static final String MARIADB_USER = "root";

  private TestDatabases() {}

  /** A fresh schema or database: its JDBC URL and user, and how to drop it. */
  record Fresh(String kind, String url, String user, String adminUrl, String dropStatement) {
    JdbiStorage open() {
      return JdbiStorage.pooled(url, user, "");
    }

    void drop() {
      try (Connection c = DriverManager.getConnection(adminUrl, user, "");
          Statement s = c.createStatement()) {
        s.execute(dropStatement);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot drop the " + kind + " test database", e);
      }
    }
  }

  /** Returns a fresh in-memory H2 database, kept until dropped. */
  static Fresh h2() {
    String url = "jdbc:h2:mem:" + name() + ";DB_CLOSE_DELAY=-1";
    return new Fresh("H2", url, "", url, "SHUTDOWN");
  }

  static Fresh postgres() {
    String schema = name();
    execute("PostgreSQL", POSTGRES_URL, POSTGRES_USER, "CREATE SCHEMA " + schema);
    return new Fresh("PostgreSQL", POSTGRES_URL + "?currentSchema=" + schema, POSTGRES_USER,
        POSTGRES_URL, "DROP SCHEMA " + schema + " CASCADE");
  }

  static Fresh mariadb() {
    String database = name();
    execute("MariaDB", MARIADB_URL, MARIADB_USER, "CREATE DATABASE " + database
        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    return new Fresh("MariaDB", MARIADB_URL + database, MARIADB_USER, MARIADB_URL,
        "DROP DATABASE " + database);
  }

  private static String name() {
    return "ff_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
        .toLowerCase(Locale.ROOT);
  }

  private static void execute(String kind, String url, String user, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(kind + " must be running under CI (.ci/run starts it)", e);
      }
      Assumptions.abort(kind + " is not reachable at " + url + "; test skipped: " + e.getMessage());
    }
  }
}
