package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.AggregateReport;
import dev.footfall.Analytics;
import dev.footfall.Condition;
import dev.footfall.Dimension;
import dev.footfall.Filter;
import dev.footfall.Goal;
import dev.footfall.GoalsReport;
import dev.footfall.Interval;
import dev.footfall.Metric;
import dev.footfall.Period;
import dev.footfall.ReportQuery;
import dev.footfall.Reports;
import dev.footfall.RequestContext;
import dev.footfall.Revenue;
import dev.footfall.Site;
import dev.footfall.TimeseriesReport;
import dev.footfall.TrackRequest;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.testkit.MutableClock;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conformance of {@code POST /api/v2/query} with Plausible's Stats API v2: each example query of
 * Plausible's documentation (docs/stats-api.md, src/js/apiv2-examples) is sent over HTTP to a real
 * Jetty in front of a fixed event stream, the response's shape is checked, and its numbers are
 * compared with what Footfall's own {@link Reports} answer to the same question.
 *
 * <p>Adaptations of the examples, where they use what Footfall does not have:
 *
 * <ul>
 *   <li>{@code site_id} is the test site's domain, {@code shop.example}, not {@code dummy.site}.
 *   <li>{@code visit:country_name} is {@code visit:country} with ISO codes ("Estonia", "United
 *       States of America" are {@code EE}, {@code US}); {@code visit:city_name} is {@code
 *       visit:device} (country-and-city, imports-bad-filter).
 *   <li>The timeseries example's OS names ({@code GNU/Linux}, {@code Mac}) are the names Footfall
 *       gives the stream's user agents, read from the OS breakdown.
 *   <li>behavioral-filters ({@code has_done}) and filtering-by-segment are answered {@code 400};
 *       the first is also run without its {@code has_done} filter.
 *   <li>imports: the test site has no imported stats; the query is answered from native stats
 *       with {@code meta.imports_included: false} ({@link ImportIT} has a site that has some).
 *   <li>revenue-metrics' and revenue-warning's goals are this site's ({@code PurchaseUSD}, {@code
 *       PurchaseEUR}, {@code Signup}, {@code Visit /pricing}).
 * </ul>
 */
final class StatsApiIT {
  private static final String KEY = "stats-api-key-0123456789";
  private static final Instant NOW = Instant.parse("2026-11-05T11:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final String SITE = "shop.example";
  private static final String[] PAGES = {"/", "/pricing", "/docs", "/docs/api", "/blog/one",
      "/Blog/two", "/about"};
  private static final String[] UTM = {"", "", "?utm_source=google&utm_medium=cpc",
      "?utm_source=twitter&utm_medium=social&utm_campaign=Referral",
      "?utm_source=duckduckgo", "?utm_source=newsletter&utm_medium=email"};
  private static final String[] COUNTRIES = {"DE", "US", "EE", "", "FR"};
  private static final String[] USER_AGENTS = {
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
          + " Version/18.1 Safari/605.1.15",
      "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/18.1 Mobile/15E148 Safari/604.1"};

  private static Analytics analytics;
  private static JettyFixture jetty;
  private static Reports reports;

  @BeforeAll
  static void start() throws Exception {
    analytics = Analytics.builder().storage(InMemoryStorage.create()).clock(MutableClock.at(NOW))
        .build();
    analytics.sites().save(Site.of("shop", SITE, ZONE, "", Instant.EPOCH));
    analytics.goals().add("shop", Goal.event("Signup"));
    analytics.goals().add("shop", Goal.pageview("/pricing"));
    analytics.goals().add("shop", Goal.revenue("Purchase", Currency.getInstance("USD"))
        .named("PurchaseUSD"));
    analytics.goals().add("shop", Goal.revenue("Bestellung", Currency.getInstance("EUR"))
        .named("PurchaseEUR"));
    Random random = new Random(20261206);
    List<TrackRequest> stream = new ArrayList<>();
    for (int v = 0; v < 150; v++) {
      Instant at = NOW.minus(Duration.ofDays(10)).plusSeconds(random.nextInt(10 * 86_400));
      String userAgent = USER_AGENTS[random.nextInt(USER_AGENTS.length)];
      RequestContext context = RequestContext.of("203.0.113.1", userAgent)
          .withCountry(COUNTRIES[random.nextInt(COUNTRIES.length)]);
      String utm = UTM[random.nextInt(UTM.length)];
      String customer = random.nextInt(3) == 0 ? null : random.nextBoolean() ? "true" : "false";
      int pageviews = 1 + random.nextInt(4);
      for (int p = 0; p < pageviews; p++) {
        TrackRequest.Builder pageview = TrackRequest.pageview("shop", "https://" + SITE
            + PAGES[random.nextInt(PAGES.length)] + (p == 0 ? utm : ""));
        if (customer != null) {
          pageview.prop("is_customer", customer);
        }
        stream.add(pageview.timestamp(at).visitorId("v" + v).context(context).build());
        if (random.nextInt(5) == 0) {
          stream.add(TrackRequest.event("shop", "Signup", "https://" + SITE + "/signup")
              .timestamp(at.plusSeconds(5)).visitorId("v" + v).context(context).build());
        }
        if (random.nextInt(7) == 0) {
          boolean usd = random.nextBoolean();
          stream.add(TrackRequest.event("shop", usd ? "Purchase" : "Bestellung",
                  "https://" + SITE + "/checkout")
              .revenue(Revenue.of(random.nextInt(500) + "." + random.nextInt(10) + "0",
                  usd ? "USD" : "EUR"))
              .timestamp(at.plusSeconds(8)).visitorId("v" + v).context(context).build());
        }
        at = at.plusSeconds(20 + random.nextInt(300));
      }
    }
    stream.sort(Comparator.comparing(request -> request.timestamp().orElseThrow()));
    stream.forEach(analytics.tracker()::track);
    assertThat(analytics.flush(Duration.ofSeconds(120))).isTrue();
    assertThat(analytics.stats().stored()).isGreaterThan(300);
    reports = analytics.reports();
    jetty = new JettyFixture(HttpSettings.builder().noRateLimit().adminApiKey(KEY).build(),
        analytics);
  }

  @AfterAll
  static void stop() {
    if (jetty != null) {
      jetty.close();
    }
  }

  // --- Plausible's documented examples -------------------------------------------------------

  @Test
  void aggregate() throws Exception {
    JsonNode body = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"visitors\",\"events\"],"
        + "\"date_range\":\"7d\"}");
    assertShape(body, 2, 0);
    assertThat(body.get("results")).hasSize(1);
    AggregateReport expected = reports.aggregate(ReportQuery.builder("shop")
        .period(Period.parse("7d")).metrics(Metric.VISITORS, Metric.EVENTS).build());
    assertMetrics(body.get("results").get(0), expected.metrics().get(Metric.VISITORS).value(),
        expected.metrics().get(Metric.EVENTS).value());
    assertThat(expected.metrics().get(Metric.VISITORS).value().longValue()).isPositive();
    assertThat(body.at("/query/date_range").toString())
        .isEqualTo("[\"2026-10-30T00:00:00+01:00\",\"2026-11-05T23:59:59+01:00\"]");
    assertThat(body.at("/query/order_by").toString()).isEqualTo("[[\"visitors\",\"desc\"]]");
    assertThat(body.at("/query/site_id").asText()).isEqualTo(SITE);
  }

  @Test
  void customDateRange() throws Exception {
    JsonNode body = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"visitors\"],"
        + "\"date_range\":[\"2026-10-28\",\"2026-11-01\"]}");
    assertShape(body, 1, 0);
    long expected = visitors(Period.custom(LocalDate.parse("2026-10-28"),
        LocalDate.parse("2026-11-01")));
    assertThat(expected).isPositive();
    assertMetrics(body.get("results").get(0), expected);
    // The echoed date-time range is accepted back, and means the same days.
    JsonNode again = ok("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":"
        + body.at("/query/date_range") + "}");
    assertMetrics(again.get("results").get(0), expected);
  }

  @Test
  void filteringBasics() throws Exception {
    // Adapted: visit:country_name ["Estonia", "United States of America"] is visit:country.
    JsonNode body = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"visitors\"],"
        + "\"date_range\":\"7d\",\"filters\":[[\"contains\",\"event:page\",[\"/docs\",\"/pricing\"]],"
        + "[\"or\",[[\"not\",[\"is\",\"visit:utm_campaign\",[\"Referral\"]]],"
        + "[\"is\",\"visit:country\",[\"EE\",\"US\"]]]]]}");
    assertShape(body, 1, 0);
    long expected = visitors(Period.parse("7d"), Filter.contains(Dimension.PAGE, "/docs",
        "/pricing"), Condition.anyOf(List.of(Filter.is(Dimension.UTM_CAMPAIGN, "Referral")
        .negate(), Filter.is(Dimension.COUNTRY, "EE", "US"))));
    assertThat(expected).isPositive().isLessThan(visitors(Period.parse("7d")));
    assertMetrics(body.get("results").get(0), expected);
    assertThat(body.at("/query/filters/1/0").asText()).isEqualTo("or");
  }

  @Test
  void filteringCaseInsensitive() throws Exception {
    JsonNode body = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"visitors\"],"
        + "\"date_range\":\"7d\",\"filters\":[[\"contains\",\"event:page\",[\"blog\"],"
        + "{\"case_sensitive\":false}]]}");
    long insensitive = visitors(Period.parse("7d"),
        Filter.contains(Dimension.PAGE, "blog").ignoringCase());
    assertThat(insensitive).isGreaterThan(visitors(Period.parse("7d"),
        Filter.contains(Dimension.PAGE, "blog")));
    assertMetrics(body.get("results").get(0), insensitive);
  }

  @Test
  void timeseries() throws Exception {
    // Adapted: the OS names are Footfall's for the stream's user agents.
    List<String> os = reports.breakdown(ReportQuery.builder("shop").period(Period.parse("7d"))
            .metrics(Metric.VISITORS).breakdown(Dimension.OS).build()).results().stream()
        .map(row -> row.value()).limit(2).toList();
    assertThat(os).hasSize(2);
    JsonNode body = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"visitors\",\"events\"],"
        + "\"date_range\":\"7d\",\"filters\":[[\"is\",\"visit:os\",[\"" + os.get(0) + "\",\""
        + os.get(1) + "\"]]],\"dimensions\":[\"time:day\"]}");
    assertShape(body, 2, 1);
    TimeseriesReport expected = reports.timeseries(ReportQuery.builder("shop")
        .period(Period.parse("7d")).metrics(Metric.VISITORS, Metric.EVENTS)
        .filter(Filter.is(Dimension.OS, os.get(0), os.get(1))).interval(Interval.DAY).build());
    List<TimeseriesReport.Point> withEvents = expected.results().stream()
        .filter(point -> point.metrics().get(Metric.EVENTS).longValue() > 0).toList();
    assertThat(withEvents).hasSizeGreaterThan(3);
    assertThat(body.get("results")).hasSize(withEvents.size());
    for (int i = 0; i < withEvents.size(); i++) {
      JsonNode row = body.get("results").get(i);
      assertThat(row.at("/dimensions/0").asText())
          .isEqualTo(withEvents.get(i).start().toLocalDate().toString());
      assertMetrics(row, withEvents.get(i).metrics().get(Metric.VISITORS),
          withEvents.get(i).metrics().get(Metric.EVENTS));
    }
    assertThat(body.at("/query/order_by").toString())
        .isEqualTo("[[\"time:day\",\"asc\"],[\"visitors\",\"desc\"]]");
  }

  @Test
  void timeLabels() throws Exception {
    JsonNode body = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"visitors\"],"
        + "\"date_range\":\"day\",\"dimensions\":[\"time:hour\"],"
        + "\"include\":{\"time_labels\":true}}");
    assertShape(body, 1, 1);
    TimeseriesReport expected = reports.timeseries(ReportQuery.builder("shop")
        .period(Period.parse("day")).metrics(Metric.VISITORS).interval(Interval.HOUR).build());
    DateTimeFormatter hour = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    List<String> labels = new ArrayList<>();
    body.at("/meta/time_labels").forEach(label -> labels.add(label.asText()));
    assertThat(labels).hasSize(24).first().isEqualTo("2026-11-05 00:00:00");
    assertThat(labels).isEqualTo(expected.results().stream()
        .map(point -> hour.format(point.start())).toList());
    List<TimeseriesReport.Point> withVisitors = expected.results().stream()
        .filter(point -> point.metrics().get(Metric.VISITORS).longValue() > 0).toList();
    assertThat(withVisitors).isNotEmpty();
    assertThat(body.get("results")).hasSize(withVisitors.size());
    for (int i = 0; i < withVisitors.size(); i++) {
      assertThat(body.at("/results/" + i + "/dimensions/0").asText())
          .isEqualTo(hour.format(withVisitors.get(i).start()));
      assertMetrics(body.get("results").get(i), withVisitors.get(i).metrics()
          .get(Metric.VISITORS));
    }
  }

  @Test
  void customProperties() throws Exception {
    JsonNode body = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"visitors\"],"
        + "\"date_range\":\"7d\",\"dimensions\":[\"time:day\",\"event:props:is_customer\"],"
        + "\"order_by\":[[\"time:day\",\"asc\"],[\"event:props:is_customer\",\"desc\"]]}");
    assertShape(body, 1, 2);
    assertThat(body.get("results")).hasSizeGreaterThan(6);
    List<String> keys = new ArrayList<>();
    for (JsonNode row : body.get("results")) {
      String day = row.at("/dimensions/0").asText();
      String customer = row.at("/dimensions/1").asText();
      keys.add(day + " " + customer);
      LocalDate date = LocalDate.parse(day);
      assertMetrics(row, visitors(Period.custom(date, date),
          Filter.is(Dimension.prop("is_customer"), customer)));
    }
    assertThat(keys).isSortedAccordingTo(Comparator.comparing((String k) -> k.substring(0, 10))
        .thenComparing(Comparator.comparing((String k) -> k.substring(11)).reversed()));
    assertThat(keys).anyMatch(k -> k.endsWith("(none)")).anyMatch(k -> k.endsWith("true"));
  }

  @Test
  void utm() throws Exception {
    JsonNode body = ok(UTM_QUERY + "}");
    assertShape(body, 3, 2);
    assertThat(body.get("results")).hasSizeGreaterThan(3);
    for (JsonNode row : body.get("results")) {
      Filter medium = Filter.is(Dimension.UTM_MEDIUM, row.at("/dimensions/0").asText());
      Filter source = Filter.is(Dimension.UTM_SOURCE, row.at("/dimensions/1").asText());
      AggregateReport expected = reports.aggregate(ReportQuery.builder("shop")
          .period(Period.parse("7d")).metrics(Metric.VISITORS, Metric.EVENTS, Metric.PAGEVIEWS)
          .filter(medium).filter(source).build());
      assertMetrics(row, expected.metrics().get(Metric.VISITORS).value(),
          expected.metrics().get(Metric.EVENTS).value(),
          expected.metrics().get(Metric.PAGEVIEWS).value());
    }
    List<Long> visitors = new ArrayList<>();
    body.get("results").forEach(row -> visitors.add(row.at("/metrics/0").asLong()));
    assertThat(visitors).isSortedAccordingTo(Comparator.reverseOrder());
  }

  private static final String UTM_QUERY = "{\"site_id\":\"shop.example\",\"metrics\":"
      + "[\"visitors\",\"events\",\"pageviews\"],\"date_range\":\"7d\","
      + "\"dimensions\":[\"visit:utm_medium\",\"visit:utm_source\"]";

  @Test
  void pagination() throws Exception {
    JsonNode all = ok(UTM_QUERY + "}");
    JsonNode body = ok(UTM_QUERY + ",\"include\":{\"total_rows\":true},"
        + "\"pagination\":{\"limit\":3,\"offset\":1}}");
    assertShape(body, 3, 2);
    assertThat(body.at("/meta/total_rows").asInt()).isEqualTo(all.get("results").size());
    List<JsonNode> expected = new ArrayList<>();
    all.get("results").forEach(expected::add);
    assertThat(body.get("results")).containsExactlyElementsOf(expected.subList(1, 4));
    assertThat(body.at("/query/pagination").toString()).isIn("{\"offset\":1,\"limit\":3}",
        "{\"limit\":3,\"offset\":1}");
  }

  @Test
  void countryAndCity() throws Exception {
    // Adapted: visit:country_name is visit:country, visit:city_name is visit:device.
    JsonNode body = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"visitors\",\"pageviews\","
        + "\"bounce_rate\"],\"date_range\":\"7d\",\"filters\":[[\"is_not\",\"visit:country\","
        + "[\"\"]]],\"dimensions\":[\"visit:country\",\"visit:device\"]}");
    assertShape(body, 3, 2);
    assertThat(body.get("results")).hasSizeGreaterThan(3);
    for (JsonNode row : body.get("results")) {
      assertThat(row.at("/dimensions/0").asText()).isNotEqualTo("(none)");
      AggregateReport expected = reports.aggregate(ReportQuery.builder("shop")
          .period(Period.parse("7d")).metrics(Metric.VISITORS, Metric.PAGEVIEWS,
              Metric.BOUNCE_RATE)
          .filter(Filter.is(Dimension.COUNTRY, row.at("/dimensions/0").asText()))
          .filter(Filter.is(Dimension.DEVICE, row.at("/dimensions/1").asText())).build());
      assertMetrics(row, expected.metrics().get(Metric.VISITORS).value(),
          expected.metrics().get(Metric.PAGEVIEWS).value(),
          expected.metrics().get(Metric.BOUNCE_RATE).value());
    }
  }

  @Test
  void revenueMetrics() throws Exception {
    JsonNode body = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"total_revenue\"],"
        + "\"date_range\":\"all\",\"dimensions\":[\"event:goal\"]}");
    assertShape(body, 1, 1);
    GoalsReport goals = reports.goals(ReportQuery.builder("shop").period(Period.parse("all"))
        .build());
    int withConversions = 0;
    for (GoalsReport.Row goal : goals.results()) {
      if (goal.visitors() == 0) {
        continue;
      }
      withConversions++;
      JsonNode row = find(body, goal.goal().name());
      if (goal.revenue().isPresent()) {
        assertThat(new BigDecimal(row.at("/metrics/0/value").asText()))
            .isEqualByComparingTo(goal.revenue().get().total()).isPositive();
        assertThat(row.at("/metrics/0/currency").asText())
            .isEqualTo(goal.revenue().get().currency().getCurrencyCode());
      } else {
        assertThat(row.at("/metrics/0").isNull()).isTrue();
      }
    }
    assertThat(body.get("results")).hasSize(withConversions).hasSize(4);
    // Ordered by total_revenue, descending, nulls last.
    assertThat(body.at("/results/3/metrics/0").isNull()).isTrue();
    assertThat(body.at("/results/0/metrics/0/value").decimalValue())
        .isGreaterThanOrEqualTo(body.at("/results/1/metrics/0/value").decimalValue());
  }

  @Test
  void revenueWarning() throws Exception {
    JsonNode body = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"total_revenue\"],"
        + "\"date_range\":\"all\",\"filters\":[[\"is\",\"event:goal\",[\"PurchaseUSD\","
        + "\"PurchaseEUR\"]]]}");
    assertShape(body, 1, 0);
    assertThat(body.at("/results/0/metrics/0").isNull()).isTrue();
    assertThat(body.at("/meta/metric_warnings/total_revenue/warning").asText())
        .contains("currencies");
    // One currency: the sum and the average of the goal's conversions.
    JsonNode usd = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"total_revenue\","
        + "\"average_revenue\",\"events\"],\"date_range\":\"all\",\"filters\":[[\"is\","
        + "\"event:goal\",[\"PurchaseUSD\"]]]}");
    GoalsReport.Revenue expected = reports.goals(ReportQuery.builder("shop")
            .period(Period.parse("all")).build()).results().stream()
        .filter(row -> row.goal().name().equals("PurchaseUSD")).findFirst().orElseThrow()
        .revenue().orElseThrow();
    assertThat(usd.at("/results/0/metrics/0/value").decimalValue())
        .isEqualByComparingTo(expected.total());
    assertThat(usd.at("/results/0/metrics/1/value").decimalValue())
        .isEqualByComparingTo(expected.average());
    assertThat(usd.at("/meta").has("metric_warnings")).isFalse();
  }

  @Test
  void behavioralFilters_withoutHasDone() throws Exception {
    // Adapted: has_done is not supported (see errors); the goal filter alone is.
    JsonNode body = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"visitors\","
        + "\"conversion_rate\",\"events\"],\"date_range\":\"all\",\"filters\":"
        + "[[\"is\",\"event:goal\",[\"Signup\"]]]}");
    assertShape(body, 3, 0);
    GoalsReport.Row signup = reports.goals(ReportQuery.builder("shop")
            .period(Period.parse("all")).build()).results().stream()
        .filter(row -> row.goal().name().equals("Signup")).findFirst().orElseThrow();
    assertThat(signup.visitors()).isPositive();
    assertMetrics(body.get("results").get(0), signup.visitors(), signup.conversionRate(),
        signup.events());
  }

  @Test
  void goalDimension_conversionRate() throws Exception {
    JsonNode body = ok("{\"site_id\":\"shop\",\"metrics\":[\"visitors\",\"events\","
        + "\"conversion_rate\"],\"date_range\":\"all\",\"dimensions\":[\"event:goal\"],"
        + "\"order_by\":[[\"event:goal\",\"asc\"]]}");
    GoalsReport goals = reports.goals(ReportQuery.builder("shop").period(Period.parse("all"))
        .build());
    List<String> names = new ArrayList<>();
    for (GoalsReport.Row goal : goals.results()) {
      JsonNode row = find(body, goal.goal().name());
      names.add(goal.goal().name());
      assertMetrics(row, goal.visitors(), goal.events(), goal.conversionRate());
    }
    List<String> answered = new ArrayList<>();
    body.get("results").forEach(row -> answered.add(row.at("/dimensions/0").asText()));
    assertThat(answered).containsExactlyElementsOf(names.stream().sorted().toList());
  }

  @Test
  void imports_ofASiteWithoutAny_areNativeStatsOnly() throws Exception {
    JsonNode body = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"visitors\"],"
        + "\"date_range\":\"all\",\"dimensions\":[\"visit:source\"],"
        + "\"include\":{\"imports\":true}}");
    assertShape(body, 1, 1);
    assertThat(body.at("/meta/imports_included").asBoolean(true)).isFalse();
    assertThat(body.at("/meta/imports_skip_reason").asText()).isEqualTo("no_imported_data");
    List<dev.footfall.BreakdownReport.Row> sources = reports.breakdown(ReportQuery
        .builder("shop").period(Period.parse("all")).metrics(Metric.VISITORS)
        .breakdown(Dimension.SOURCE).build()).results();
    assertThat(body.get("results")).hasSize(sources.size());
    for (dev.footfall.BreakdownReport.Row source : sources) {
      assertMetrics(find(body, source.value()), source.metrics().get(Metric.VISITORS));
    }
    assertThat(sources).anyMatch(row -> row.value().equals("Direct / None"));
    // imports-bad-filter, adapted: visit:country_name is visit:country.
    JsonNode filtered = ok("{\"site_id\":\"shop.example\",\"metrics\":[\"visitors\"],"
        + "\"date_range\":\"all\",\"dimensions\":[\"visit:source\"],\"filters\":[[\"is\","
        + "\"visit:country\",[\"EE\"]]],\"include\":{\"imports\":true}}");
    assertThat(filtered.at("/meta/imports_included").asBoolean(true)).isFalse();
    long estonians = 0;
    for (JsonNode row : filtered.get("results")) {
      estonians = Math.max(estonians, row.at("/metrics/0").asLong());
    }
    assertThat(estonians).isPositive();
  }

  @Test
  void time_picksTheIntervalAndFillsNoGaps() throws Exception {
    JsonNode body = ok("{\"site_id\":\"shop\",\"metrics\":[\"pageviews\"],\"date_range\":\"30d\","
        + "\"dimensions\":[\"time\"],\"include\":{\"time_labels\":true}}");
    assertThat(body.at("/meta/time_labels")).hasSize(30);
    assertThat(body.at("/results/0/dimensions/0").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    long total = 0;
    for (JsonNode row : body.get("results")) {
      total += row.at("/metrics/0").asLong();
    }
    assertThat(total).isEqualTo(reports.aggregate(ReportQuery.builder("shop")
        .period(Period.parse("30d")).metrics(Metric.PAGEVIEWS).build()).metrics()
        .get(Metric.PAGEVIEWS).value().longValue()).isPositive();
  }

  // --- Errors ----------------------------------------------------------------------------------

  @Test
  void errors_badQueriesAre400WithAnError() throws Exception {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\",\"scroll_depth\"],"
            + "\"date_range\":\"7d\"}", "scroll_depth"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visits\",\"nope\"],"
            + "\"date_range\":\"7d\"}", "nope"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"24h\"}",
            "date_range"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],"
            + "\"date_range\":[\"2026-11-01\"]}", "date_range"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":"
            + "[\"2026-11-01T12:00:00+01:00\",\"2026-11-01T15:59:59+01:00\"]}", "whole days"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\","
            + "\"dimensions\":[\"visit:city_name\"]}", "visit:city_name"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\","
            + "\"dimensions\":[\"visit:nothing\"]}", "visit:nothing"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\","
            + "\"filters\":[[\"is\",\"event:page\",\"/x\"]]}", "filter"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\","
            + "\"filters\":[[\"equals\",\"event:page\",[\"/x\"]]]}", "equals"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\","
            + "\"filters\":[[\"matches\",\"event:page\",[\"(\"]]]}", "regular expression"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"all\","
            + "\"filters\":[[\"is\",\"event:goal\",[\"Signup\"]],[\"has_done\",[\"is\","
            + "\"event:page\",[\"/pricing\"]]]]}", "not supported"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\",\"events\"],"
            + "\"filters\":[[\"is\",\"segment\",[2]]],\"date_range\":\"7d\"}", "not supported"),
        Map.entry("{\"metrics\":[\"visitors\"],\"date_range\":\"7d\"}", "site_id"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"conversion_rate\"],"
            + "\"date_range\":\"7d\"}", "event:goal"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\","
            + "\"order_by\":[[\"pageviews\",\"desc\"]]}", "pageviews"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\","
            + "\"pagination\":{\"limit\":0}}", "limit"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\","
            + "\"include\":{\"time_labels\":true}}", "time"),
        Map.entry("{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\","
            + "\"dimensinos\":[]}", "dimensinos"),
        Map.entry("[1, 2]", "object"),
        Map.entry("{\"site_id\":", "JSON"));
    for (Map.Entry<String, String> bad : cases.entrySet()) {
      HttpResponse<String> response = post(bad.getKey(), KEY);
      assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
      JsonNode body = Responses.JSON.readTree(response.body());
      assertThat(body.get("error").asText()).as(bad.getKey()).contains(bad.getValue());
      assertThat(body.size()).isEqualTo(1);
    }
  }

  @Test
  void errors_unknownSiteIs404() throws Exception {
    HttpResponse<String> response = post("{\"site_id\":\"nobody.example\",\"metrics\":"
        + "[\"visitors\"],\"date_range\":\"7d\"}", KEY);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Responses.JSON.readTree(response.body()).get("error").asText())
        .contains("nobody.example");
  }

  @Test
  void errors_withoutTheKeyIs401AndNoData() throws Exception {
    String query = "{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"all\"}";
    for (String key : new String[] {null, "wrong-key-0123456789"}) {
      HttpResponse<String> response = post(query, key);
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(Responses.JSON.readTree(response.body()).get("error").asText())
          .contains("API key");
      assertThat(response.body()).doesNotContain("results");
    }
    HttpResponse<String> get = jetty.send(jetty.request(StatsApi.PATH)
        .header("Authorization", "Bearer " + KEY));
    assertThat(get.statusCode()).isEqualTo(405);
  }

  @Test
  void errors_withoutAnAuthenticatorIs403() throws Exception {
    try (JettyFixture closed = new JettyFixture(HttpSettings.builder().noRateLimit().build())) {
      HttpResponse<String> response = closed.postJson(StatsApi.PATH, "{\"site_id\":\"a\","
          + "\"metrics\":[\"visitors\"],\"date_range\":\"7d\"}");
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("error");
    }
  }

  // --- Helpers ---------------------------------------------------------------------------------

  private static HttpResponse<String> post(String body, String key) throws Exception {
    return key == null ? jetty.postJson(StatsApi.PATH, body)
        : jetty.postJson(StatsApi.PATH, body, "Authorization", "Bearer " + key);
  }

  private static JsonNode ok(String query) throws Exception {
    HttpResponse<String> response = post(query, KEY);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    return Responses.JSON.readTree(response.body());
  }

  /** Checks Plausible's response shape: results with arrays in the asked sizes, meta, query. */
  private static void assertShape(JsonNode body, int metrics, int dimensions) {
    assertThat(body.fieldNames()).toIterable().containsExactly("results", "meta", "query");
    assertThat(body.get("meta").isObject()).isTrue();
    assertThat(body.get("results").isArray()).isTrue();
    body.get("results").forEach(row -> {
      assertThat(row.get("metrics")).hasSize(metrics);
      assertThat(row.get("dimensions")).hasSize(dimensions);
    });
    assertThat(body.get("query").fieldNames()).toIterable().contains("site_id", "metrics",
        "date_range", "filters", "dimensions", "order_by", "include", "pagination");
    assertThat(body.at("/query/metrics")).hasSize(metrics);
    assertThat(body.at("/query/dimensions")).hasSize(dimensions);
  }

  /** Checks a row's metrics, in order, against numbers from {@link Reports}. */
  private static void assertMetrics(JsonNode row, Number... expected) {
    assertThat(row.get("metrics")).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(row.get("metrics").get(i).decimalValue()).as("metric %d of %s", i, row)
          .isEqualByComparingTo(new BigDecimal(expected[i].toString()));
    }
  }

  private static JsonNode find(JsonNode body, String dimension) {
    for (JsonNode row : body.get("results")) {
      if (row.at("/dimensions/0").asText().equals(dimension)) {
        return row;
      }
    }
    throw new AssertionError("no row for " + dimension + " in " + body.get("results"));
  }

  private static long visitors(Period period, Condition... filters) {
    ReportQuery.Builder query = ReportQuery.builder("shop").period(period)
        .metrics(Metric.VISITORS);
    for (Condition filter : filters) {
      query.filter(filter);
    }
    return reports.aggregate(query.build()).metrics().get(Metric.VISITORS).value().longValue();
  }
}
