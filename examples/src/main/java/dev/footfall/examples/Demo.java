package dev.footfall.examples;

import dev.footfall.Analytics;
import dev.footfall.Site;
import dev.footfall.duckdb.DuckDbStorage;
import dev.footfall.email.EmailReportSender;
import dev.footfall.geoip.data.BundledCountryDatabase;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.kafka.KafkaEventLog;
import dev.footfall.servlet.HttpSettings;
import dev.footfall.spi.Storage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo: a small website on embedded Jetty, tracked by Footfall into embedded H2 (or DuckDB, or
 * a database server), optionally filled with a few weeks of sample traffic first. Configured by
 * environment variables:
 *
 * <ul>
 *   <li>{@code PORT} (default 8080);
 *   <li>{@code FOOTFALL_DB}: an H2 file path, a JDBC URL, or {@code duckdb:} and a DuckDB file path
 *       (default {@code footfall-demo/footfall});
 *   <li>{@code FOOTFALL_SAMPLE_DAYS}: days of sample traffic to generate on start (default 14; 0
 *       for none);
 *   <li>{@code FOOTFALL_TRUSTED_PROXIES}: comma-separated addresses or CIDR ranges whose
 *       forwarding headers are believed (default none);
 *   <li>{@code FOOTFALL_ADMIN_KEY}: the admin API's bearer key, at least 16 characters (default: a
 *       random key, printed on start; a key given here is never printed);
 *   <li>{@code FOOTFALL_KAFKA}: Kafka's bootstrap servers ({@code host:port}, comma-separated) for
 *       cluster mode (default: none, a single instance); {@code FOOTFALL_KAFKA_CONSUME=false}
 *       makes a tracking-only instance, whose events {@link Ingester}s or other instances store;
 *   <li>{@code FOOTFALL_SMTP}: an SMTP server ({@code host:port}) that sends the email reports of
 *       the recipients added in the dashboard or the admin API (default: none, no mail is sent),
 *       from {@code FOOTFALL_MAIL_FROM} (default {@code reports@demo.footfall.dev}), with links to
 *       {@code FOOTFALL_BASE_URL} (default {@code http://localhost:<PORT>}).
 * </ul>
 *
 * <p>SIGTERM or Ctrl-C stops the server, then stores every accepted event before exiting.
 */
public final class Demo {
  static final String SITE_ID = "demo";
  static final String DOMAIN = "demo.footfall.dev";
  private static final String DUCKDB = "duckdb:";

  private Demo() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    int port = Integer.parseInt(env.getOrDefault("PORT", "8080"));
    String db = env.getOrDefault("FOOTFALL_DB", "footfall-demo/footfall");
    int days = Integer.parseInt(env.getOrDefault("FOOTFALL_SAMPLE_DAYS", "14"));
    String givenKey = env.get("FOOTFALL_ADMIN_KEY");
    String adminKey = givenKey != null ? givenKey : randomKey();
    List<String> proxies = Arrays.stream(env.getOrDefault("FOOTFALL_TRUSTED_PROXIES", "").split(","))
        .map(String::strip).filter(p -> !p.isEmpty()).toList();

    Storage storage = openStorage(db);
    // Countries of real visitors (behind FOOTFALL_TRUSTED_PROXIES) from the bundled database.
    Analytics.Builder builder = Analytics.builder().storage(storage)
        .geoLocator(BundledCountryDatabase.locator());
    Optional<KafkaEventLog> cluster = eventLog(env);
    cluster.ifPresent(builder::eventLog);
    emailReports(env, port).ifPresent(builder::task);
    Analytics analytics = builder.build();
    if (analytics.sites().find(SITE_ID).isEmpty()) {
      analytics.sites().save(Site.of(SITE_ID, DOMAIN, ZoneId.of("Europe/Berlin"), "Footfall demo",
          Instant.now()));
    }
    if (days > 0) {
      int tracked = new TrafficGenerator(System.nanoTime())
          .generate(analytics.tracker(), SITE_ID, DOMAIN, days, 150, Instant.now());
      analytics.flush(Duration.ofMinutes(5));
      System.out.printf("Generated %,d sample events over %d days.%n", tracked, days);
    }
    DemoServer server = new DemoServer(analytics,
        HttpSettings.builder().trustedProxies(proxies).adminApiKey(adminKey).build(), "0.0.0.0",
        port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("stopping the server failed: " + e);
      }
      analytics.close();
      System.out.println("Footfall demo stopped; every accepted event is stored.");
    }, "footfall-demo-shutdown"));
    System.out.printf("Footfall demo running at http://localhost:%d/ (site id '%s', domain '%s')%n",
        server.port(), SITE_ID, DOMAIN);
    System.out.println("Database: " + location(db));
    cluster.ifPresent(log -> System.out.println("Cluster mode: events go through Kafka at "
        + env.get("FOOTFALL_KAFKA") + ", " + log.name()));
    if (analytics.jobs().tasks().contains(EmailReportSender.NAME)) {
      System.out.println("Email reports: sent through " + env.get("FOOTFALL_SMTP"));
    }
    System.out.printf("Dashboard: http://localhost:%d/admin/websites/%s/analytics%n", server.port(),
        SITE_ID);
    // A key the operator chose is theirs to know: it is not echoed into logs and terminals.
    String shownKey = givenKey != null ? "$FOOTFALL_ADMIN_KEY" : adminKey;
    System.out.printf("Admin API key: %s  (try: curl -H \"Authorization: Bearer %s\""
        + " 'http://localhost:%d/admin/websites/%s/analytics/overview?period=7d')%n",
        givenKey != null ? "as set in FOOTFALL_ADMIN_KEY" : adminKey, shownKey, server.port(),
        SITE_ID);
    server.join();
  }

  /**
   * Returns the email report sender if {@code FOOTFALL_SMTP} ({@code host:port}) is set.
   *
   * @throws IllegalArgumentException if it, {@code FOOTFALL_MAIL_FROM} or {@code
   *     FOOTFALL_BASE_URL} is malformed
   */
  static Optional<EmailReportSender> emailReports(Map<String, String> env, int port) {
    String smtp = env.getOrDefault("FOOTFALL_SMTP", "");
    if (smtp.isBlank()) {
      return Optional.empty();
    }
    int colon = smtp.lastIndexOf(':');
    int smtpPort;
    try {
      smtpPort = Integer.parseInt(smtp.substring(colon + 1));
    } catch (NumberFormatException e) {
      smtpPort = -1;
    }
    if (colon < 1 || smtpPort < 1) {
      throw new IllegalArgumentException("FOOTFALL_SMTP must be host:port but was '" + smtp + "'");
    }
    return Optional.of(EmailReportSender.builder().smtp(smtp.substring(0, colon), smtpPort)
        .from(env.getOrDefault("FOOTFALL_MAIL_FROM", "reports@demo.footfall.dev"))
        .baseUrl(env.getOrDefault("FOOTFALL_BASE_URL", "http://localhost:" + port))
        .build());
  }

  /**
   * Returns the event log for cluster mode if {@code FOOTFALL_KAFKA} is set: topic {@code
   * footfall-events} with 12 partitions, consumed here unless {@code FOOTFALL_KAFKA_CONSUME} is
   * {@code false}.
   */
  static Optional<KafkaEventLog> eventLog(Map<String, String> env) {
    String servers = env.getOrDefault("FOOTFALL_KAFKA", "");
    if (servers.isBlank()) {
      return Optional.empty();
    }
    String consume = env.getOrDefault("FOOTFALL_KAFKA_CONSUME", "true");
    if (!consume.equals("true") && !consume.equals("false")) {
      throw new IllegalArgumentException(
          "FOOTFALL_KAFKA_CONSUME must be true or false but was '" + consume + "'");
    }
    return Optional.of(KafkaEventLog.builder(servers).consume(Boolean.parseBoolean(consume))
        .build());
  }

  /**
   * Opens the storage {@code FOOTFALL_DB} names: {@code duckdb:<path>} a DuckDB file, a {@code
   * jdbc:} URL its database, anything else an H2 file.
   *
   * @throws IllegalArgumentException for {@code duckdb:} with no path
   */
  static Storage openStorage(String db) {
    if (db.startsWith(DUCKDB)) {
      return DuckDbStorage.open(duckDbFile(db));
    }
    return db.startsWith("jdbc:") ? JdbiStorage.pooled(db, "", "") : JdbiStorage.h2(Path.of(db));
  }

  /** Returns where {@link #openStorage} keeps the data of {@code db}, for the start-up message. */
  static String location(String db) {
    if (db.startsWith(DUCKDB)) {
      return duckDbFile(db).toAbsolutePath().toString();
    }
    return db.startsWith("jdbc:") ? db : Path.of(db).toAbsolutePath() + ".mv.db";
  }

  private static Path duckDbFile(String db) {
    String path = db.substring(DUCKDB.length());
    if (path.isBlank()) {
      throw new IllegalArgumentException(
          "FOOTFALL_DB must name a file after 'duckdb:' but was '" + db + "'");
    }
    return Path.of(path);
  }

  /** A fresh 128-bit key, so that the demo's admin API is never open with a well-known key. */
  private static String randomKey() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
