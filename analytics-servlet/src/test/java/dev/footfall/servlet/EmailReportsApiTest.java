package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Analytics;
import dev.footfall.EmailRecipient;
import dev.footfall.ReportCadence;
import dev.footfall.ScheduledTask;
import dev.footfall.Site;
import dev.footfall.memory.InMemoryStorage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Email report recipients through the admin API, and the public unsubscribe link: a confirmation
 * page on {@code GET}, the unsubscribing on {@code POST}, nothing for an unknown token.
 */
final class EmailReportsApiTest {
  private Analytics analytics;
  private AnalyticsHandler handler;

  @BeforeEach
  void open() {
    analytics = AdminCalls.shop(InMemoryStorage.create());
    analytics.sites().save(Site.of("blog", "blog.example", ZoneOffset.UTC, "Blog", Instant.EPOCH));
    handler = AdminCalls.handler(analytics);
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  private FakeExchange anonymous(String method, String path) throws IOException {
    FakeExchange exchange = new FakeExchange().request(method, path);
    assertThat(handler.handle(exchange)).isTrue();
    return exchange;
  }

  @Test
  void adminApi_addsListsAndRemoves() throws IOException {
    JsonNode added = AdminCalls.ok(handler, 201, "POST", "/admin/websites/shop/email-reports",
        "{\"address\":\"Ann@Example.com\",\"cadence\":\"weekly\"}");
    assertThat(added.get("id").asText()).matches("[0-9a-f]{16}");
    assertThat(added.get("address").asText()).isEqualTo("Ann@example.com");
    assertThat(added.get("cadence").asText()).isEqualTo("weekly");
    assertThat(added.get("created_at").asText()).isEqualTo("2026-11-24T12:00:00Z");
    assertThat(AdminCalls.ok(handler, 201, "POST", "/admin/websites/shop/email-reports",
        "{\"address\":\"Ann@example.com\",\"cadence\":\"weekly\"}").get("id"))
        .as("the same address and cadence again").isEqualTo(added.get("id"));
    AdminCalls.ok(handler, 201, "POST", "/admin/websites/shop/email-reports",
        "{\"address\":\"ann@example.com\",\"cadence\":\"monthly\"}");

    JsonNode list = AdminCalls.ok(handler, 200, "GET", "/admin/websites/shop/email-reports", null);
    assertThat(list.get("results")).hasSize(2);
    String token = analytics.emailReports().list("shop").get(0).unsubscribeToken();
    assertThat(list.toString()).doesNotContain(token).doesNotContain("token");
    assertThat(AdminCalls.ok(handler, 200, "GET", "/admin/websites/blog/email-reports", null)
        .get("results")).isEmpty();

    String id = added.get("id").asText();
    assertThat(AdminCalls.error(handler, 404, "DELETE", "/admin/websites/blog/email-reports/" + id,
        null)).isEqualTo("site 'blog' has no email report recipient '" + id + "'");
    AdminCalls.ok(handler, 204, "DELETE", "/admin/websites/shop/email-reports/" + id, null);
    AdminCalls.error(handler, 404, "DELETE", "/admin/websites/shop/email-reports/" + id, null);
    assertThat(analytics.emailReports().list("shop")).extracting(EmailRecipient::cadence)
        .containsExactly(ReportCadence.MONTHLY);
  }

  @Test
  void adminApi_badInput() throws IOException {
    String path = "/admin/websites/shop/email-reports";
    assertThat(AdminCalls.error(handler, 400, "POST", path,
        "{\"address\":\"not an address\",\"cadence\":\"weekly\"}"))
        .isEqualTo("address must be an email address such as ann@example.com but was"
            + " 'not an address'");
    assertThat(AdminCalls.error(handler, 400, "POST", path,
        "{\"address\":\"ann@example.com\",\"cadence\":\"daily\"}"))
        .isEqualTo("cadence must be one of weekly, monthly but was 'daily'");
    assertThat(AdminCalls.error(handler, 400, "POST", path, "{\"cadence\":\"weekly\"}"))
        .isEqualTo("address is required");
    assertThat(AdminCalls.error(handler, 400, "POST", path,
        "{\"address\":1,\"cadence\":\"weekly\"}")).isEqualTo("address must be a string");
    assertThat(AdminCalls.error(handler, 400, "POST", path,
        "{\"address\":\"ann@example.com\",\"cadence\":\"weekly\",\"token\":\"x\"}"))
        .startsWith("unknown field 'token'");
    assertThat(AdminCalls.error(handler, 400, "POST", path, "[]"))
        .isEqualTo("body must be a JSON object");
    AdminCalls.error(handler, 404, "GET", "/admin/websites/nope/email-reports", null);
    AdminCalls.error(handler, 405, "PUT", path, "{}");
    assertThat(anonymous("GET", path).status).isEqualTo(401);
  }

  @Test
  void unsubscribe_getAsksToConfirm_postUnsubscribes_thenTheLinkIsGone() throws IOException {
    EmailRecipient ann = analytics.emailReports().subscribe("shop", "ann@example.com",
        ReportCadence.WEEKLY);
    String link = "/email/unsubscribe/" + ann.unsubscribeToken();

    FakeExchange page = anonymous("GET", link);
    assertThat(page.status).isEqualTo(200);
    assertThat(page.responseText()).contains("Stop the weekly email reports of Shop?",
        "<form method=\"post\">").doesNotContain("ann@example.com");
    assertThat(page.responseHeaders).containsEntry("Cache-Control", "private, no-store")
        .containsEntry("X-Robots-Tag", "noindex");
    assertThat(analytics.emailReports().list("shop")).containsExactly(ann);

    FakeExchange done = anonymous("POST", link).body("List-Unsubscribe=One-Click");
    assertThat(done.status).isEqualTo(200);
    assertThat(done.responseText()).contains("You are unsubscribed");
    assertThat(analytics.emailReports().list("shop")).isEmpty();

    assertThat(anonymous("GET", link).status).isEqualTo(404);
    assertThat(anonymous("POST", link).status).isEqualTo(404);
    assertThat(anonymous("GET", "/email/unsubscribe/" + "A".repeat(43)).status).isEqualTo(404);
    assertThat(anonymous("DELETE", link).status).isEqualTo(405);
    assertThat(handler.handles("/email/unsubscribe/short")).isFalse();
    assertThat(handler.handles(link + "/more")).isFalse();
  }

  @Test
  void jobs_listsAndRunsAModulesTask() throws IOException {
    ScheduledTask task = ScheduledTask.of("email-reports", Duration.ofDays(1),
        running -> "sent 0 reports, 0 failed");
    try (Analytics withTask = Analytics.builder().storage(InMemoryStorage.create()).task(task)
        .build()) {
      AnalyticsHandler tasks = AdminCalls.handler(withTask);
      assertThat(AdminCalls.ok(tasks, 200, "GET", "/admin/jobs", null).get("tasks").toString())
          .isEqualTo("[\"email-reports\"]");
      assertThat(AdminCalls.ok(tasks, 200, "POST", "/admin/jobs/email-reports", null).toString())
          .isEqualTo("{\"task\":\"email-reports\",\"ran\":true,"
              + "\"summary\":\"sent 0 reports, 0 failed\"}");
    }
    assertThat(AdminCalls.error(handler, 400, "POST", "/admin/jobs/email-reports", null))
        .startsWith("job must be one of");
  }
}
