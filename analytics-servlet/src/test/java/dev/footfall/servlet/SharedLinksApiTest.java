package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Analytics;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.memory.InMemoryStorage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shared links through the admin API, and what a shared link may read: its site's reports and
 * nothing else, never the admin API, nothing once revoked, nothing without its password.
 */
final class SharedLinksApiTest {
  private Analytics analytics;
  private AnalyticsHandler handler;

  @BeforeEach
  void open() {
    analytics = AdminCalls.shop(InMemoryStorage.create());
    analytics.sites().save(Site.of("blog", "blog.example", ZoneOffset.UTC, "Blog", Instant.EPOCH));
    handler = AdminCalls.handler(analytics);
    track("shop", "https://shop.example/pricing", "A");
    track("shop", "https://shop.example/", "B");
    track("blog", "https://blog.example/secret-post", "C");
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  private void track(String site, String url, String visitor) {
    analytics.tracker().track(TrackRequest.pageview(site, url).visitorId(visitor)
        .timestamp(AdminCalls.NOW.minusSeconds(3600))
        .context(RequestContext.of("203.0.113.9", AdminCalls.CHROME)).build());
  }

  /** Creates a link through the admin API and returns its token. */
  private String create(String body) throws IOException {
    JsonNode link = AdminCalls.ok(handler, 201, "POST", "/admin/websites/shop/shared-links", body);
    return link.get("token").asText();
  }

  /** A request with no admin credentials, only what a shared link's viewer has. */
  private FakeExchange anonymous(String method, String pathAndQuery, String cookie)
      throws IOException {
    FakeExchange exchange = new FakeExchange().request(method, pathAndQuery);
    if (cookie != null) {
      exchange.header("Cookie", cookie);
    }
    assertThat(handler.handle(exchange)).isTrue();
    return exchange;
  }

  @Test
  void adminApi_createsListsAndRevokes_andAnswersTheTokenOnlyOnce() throws IOException {
    JsonNode created = AdminCalls.ok(handler, 201, "POST", "/admin/websites/shop/shared-links",
        "{\"name\":\"Investors\",\"password\":\"s3cret\"}");
    String token = created.get("token").asText();
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(created.get("path").asText()).isEqualTo("/share/" + token);
    assertThat(created.get("name").asText()).isEqualTo("Investors");
    assertThat(created.get("password_protected").asBoolean()).isTrue();
    assertThat(created.get("created_at").asText()).isEqualTo("2026-11-24T12:00:00Z");

    JsonNode list = AdminCalls.ok(handler, 200, "GET", "/admin/websites/shop/shared-links", null);
    assertThat(list.get("results")).hasSize(1);
    assertThat(list.get("results").get(0).get("id").asText())
        .isEqualTo(created.get("id").asText());
    assertThat(list.toString()).doesNotContain(token).doesNotContain("s3cret")
        .doesNotContain("pbkdf2");
    assertThat(AdminCalls.ok(handler, 200, "GET", "/admin/websites/blog/shared-links", null)
        .get("results")).isEmpty();

    String id = created.get("id").asText();
    assertThat(AdminCalls.error(handler, 404, "DELETE", "/admin/websites/blog/shared-links/" + id,
        null)).isEqualTo("site 'blog' has no shared link '" + id + "'");
    AdminCalls.ok(handler, 204, "DELETE", "/admin/websites/shop/shared-links/" + id, null);
    AdminCalls.error(handler, 404, "DELETE", "/admin/websites/shop/shared-links/" + id, null);
    AdminCalls.error(handler, 404, "GET", "/admin/websites/nope/shared-links", null);
    assertThat(AdminCalls.error(handler, 400, "POST", "/admin/websites/shop/shared-links",
        "{\"token\":\"mine\"}")).startsWith("unknown field 'token'");

    FakeExchange noKey = anonymous("POST", "/admin/websites/shop/shared-links", null);
    assertThat(noKey.status).isEqualTo(401);
  }

  @Test
  void sharedLink_readsItsSitesReports_asTheAdminApiAnswersThem() throws IOException {
    String token = create("{}");

    for (String report : new String[] {"overview", "timeseries?interval=hour", "pages",
        "referrers", "locations", "devices", "realtime"}) {
      String name = report.replaceAll("\\?.*", "");
      String query = report.contains("?") ? report.substring(report.indexOf('?')) : "";
      FakeExchange shared = anonymous("GET", "/share/" + token + "/analytics/" + report, null);
      assertThat(shared.status).as(report + ": " + shared.responseText()).isEqualTo(200);
      assertThat(shared.responseHeaders).containsEntry("Cache-Control", "private, no-store");
      assertThat(Responses.JSON.readTree(shared.responseBody)).isEqualTo(AdminCalls.ok(handler,
          200, "GET", "/admin/websites/shop/analytics/" + name + query, null));
    }
    JsonNode overview = Responses.JSON.readTree(
        anonymous("GET", "/share/" + token + "/analytics/overview?period=day", null).responseBody);
    assertThat(overview.get("site_id").asText()).isEqualTo("shop");
    assertThat(overview.at("/metrics/visitors/value").asInt()).isEqualTo(2);
    assertThat(anonymous("GET", "/share/" + token + "/funnels", null).status).isEqualTo(200);

    FakeExchange page = anonymous("GET", "/share/" + token, null);
    assertThat(page.status).isEqualTo(200);
    FakeExchange post = anonymous("POST", "/share/" + token, null);
    assertThat(post.status).as("no password to check").isEqualTo(303);
    assertThat(post.responseHeaders).doesNotContainKey("Set-Cookie");
    assertThat(page.responseText()).contains("data-site=\"shop\"")
        .contains("data-api=\"" + token + "/\"").contains("../admin/assets/");
    assertThat(page.responseHeaders).containsEntry("Cache-Control", "private, no-store")
        .containsKey("Content-Security-Policy");
  }

  @Test
  void sharedLink_readsNoOtherSite_noAdminApi_andChangesNothing() throws IOException {
    String token = create("{}");
    String share = "/share/" + token;

    assertThat(anonymous("GET", share + "/analytics/overview?site_id=blog", null).status)
        .as("a site id parameter").isEqualTo(400);
    assertThat(anonymous("GET", share + "/websites/blog/analytics/overview", null).status)
        .isEqualTo(404);
    assertThat(anonymous("GET", share + "/../../admin/websites/blog/analytics/overview", null)
        .status).isEqualTo(404);
    assertThat(anonymous("GET", share + "/goals", null).status).isEqualTo(404);
    assertThat(anonymous("GET", share + "/shared-links", null).status).isEqualTo(404);
    assertThat(anonymous("GET", share + "/analytics-events", null).status).isEqualTo(404);
    assertThat(anonymous("POST", share + "/funnels", null).status).isEqualTo(403);
    assertThat(anonymous("DELETE", share + "/analytics/overview", null).status).isEqualTo(403);

    for (String admin : new String[] {"/admin/websites/blog/analytics/overview",
        "/admin/websites/shop/analytics/overview", "/admin/websites", "/admin/analytics-events"
            + "?site_id=shop", "/admin/websites/shop/shared-links", "/admin/stats"}) {
      FakeExchange exchange = new FakeExchange().request("GET", admin)
          .header("Referer", "http://localhost" + share)
          .header("Authorization", "Bearer " + token);
      assertThat(handler.handle(exchange)).isTrue();
      assertThat(exchange.status).as("the token is no admin key: " + admin).isEqualTo(401);
    }
  }

  @Test
  void revokedLink_answers404AtOnce() throws IOException {
    JsonNode created = AdminCalls.ok(handler, 201, "POST", "/admin/websites/shop/shared-links",
        "{}");
    String token = created.get("token").asText();
    assertThat(anonymous("GET", "/share/" + token + "/analytics/overview", null).status)
        .isEqualTo(200);

    AdminCalls.ok(handler, 204, "DELETE",
        "/admin/websites/shop/shared-links/" + created.get("id").asText(), null);

    FakeExchange api = anonymous("GET", "/share/" + token + "/analytics/overview", null);
    assertThat(api.status).isEqualTo(404);
    FakeExchange page = anonymous("GET", "/share/" + token, null);
    assertThat(page.status).isEqualTo(404);
    assertThat(page.responseText()).contains("does not exist or was revoked");
    assertThat(anonymous("GET", "/share/" + "x".repeat(43), null).status).isEqualTo(404);
    assertThat(handler.handles("/share/not-a-token/analytics/overview"))
        .as("the host application's own /share/ paths").isFalse();
    assertThat(handler.handles("/share/%3Cscript%3E")).isFalse();
  }

  @Test
  void passwordProtectedLink_needsItsPassword_andAPassCookie() throws IOException {
    String token = create("{\"password\":\"correct horse\"}");
    String share = "/share/" + token;

    FakeExchange form = anonymous("GET", share, null);
    assertThat(form.status).isEqualTo(200);
    assertThat(form.responseText()).contains("Password required").contains("action=\"" + token)
        .doesNotContain("data-api");
    assertThat(anonymous("GET", share + "/analytics/overview", null).status).isEqualTo(401);

    FakeExchange wrong = new FakeExchange().request("POST", share).body("password=wrong")
        .header("Content-Type", "application/x-www-form-urlencoded");
    handler.handle(wrong);
    assertThat(wrong.status).isEqualTo(401);
    assertThat(wrong.responseText()).contains("Wrong password.");
    assertThat(wrong.responseHeaders).doesNotContainKey("Set-Cookie");

    FakeExchange right = new FakeExchange().request("POST", share).body("password=correct+horse")
        .header("Content-Type", "application/x-www-form-urlencoded");
    handler.handle(right);
    assertThat(right.status).isEqualTo(303);
    assertThat(right.responseHeaders).containsEntry("Location", token);
    String setCookie = right.responseHeaders.get("Set-Cookie");
    assertThat(setCookie).contains("; Max-Age=3600; HttpOnly; SameSite=Strict")
        .doesNotContain("correct");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    assertThat(anonymous("GET", share + "/analytics/overview", cookie).status).isEqualTo(200);
    assertThat(anonymous("GET", share, "other=1; " + cookie).responseText())
        .contains("data-api=\"" + token + "/\"");
    String forged = cookie.substring(0, cookie.length() - 2) + "AA";
    assertThat(anonymous("GET", share + "/analytics/overview", forged).status).isEqualTo(401);

    FakeExchange admin = new FakeExchange().request("GET", "/admin/websites/shop/analytics/overview")
        .header("Cookie", cookie);
    handler.handle(admin);
    assertThat(admin.status).as("the pass is no admin credential").isEqualTo(401);
  }

  @Test
  void passwordTries_areLimitedPerClient() throws IOException {
    String token = create("{\"password\":\"pw\"}");
    int status = 0;
    for (int i = 0; i <= SharedDashboard.TRIES; i++) {
      FakeExchange attempt = new FakeExchange().request("POST", "/share/" + token)
          .body("password=guess" + i).from("198.51.100.7");
      handler.handle(attempt);
      status = attempt.status;
      if (i < SharedDashboard.TRIES) {
        assertThat(status).isEqualTo(401);
      }
    }
    assertThat(status).isEqualTo(429);
    FakeExchange other = new FakeExchange().request("POST", "/share/" + token)
        .body("password=pw").from("198.51.100.8");
    handler.handle(other);
    assertThat(other.status).as("another client").isEqualTo(303);
  }
}
