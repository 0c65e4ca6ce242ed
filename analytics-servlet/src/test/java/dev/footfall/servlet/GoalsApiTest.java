package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Analytics;
import dev.footfall.RequestContext;
import dev.footfall.Revenue;
import dev.footfall.TrackRequest;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.Storage;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Goals and funnels through the admin API, and the goals, funnel and props reports. */
final class GoalsApiTest {

  private Analytics analytics;
  private AnalyticsHandler handler;

  @BeforeEach
  void open() {
    analytics = AdminCalls.shop(InMemoryStorage.create());
    handler = AdminCalls.handler(analytics);
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  private JsonNode ok(int status, String method, String pathAndQuery, String body)
      throws IOException {
    return AdminCalls.ok(handler, status, method, pathAndQuery, body);
  }

  private JsonNode get(String pathAndQuery) throws IOException {
    return ok(200, "GET", pathAndQuery, null);
  }

  private String error(int status, String method, String pathAndQuery, String body)
      throws IOException {
    return AdminCalls.error(handler, status, method, pathAndQuery, body);
  }

  private void track(TrackRequest.Builder request, String visitor, String at) {
    analytics.tracker().track(request.visitorId(visitor).timestamp(Instant.parse(at))
        .context(RequestContext.of("203.0.113.9", AdminCalls.CHROME)).build());
  }

  private void seed() {
    track(TrackRequest.pageview("shop", "https://shop.example/blog/one"), "A",
        "2026-11-24T08:00:00Z");
    track(TrackRequest.pageview("shop", "https://shop.example/pricing"), "A",
        "2026-11-24T08:01:00Z");
    track(TrackRequest.event("shop", "Signup", "https://shop.example/pricing")
        .prop("plan", "pro"), "A", "2026-11-24T08:02:00Z");
    track(TrackRequest.event("shop", "Purchase", "https://shop.example/checkout")
        .prop("plan", "pro").revenue(Revenue.of("30.50", "USD")), "A", "2026-11-24T08:03:00Z");
    track(TrackRequest.pageview("shop", "https://shop.example/pricing"), "B",
        "2026-11-24T09:00:00Z");
    track(TrackRequest.event("shop", "Purchase", "https://shop.example/checkout")
        .prop("plan", "team").revenue(Revenue.of("10", "USD")), "B", "2026-11-24T09:01:00Z");
    track(TrackRequest.pageview("shop", "https://shop.example/"), "C", "2026-11-24T10:00:00Z");
    track(TrackRequest.pageview("shop", "https://shop.example/blog/two"), "D",
        "2026-11-24T11:00:00Z");
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
  }

  private void addGoalsAndFunnel() throws IOException {
    ok(201, "POST", "/admin/websites/shop/goals", "{\"page_path\":\"/blog/*\"}");
    ok(201, "POST", "/admin/websites/shop/goals", "{\"name\":\"Visit pricing\","
        + "\"page_path\":\"/pricing\"}");
    ok(201, "POST", "/admin/websites/shop/goals", "{\"event_name\":\"Signup\"}");
    ok(201, "POST", "/admin/websites/shop/goals",
        "{\"event_name\":\"Purchase\",\"currency\":\"USD\"}");
    ok(201, "POST", "/admin/websites/shop/funnels",
        "{\"name\":\"Signup flow\",\"steps\":[\"Visit pricing\",\"Signup\",\"Purchase\"]}");
  }

  @Test
  void goals_createListReadDelete() throws IOException {
    JsonNode created = ok(201, "POST", "/admin/websites/shop/goals",
        "{\"name\":\"Visit /blog/*\",\"page_path\":\"/blog/*\"}");
    ok(201, "POST", "/admin/websites/shop/goals",
        "{\"event_name\":\"Purchase\",\"currency\":\"USD\",\"name\":\"Paid\"}");

    assertThat(created.toString()).isEqualTo("{\"name\":\"Visit /blog/*\",\"event_name\":null,"
        + "\"page_path\":\"/blog/*\",\"currency\":null}");
    assertThat(get("/admin/websites/shop/goals").get("results").toString()).isEqualTo(
        "[{\"name\":\"Visit /blog/*\",\"event_name\":null,\"page_path\":\"/blog/*\","
            + "\"currency\":null},"
            + "{\"name\":\"Paid\",\"event_name\":\"Purchase\",\"page_path\":null,"
            + "\"currency\":\"USD\"}]");
    // The name URL-encoded, its slashes encoded or not.
    assertThat(get("/admin/websites/shop/goals/Visit%20%2Fblog%2F*").get("name").asText())
        .isEqualTo("Visit /blog/*");
    assertThat(get("/admin/websites/shop/goals/Visit%20/blog/*").get("name").asText())
        .isEqualTo("Visit /blog/*");
    ok(204, "DELETE", "/admin/websites/shop/goals/Visit%20%2Fblog%2F*", null);
    ok(204, "DELETE", "/admin/websites/shop/goals/Paid", null);
    assertThat(get("/admin/websites/shop/goals").get("results")).isEmpty();
    assertThat(analytics.goals().list("shop")).isEmpty();
  }

  @Test
  void goalName_plusIsAPlusAndPercentDecodes() throws IOException {
    ok(201, "POST", "/admin/websites/shop/goals", "{\"name\":\"A+B 50%\","
        + "\"event_name\":\"ab\"}");

    assertThat(get("/admin/websites/shop/goals/A+B%2050%25").get("event_name").asText())
        .isEqualTo("ab");
  }

  @Test
  void goals_badInput_clearErrors() throws IOException {
    String goals = "/admin/websites/shop/goals";
    assertThat(error(400, "POST", goals, "{\"name\":\"x\"}"))
        .isEqualTo("goal 'x' needs either an event name or a page path, not neither");
    assertThat(error(400, "POST", goals, "{\"event_name\":\"a\",\"page_path\":\"/b\"}"))
        .contains("not both");
    assertThat(error(400, "POST", goals, "{\"page_path\":\"blog\"}"))
        .startsWith("goal page path must start with '/'");
    assertThat(error(400, "POST", goals, "{\"page_path\":\"/a\",\"currency\":\"USD\"}"))
        .contains("only a custom event goal can have a revenue currency");
    assertThat(error(400, "POST", goals, "{\"event_name\":\"Buy\",\"currency\":\"XX\"}"))
        .isEqualTo("currency must be an ISO 4217 code such as USD but was 'XX'");
    assertThat(error(400, "POST", goals, "{\"event_name\":1}"))
        .isEqualTo("event_name must be a string");
    assertThat(error(400, "POST", goals, "{\"event\":\"Buy\"}"))
        .startsWith("unknown field 'event'");
    assertThat(error(400, "POST", goals, "[]")).isEqualTo("body must be a JSON object");
    assertThat(error(400, "POST", goals, "{")).startsWith("body must be JSON");
    assertThat(error(400, "POST", goals, "{\"event_name\":\"" + "x".repeat(121) + "\"}"))
        .startsWith("goal name must be 1 to 120 characters");
    ok(201, "POST", goals, "{\"event_name\":\"Buy\"}");
    assertThat(error(409, "POST", goals, "{\"event_name\":\"Buy\"}"))
        .isEqualTo("site 'shop' already has a goal named 'Buy'");
    assertThat(error(404, "GET", goals + "/Sell", null))
        .isEqualTo("site 'shop' has no goal named 'Sell'");
    assertThat(error(404, "DELETE", goals + "/Sell", null))
        .isEqualTo("site 'shop' has no goal named 'Sell'");
    assertThat(error(404, "GET", "/admin/websites/nope/goals", null)).contains("nope");
    assertThat(error(404, "POST", "/admin/websites/nope/goals", "{\"event_name\":\"Buy\"}"))
        .contains("nope");
    assertThat(error(405, "PUT", goals, "{}")).contains("use GET, POST");
    assertThat(error(405, "POST", goals + "/Buy", "{}")).contains("use GET, DELETE");
    assertThat(error(400, "GET", goals + "/%zz", null))
        .isEqualTo("name in the path is not URL-encoded correctly: '%zz'");
  }

  @Test
  void funnels_createListDelete_andGoalsInUseStay() throws IOException {
    addGoalsAndFunnel();

    assertThat(get("/admin/websites/shop/funnels").get("results").toString()).isEqualTo(
        "[{\"name\":\"Signup flow\",\"steps\":[\"Visit pricing\",\"Signup\",\"Purchase\"]}]");
    assertThat(get("/admin/websites/shop/funnels/Signup%20flow").get("steps")).hasSize(3);
    assertThat(error(409, "DELETE", "/admin/websites/shop/goals/Signup", null))
        .isEqualTo("goal 'Signup' is a step of funnel 'Signup flow'; delete the funnel first");
    ok(204, "DELETE", "/admin/websites/shop/funnels/Signup%20flow", null);
    ok(204, "DELETE", "/admin/websites/shop/goals/Signup", null);
    assertThat(get("/admin/websites/shop/funnels").get("results")).isEmpty();
  }

  @Test
  void funnels_badInput_clearErrors() throws IOException {
    addGoalsAndFunnel();
    String funnels = "/admin/websites/shop/funnels";

    assertThat(error(400, "POST", funnels, "{\"steps\":[\"Signup\",\"Purchase\"]}"))
        .isEqualTo("name is required");
    assertThat(error(400, "POST", funnels, "{\"name\":\"f\"}"))
        .isEqualTo("steps is required: an array of 2 to 8 goal names");
    assertThat(error(400, "POST", funnels, "{\"name\":\"f\",\"steps\":[\"Signup\"]}"))
        .isEqualTo("funnel 'f' needs 2 to 8 steps but had 1");
    assertThat(error(400, "POST", funnels, "{\"name\":\"f\",\"steps\":[\"Signup\",2]}"))
        .isEqualTo("steps must be goal names (strings) but had 2");
    assertThat(error(400, "POST", funnels, "{\"name\":\"f\",\"steps\":[\"Signup\",\"Nope\"]}"))
        .isEqualTo("funnel step 'Nope' is not a goal of site 'shop'; add the goal first");
    assertThat(error(400, "POST", funnels,
        "{\"name\":\"f\",\"steps\":[\"Signup\",\"Signup\"]}")).contains("names a goal twice");
    assertThat(error(409, "POST", funnels,
        "{\"name\":\"Signup flow\",\"steps\":[\"Signup\",\"Purchase\"]}"))
        .isEqualTo("site 'shop' already has a funnel named 'Signup flow'");
    assertThat(error(404, "DELETE", funnels + "/nope", null))
        .isEqualTo("site 'shop' has no funnel named 'nope'");
  }

  @Test
  void goalsReport_conversionsAndRevenue_asTheCoreCountsThem() throws IOException {
    seed();
    addGoalsAndFunnel();

    JsonNode body = get("/admin/websites/shop/analytics/goals?period=day");

    assertThat(body.get("period").toString())
        .isEqualTo("{\"from\":\"2026-11-24\",\"to\":\"2026-11-24\"}");
    assertThat(body.get("visitors").asLong()).isEqualTo(4);
    assertThat(body.get("results").toString()).isEqualTo("["
        + "{\"name\":\"Visit /blog/*\",\"event_name\":null,\"page_path\":\"/blog/*\","
        + "\"currency\":null,\"visitors\":2,\"events\":2,\"conversion_rate\":50.0,"
        + "\"revenue\":null},"
        + "{\"name\":\"Visit pricing\",\"event_name\":null,\"page_path\":\"/pricing\","
        + "\"currency\":null,\"visitors\":2,\"events\":2,\"conversion_rate\":50.0,"
        + "\"revenue\":null},"
        + "{\"name\":\"Signup\",\"event_name\":\"Signup\",\"page_path\":null,"
        + "\"currency\":null,\"visitors\":1,\"events\":1,\"conversion_rate\":25.0,"
        + "\"revenue\":null},"
        + "{\"name\":\"Purchase\",\"event_name\":\"Purchase\",\"page_path\":null,"
        + "\"currency\":\"USD\",\"visitors\":2,\"events\":2,\"conversion_rate\":50.0,"
        + "\"revenue\":{\"currency\":\"USD\",\"total\":40.5,\"average\":20.25}}]");
    // Filtered by a goal and by several values.
    assertThat(get("/admin/websites/shop/analytics/goals?period=day&filters=goal%3D%3DSignup")
        .get("visitors").asLong()).isEqualTo(1);
    assertThat(get("/admin/websites/shop/analytics/goals?period=day"
        + "&filters=prop:plan%3D%3Dpro%7Cteam").get("results").get(3).get("events").asLong())
        .isEqualTo(2);
  }

  @Test
  void funnelReport_stepsDropoffAndConversion() throws IOException {
    seed();
    addGoalsAndFunnel();

    JsonNode body = get("/admin/websites/shop/analytics/funnel?period=day&funnel=Signup%20flow");

    assertThat(body.get("funnel").asText()).isEqualTo("Signup flow");
    assertThat(body.get("visitors").asLong()).isEqualTo(4);
    assertThat(body.get("steps").toString()).isEqualTo("["
        + "{\"goal\":\"Visit pricing\",\"visitors\":2,\"dropoff\":0,\"conversion_rate\":100.0,"
        + "\"step_conversion_rate\":100.0},"
        + "{\"goal\":\"Signup\",\"visitors\":1,\"dropoff\":1,\"conversion_rate\":50.0,"
        + "\"step_conversion_rate\":50.0},"
        + "{\"goal\":\"Purchase\",\"visitors\":1,\"dropoff\":0,\"conversion_rate\":50.0,"
        + "\"step_conversion_rate\":100.0}]");
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/funnel?period=day", null))
        .isEqualTo("funnel report needs a funnel parameter (its name)");
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/funnel?funnel=nope", null))
        .isEqualTo("site 'shop' has no funnel named 'nope'");
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/goals?funnel=x", null))
        .startsWith("unknown parameter 'funnel'");
    assertThat(error(404, "GET", "/admin/websites/nope/analytics/funnel?funnel=x", null))
        .contains("nope");
  }

  @Test
  void propsReport_keysSeen_thenBreakdownByOne() throws IOException {
    seed();

    assertThat(get("/admin/websites/shop/analytics/props?period=day").get("results").toString())
        .isEqualTo("[\"plan\"]");
    assertThat(get("/admin/websites/shop/analytics/props?period=day&filters=page%3D%3D%2F")
        .get("results")).isEmpty();
    assertThat(get("/admin/websites/shop/analytics/breakdown?period=day&dimension=prop:plan"
        + "&metrics=visitors,events").get("results").toString()).isEqualTo(
        "[{\"value\":\"(none)\",\"visitors\":4,\"events\":5},"
            + "{\"value\":\"pro\",\"visitors\":1,\"events\":2},"
            + "{\"value\":\"team\",\"visitors\":1,\"events\":1}]");
    assertThat(error(400, "GET", "/admin/websites/shop/analytics/props?period=week", null))
        .startsWith("period must be");
  }

  @Test
  void storageWithoutGoals_409NotACrash() throws IOException {
    Storage memory = InMemoryStorage.create();
    Storage noGoals = (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(),
        new Class<?>[] {Storage.class}, (proxy, method, args) -> {
          if (method.getName().equals("goals")) {
            throw new UnsupportedOperationException("NoGoalStorage does not store goals and"
                + " funnels");
          }
          try {
            return method.invoke(memory, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    analytics.close();
    analytics = AdminCalls.shop(noGoals);
    handler = AdminCalls.handler(analytics);

    assertThat(error(409, "GET", "/admin/websites/shop/goals", null))
        .isEqualTo("the storage does not store goals and funnels");
    assertThat(error(409, "POST", "/admin/websites/shop/funnels",
        "{\"name\":\"f\",\"steps\":[\"a\",\"b\"]}"))
        .isEqualTo("the storage does not store goals and funnels");
    assertThat(error(409, "GET", "/admin/websites/shop/analytics/goals", null))
        .isEqualTo("the storage does not store goals and funnels");
    assertThat(error(409, "GET", "/admin/websites/shop/analytics/funnel?funnel=f", null))
        .isEqualTo("the storage does not store goals and funnels");
  }
}
