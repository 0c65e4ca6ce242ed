package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Analytics;
import dev.footfall.RequestContext;
import dev.footfall.TrackRequest;
import dev.footfall.memory.InMemoryStorage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link StatsApi}'s ordering, paging and time labels, through the handler with a fake request. */
final class StatsApiTest {

  private Analytics analytics;
  private AnalyticsHandler handler;

  @BeforeEach
  void open() {
    analytics = AdminCalls.shop(InMemoryStorage.create());
    handler = AdminCalls.handler(analytics);
    // Country DE: 3 visitors on /a; US: 2 on /a, 1 on /b; FR: 1 on /b. Two weeks apart.
    String[][] visits = {{"DE", "/a"}, {"DE", "/a"}, {"DE", "/a"}, {"US", "/a"}, {"US", "/a"},
        {"US", "/b"}, {"FR", "/b"}};
    for (int i = 0; i < visits.length; i++) {
      analytics.tracker().track(TrackRequest.pageview("shop", "https://shop.example"
              + visits[i][1])
          .timestamp(Instant.parse("2026-11-24T08:00:00Z").minus(Duration.ofDays(i % 2 * 14)))
          .visitorId("v" + i)
          .context(RequestContext.of("203.0.113.1", AdminCalls.CHROME).withCountry(visits[i][0])).build());
    }
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  private JsonNode query(String json) throws IOException {
    return AdminCalls.ok(handler, 200, "POST", StatsApi.PATH, json);
  }

  private static List<String> rows(JsonNode body) {
    List<String> rows = new ArrayList<>();
    body.get("results").forEach(row -> rows.add(row.get("dimensions") + "=" + row.get("metrics")));
    return rows;
  }

  @Test
  void orderBy_dimensionThenMetric_thenPaged() throws IOException {
    String base = "{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"30d\","
        + "\"dimensions\":[\"event:page\",\"visit:country\"]";
    assertThat(rows(query(base + ",\"order_by\":[[\"event:page\",\"desc\"],[\"visitors\","
        + "\"asc\"]]}"))).containsExactly("[\"/b\",\"FR\"]=[1]", "[\"/b\",\"US\"]=[1]",
        "[\"/a\",\"US\"]=[2]", "[\"/a\",\"DE\"]=[3]");
    JsonNode page = query(base + ",\"include\":{\"total_rows\":true},"
        + "\"pagination\":{\"limit\":2,\"offset\":1}}");
    // Default order: visitors descending; ties by the dimension values.
    assertThat(rows(page)).containsExactly("[\"/a\",\"US\"]=[2]", "[\"/b\",\"FR\"]=[1]");
    assertThat(page.at("/meta/total_rows").asInt()).isEqualTo(4);
  }

  @Test
  void timeWeek_labelsEveryWeekAndListsOnlyWeeksWithEvents() throws IOException {
    JsonNode body = query("{\"site_id\":\"shop.example\",\"metrics\":[\"visitors\",\"visits\"],"
        + "\"date_range\":[\"2026-11-01\",\"2026-11-24\"],\"dimensions\":[\"time:week\"],"
        + "\"include\":{\"time_labels\":true}}");
    assertThat(body.at("/meta/time_labels").toString()).isEqualTo("[\"2026-11-01\","
        + "\"2026-11-02\",\"2026-11-09\",\"2026-11-16\",\"2026-11-23\"]");
    assertThat(rows(body)).containsExactly("[\"2026-11-09\"]=[3,3]", "[\"2026-11-23\"]=[4,4]");
    assertThat(body.at("/query/order_by").toString())
        .isEqualTo("[[\"time:week\",\"asc\"],[\"visitors\",\"desc\"]]");
  }
}
