package dev.footfall.kafka;

import dev.footfall.jdbc.JdbiStorage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases for the cluster tests on this machine's servers: a schema on PostgreSQL at
 * 127.0.0.1:5432 ({@code test}, trust) or a database on MariaDB at 127.0.0.1:3306 (root, no
 * password). Cluster mode needs one of them: it is for several processes on one database. Where a
 * server is not running the test is skipped, so that {@code mvn verify} works on a machine with
 * only a JDK and Maven; under CI ({@code CI=true}), where {@code .ci/run} starts both, it fails.
 */
enum Databases {
  POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres") {
    @Override
    Fresh create() {
      String schema = freshName();
      execute(adminUrl, user, "CREATE SCHEMA " + schema);
      return new Fresh(adminUrl + "?currentSchema=" + schema, user,
          () -> execute(adminUrl, user, "DROP SCHEMA " + schema + " CASCADE"));
    }
  },
  MARIADB("jdbc:mariadb://127.0.0.1:3306/", "root") {
    @Override
    Fresh create() {
      String database = freshName();
      execute(adminUrl, user, "CREATE DATABASE " + database
          + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
      return new Fresh(adminUrl + database, user,
          () -> execute(adminUrl, user, "DROP DATABASE " + database));
    }
  };

  final String adminUrl;
  final String user;

  Databases(String adminUrl, String user) {
    this.adminUrl = adminUrl;
    this.user = user;
  }

  /** Creates a fresh, empty schema or database. */
  abstract Fresh create();

  /** A fresh database: its own storage for each instance, and how to drop it. */
  record Fresh(String url, String user, Runnable drop) implements AutoCloseable {
    JdbiStorage open() {
      return JdbiStorage.pooled(url, user, "");
    }

    @Override
    public void close() {
      drop.run();
    }
  }

  private static String freshName() {
    return "ff_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
        .toLowerCase(Locale.ROOT);
  }

  private static void execute(String url, String user, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      if (!sql.startsWith("CREATE") || "true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("cannot run '" + sql + "' at " + url, e);
      }
      Assumptions.abort("no database server at " + url + "; test skipped: " + e.getMessage());
    }
  }
}
