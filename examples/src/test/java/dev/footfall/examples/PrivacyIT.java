package dev.footfall.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.Site;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.servlet.HttpSettings;
import dev.footfall.testkit.PersonalData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy promise under load: 1,000 distinct clients (half IPv4, half IPv6, each with its own
 * User-Agent) track through the HTTP endpoints behind a trusted proxy; afterwards no IP address or
 * User-Agent may be found in any table, in the raw bytes of the H2 database file, or in the log
 * output (all logging of this module's integration tests goes to {@code
 * target/integration-tests.log}, Footfall's own at trace level).
 */
final class PrivacyIT {
  private static final int CLIENTS = 1_000;

  @TempDir
  Path dir;

  static String ip(int client) {
    return client % 2 == 0 ? "81.2." + (client / 250) + "." + (client % 250)
        : "2a00:1450:4001:" + Integer.toHexString(client) + "::1";
  }

  static String userAgent(int client) {
    return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/131.0." + client + ".77 Safari/537.36";
  }

  @Test
  void thousandClients_noIpOrUserAgentInTablesDatabaseFileOrLogs() throws Exception {
    Path database = dir.resolve("privacy");
    Analytics analytics = Analytics.builder().storage(JdbiStorage.h2(database)).build();
    analytics.sites().save(Site.of(Demo.SITE_ID, Demo.DOMAIN, ZoneId.of("UTC"), "", Instant.now()));
    DemoServer server = new DemoServer(analytics, HttpSettings.builder().noRateLimit()
        .trustedProxies(List.of("127.0.0.1")).build(), "127.0.0.1", 0);
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + server.port();
    for (int client = 0; client < CLIENTS; client++) {
      boolean legacy = client % 10 == 0;
      String body = legacy
          ? "{\"website_id\":\"demo\",\"event_type\":\"pageview\",\"pathname\":\"/legacy/" + client
              + "\"}"
          : "{\"n\":\"pageview\",\"u\":\"https://" + Demo.DOMAIN + "/page/" + (client % 50)
              + "\",\"website_id\":\"demo\",\"r\":\"https://www.google.com/\"}";
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base
              + (legacy ? "/web/analytics/track" : "/api/event")))
          .header("User-Agent", userAgent(client))
          .header("X-Forwarded-For", ip(client))
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build(), HttpResponse.BodyHandlers.ofString(UTF_8));
      assertThat(response.statusCode()).isBetween(200, 202);
      assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }
    server.close();
    analytics.close();
    assertThat(analytics.stats().stored()).isEqualTo(CLIENTS);

    List<String> ips = new ArrayList<>();
    List<String> userAgents = new ArrayList<>();
    for (int client = 0; client < CLIENTS; client++) {
      ips.add(ip(client));
      userAgents.add(userAgent(client));
    }
    PersonalData personal = PersonalData.of(ips, userAgents);
    try (JdbiStorage reopened = JdbiStorage.h2(database)) {
      int visitors = reopened.jdbi().withHandle(h -> h.createQuery(
          "SELECT COUNT(DISTINCT visitor_id) FROM event").mapTo(Integer.class).one());
      assertThat(visitors).as("one visitor per client: the proxy's addresses were used")
          .isEqualTo(CLIENTS);
      reopened.jdbi().useHandle(h -> personal.assertAbsentFromTables(h.getConnection()));
    }
    personal.assertAbsentFrom("the H2 file", new String(Files.readAllBytes(
        database.resolveSibling("privacy.mv.db")), ISO_8859_1));
    Path log = Path.of("target", "integration-tests.log");
    String logText = Files.exists(log) ? Files.readString(log, UTF_8) : "";
    assertThat(logText).as("the log of this JVM is captured").contains("HikariDataSource");
    personal.assertAbsentFrom("the log", logText);
  }
}
