package dev.footfall.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Everything that differs between the supported databases, in one place: the migration scripts, the
 * statements that are not standard SQL (upserts, insert-if-absent, the JSON column) and how an
 * instant is bound and read. Instants are always UTC on the wire, so neither the JVM's nor the
 * database session's timezone can shift them: H2 and PostgreSQL take a UTC {@link OffsetDateTime}
 * for their {@code TIMESTAMP WITH TIME ZONE}; MariaDB/MySQL, whose {@code DATETIME} has no zone,
 * and DuckDB, whose {@code TIMESTAMP} has none, a {@link LocalDateTime} in UTC. DuckDB's events are
 * appended by {@link DuckDbEvents}, not inserted.
 */
enum Dialect {
  H2("h2",
      "MERGE INTO site KEY (id) VALUES (:id, :domain, :timezone, :name, :createdAt)",
      "MERGE INTO salt USING (VALUES (CAST(:day AS DATE), CAST(:key AS VARBINARY(64)),"
          + " CAST(:createdAt AS TIMESTAMP(3) WITH TIME ZONE)))"
          + " AS v(salt_date, salt_key, created_at)"
          + " ON salt.salt_date = v.salt_date"
          + " WHEN NOT MATCHED THEN INSERT VALUES (v.salt_date, v.salt_key, v.created_at)",
      "MERGE INTO session USING (VALUES (" + h2SessionValues() + ")) AS v("
          + Columns.list(Columns.SESSION) + ") ON session.session_id = v.session_id"
          + " WHEN MATCHED AND (" + newerSession("session", "v") + ") THEN UPDATE SET "
          + assignments(Columns.SESSION, "v.%s")
          + " WHEN NOT MATCHED THEN INSERT (" + Columns.list(Columns.SESSION) + ") VALUES ("
          + Columns.list(Columns.SESSION.stream().map(column -> "v." + column).toList()) + ")",
      "?"),
  POSTGRESQL("postgresql",
      "INSERT INTO site (id, domain, timezone, name, created_at)"
          + " VALUES (:id, :domain, :timezone, :name, :createdAt)"
          + " ON CONFLICT (id) DO UPDATE SET domain = EXCLUDED.domain,"
          + " timezone = EXCLUDED.timezone, name = EXCLUDED.name, created_at = EXCLUDED.created_at",
      "INSERT INTO salt (salt_date, salt_key, created_at) VALUES (:day, :key, :createdAt)"
          + " ON CONFLICT (salt_date) DO NOTHING",
      "INSERT INTO session (" + Columns.list(Columns.SESSION) + ") VALUES ("
          + placeholders(Columns.SESSION.size()) + ") ON CONFLICT (session_id) DO UPDATE SET "
          + assignments(Columns.SESSION, "EXCLUDED.%s")
          + " WHERE " + newerSession("session", "EXCLUDED"),
      "CAST(? AS jsonb)"),
  MARIADB("mariadb",
      "INSERT INTO site (id, domain, timezone, name, created_at)"
          + " VALUES (:id, :domain, :timezone, :name, :createdAt)"
          + " ON DUPLICATE KEY UPDATE domain = VALUES(domain), timezone = VALUES(timezone),"
          + " name = VALUES(name), created_at = VALUES(created_at)",
      "INSERT IGNORE INTO salt (salt_date, salt_key, created_at) VALUES (:day, :key, :createdAt)",
      "INSERT INTO session (" + Columns.list(Columns.SESSION) + ") VALUES ("
          + placeholders(Columns.SESSION.size()) + ") ON DUPLICATE KEY UPDATE "
          + mariaDbNewerAssignments(),
      "?"),
  DUCKDB("duckdb",
      POSTGRESQL.upsertSite,
      POSTGRESQL.insertSaltIfAbsent,
      POSTGRESQL.upsertSession,
      "?");

  final String migrations;
  final String upsertSite;
  final String insertSaltIfAbsent;
  final String upsertSession;
  final String insertEvent;
  final String updateEvent;
  private final String jsonPlaceholder;

  Dialect(String folder, String upsertSite, String insertSaltIfAbsent, String upsertSession,
      String jsonPlaceholder) {
    this.migrations = "classpath:dev/footfall/jdbc/migration/" + folder;
    this.upsertSite = upsertSite;
    this.insertSaltIfAbsent = insertSaltIfAbsent;
    this.upsertSession = upsertSession;
    this.jsonPlaceholder = jsonPlaceholder;
    List<String> values = new ArrayList<>(Collections.nCopies(Columns.EVENT.size(), "?"));
    values.set(Columns.EVENT.indexOf("metadata"), jsonPlaceholder);
    this.insertEvent = "INSERT INTO event (" + Columns.list(Columns.EVENT) + ") VALUES ("
        + String.join(", ", values) + ")";
    // A pageview's name is always 'pageview', whatever the caller passes.
    this.updateEvent = "UPDATE event SET event_name = CASE WHEN event_type = 'pageview'"
        + " THEN event_name ELSE :name END, pathname = :pathname, metadata = "
        + json("metadata") + " WHERE id = :id";
  }

  /** Returns the placeholder for a JSON value bound as text under the name {@code parameter}. */
  String json(String parameter) {
    return jsonPlaceholder.replace("?", ":" + parameter);
  }

  /**
   * Returns the dialect for a JDBC {@code DatabaseMetaData.getDatabaseProductName()}.
   *
   * @throws IllegalArgumentException for a database Footfall does not support
   */
  static Dialect forProduct(String productName) {
    String name = productName.toLowerCase(Locale.ROOT);
    if (name.contains("h2")) {
      return H2;
    }
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.contains("mariadb") || name.contains("mysql")) {
      return MARIADB;
    }
    if (name.contains("duckdb")) {
      return DUCKDB;
    }
    throw new IllegalArgumentException("database must be H2, PostgreSQL, MariaDB, MySQL or DuckDB"
        + " but was '" + productName + "'");
  }

  /** Returns the value to bind for an instant ({@code null} stays {@code null}). */
  Object bind(Instant instant) {
    if (instant == null) {
      return null;
    }
    return localTimestamps() ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC)
        : instant.atOffset(ZoneOffset.UTC);
  }

  /** Returns whether timestamps are stored without zone, as UTC local date-times. */
  boolean localTimestamps() {
    return this == MARIADB || this == DUCKDB;
  }

  /**
   * Returns whether reports count each group's events and sessions in one query that groups the
   * events by session first (a column store's cheaper plan), rather than in two queries.
   */
  boolean countsSessionsFirst() {
    return this == DUCKDB;
  }

  /** Reads an instant column. */
  Instant instant(ResultSet rs, String column) throws SQLException {
    if (localTimestamps()) {
      LocalDateTime value = rs.getObject(column, LocalDateTime.class);
      return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Returns the SQL of a timestamp column's whole epoch seconds, as an integer. */
  String epochSeconds(String column) {
    return this == MARIADB ? "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', " + column + ")"
        : "CAST(FLOOR(EXTRACT(EPOCH FROM " + column + ")) AS BIGINT)";
  }

  /** Returns the SQL of a non-negative integer expression divided by {@code divisor}, rounded down. */
  String divide(String expression, int divisor) {
    return switch (this) {
      case MARIADB -> "(" + expression + " DIV " + divisor + ")";
      // DuckDB's / gives a DOUBLE, which its floor gives exactly for integers this size.
      case DUCKDB -> "CAST(FLOOR((" + expression + ") / " + divisor + ") AS BIGINT)";
      default -> "(" + expression + " / " + divisor + ")";
    };
  }

  /**
   * Returns the SQL that tells whether the regular expression bound to {@code placeholder} (the
   * value {@link #regex} gives) is found in {@code column}.
   */
  String matches(String column, String placeholder, boolean caseSensitive) {
    return switch (this) {
      case H2 -> "REGEXP_LIKE(" + column + ", " + placeholder
          + (caseSensitive ? ", 'c')" : ", 'i')");
      case POSTGRESQL -> column + (caseSensitive ? " ~ " : " ~* ") + placeholder;
      case MARIADB -> column + " REGEXP " + placeholder;
      case DUCKDB -> "regexp_matches(" + column + ", " + placeholder
          + (caseSensitive ? ", 'c')" : ", 'i')");
    };
  }

  /**
   * Returns the value to bind for {@link #matches}: the regular expression, for MariaDB with the
   * case sensitivity set inline (its {@code REGEXP} would follow the column's collation).
   */
  String regex(String regex, boolean caseSensitive) {
    return this == MARIADB ? (caseSensitive ? "(?-i)" : "(?i)") + regex : regex;
  }

  /**
   * Returns the SQL of a prop's value in a JSON metadata column (null when absent), given the
   * placeholder bound to {@link #propPath}.
   */
  String prop(String column, String pathPlaceholder) {
    return switch (this) {
      case H2 -> "FOOTFALL_PROP(" + column + ", " + pathPlaceholder + ")";
      case POSTGRESQL -> "(" + column + " ->> CAST(" + pathPlaceholder + " AS text))";
      case MARIADB -> "JSON_VALUE(" + column + ", " + pathPlaceholder + ")";
      case DUCKDB -> "json_extract_string(" + column + ", " + pathPlaceholder + ")";
    };
  }

  /**
   * Returns the SQL of the keys of a JSON metadata column as a JSON array text ({@code null},
   * {@code []} or an array of strings).
   */
  String propKeys(String column) {
    return switch (this) {
      case H2 -> "FOOTFALL_PROP_KEYS(" + column + ")";
      case POSTGRESQL -> "(SELECT CAST(jsonb_agg(k) AS TEXT) FROM jsonb_object_keys(" + column
          + ") k)";
      case MARIADB -> "JSON_KEYS(" + column + ")";
      case DUCKDB -> "CAST(to_json(json_keys(" + column + ")) AS VARCHAR)";
    };
  }

  /**
   * Returns the value to bind for {@link #prop}: the key, for MariaDB a JSON path to it, for
   * DuckDB a JSON pointer (RFC 6901, whose escapes are defined for every key).
   */
  String propPath(String key) {
    return switch (this) {
      case MARIADB -> "$.\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      case DUCKDB -> "/" + key.replace("~", "~0").replace("/", "~1");
      default -> key;
    };
  }

  /**
   * Returns a text expression that sorts by code point, as Java does, whatever the database's
   * default collation (H2 already compares so, and Footfall's MariaDB tables use {@code utf8mb4_bin}).
   */
  String binaryCollation(String expression) {
    return this == POSTGRESQL ? "(" + expression + ") COLLATE \"C\"" : expression;
  }

  /**
   * Returns a statement deleting at most {@code :limit} rows of {@code table} that match {@code
   * condition}; {@code key} is the table's primary key.
   */
  String deleteLimited(String table, String key, String condition) {
    return switch (this) {
      case H2 -> "DELETE FROM " + table + " WHERE " + condition + " FETCH FIRST :limit ROWS ONLY";
      case POSTGRESQL, DUCKDB -> "DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key
          + " FROM " + table + " WHERE " + condition + " LIMIT :limit)";
      case MARIADB -> "DELETE FROM " + table + " WHERE " + condition + " LIMIT :limit";
    };
  }

  /**
   * Returns a query that locks the row of site {@code :site} until the transaction ends and selects
   * its id (none for an unknown site). DuckDB has no {@code FOR UPDATE}: a no-op update of the row
   * makes a concurrent transaction that updates it fail with a write conflict instead of waiting.
   */
  String lockSite() {
    return this == DUCKDB ? "UPDATE site SET name = name WHERE id = :site RETURNING id"
        : "SELECT id FROM site WHERE id = :site FOR UPDATE";
  }

  /**
   * Returns the SQL condition under which a session snapshot replaces the stored row: it is newer,
   * by its last activity and then by its count of events. Two instances that write one session (one
   * restarted and restored it while the other still held it, say) then never put the older numbers
   * back over the newer ones.
   */
  static String newerSession(String stored, String incoming) {
    return stored + ".last_activity_at < " + incoming + ".last_activity_at OR ("
        + stored + ".last_activity_at = " + incoming + ".last_activity_at AND "
        + stored + ".events <= " + incoming + ".events)";
  }

  /**
   * MariaDB's {@code ON DUPLICATE KEY UPDATE} for {@link #newerSession}: each column keeps its
   * value unless the new row is newer. MariaDB assigns from left to right and later expressions see
   * the values assigned before them, so the two columns the condition reads come last, {@code
   * events} before {@code last_activity_at}, whose condition reads the new {@code events} (equal to
   * the row's when the row is newer, which keeps the answer the same).
   */
  private static String mariaDbNewerAssignments() {
    String newer = "VALUES(last_activity_at) > last_activity_at OR (VALUES(last_activity_at)"
        + " = last_activity_at AND VALUES(events) >= events)";
    List<String> columns = new ArrayList<>(Columns.SESSION.subList(1, Columns.SESSION.size()));
    columns.remove("events");
    columns.remove("last_activity_at");
    columns.add("events");
    columns.add("last_activity_at");
    List<String> sets = new ArrayList<>();
    for (String column : columns) {
      sets.add(column + " = IF(" + newer + ", VALUES(" + column + "), " + column + ")");
    }
    return String.join(", ", sets);
  }

  /** H2's typed {@code VALUES} row for a session's parameters, in {@link Columns#SESSION} order. */
  private static String h2SessionValues() {
    List<String> types = List.of("BIGINT", "VARCHAR(100)", "BIGINT", "VARCHAR(2000)",
        "VARCHAR(2000)", "INT", "INT", "BIGINT", "BOOLEAN", "VARCHAR(2000)", "VARCHAR(2000)",
        "VARCHAR(2000)", "VARCHAR(2000)", "VARCHAR(2000)", "VARCHAR(2000)", "VARCHAR(2000)",
        "VARCHAR(2)", "VARCHAR(32)", "VARCHAR(255)", "VARCHAR(255)",
        "TIMESTAMP(3) WITH TIME ZONE", "TIMESTAMP(3) WITH TIME ZONE",
        "TIMESTAMP(3) WITH TIME ZONE", "VARCHAR(64)");
    return String.join(", ", types.stream().map(type -> "CAST(? AS " + type + ")").toList());
  }

  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private static String assignments(List<String> columns, String valueFormat) {
    List<String> sets = new ArrayList<>();
    for (String column : columns.subList(1, columns.size())) {
      sets.add(column + " = " + String.format(valueFormat, column));
    }
    return String.join(", ", sets);
  }
}
