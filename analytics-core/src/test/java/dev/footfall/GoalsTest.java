package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.footfall.memory.InMemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Managing goals and funnels, and the rules they are checked against. */
final class GoalsTest {
  private Analytics analytics;
  private Goals goals;

  @BeforeEach
  void open() {
    analytics = Analytics.builder().storage(InMemoryStorage.create()).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop", Instant.EPOCH));
    goals = analytics.goals();
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  @Test
  void goalsAndFunnels_areListedInTheOrderAdded_andDeleted() {
    goals.add("shop", Goal.pageview("/blog/*"));
    goals.add("shop", Goal.revenue("Purchase", Currency.getInstance("EUR")));
    goals.add("shop", Goal.event("Signup").named("Signed up"));
    goals.addFunnel("shop", new Funnel("Blog to signup", List.of("Visit /blog/*", "Signed up")));

    assertThat(goals.list("shop")).extracting(Goal::name)
        .containsExactly("Visit /blog/*", "Purchase", "Signed up");
    assertThat(goals.find("shop", "Purchase").flatMap(Goal::currency))
        .contains(Currency.getInstance("EUR"));
    assertThat(goals.findFunnel("shop", "Blog to signup").map(Funnel::steps))
        .contains(List.of("Visit /blog/*", "Signed up"));

    assertThatThrownBy(() -> goals.delete("shop", "Signed up"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("goal 'Signed up' is a step of funnel 'Blog to signup'; delete the funnel"
            + " first");
    assertThat(goals.deleteFunnel("shop", "Blog to signup")).isTrue();
    assertThat(goals.delete("shop", "Signed up")).isTrue();
    assertThat(goals.delete("shop", "Signed up")).isFalse();
    assertThat(goals.list("shop")).extracting(Goal::name)
        .containsExactly("Visit /blog/*", "Purchase");
  }

  @Test
  void conflictsAndUnknownSteps_areRefused() {
    goals.add("shop", Goal.event("Signup"));
    assertThatThrownBy(() -> goals.add("shop", Goal.event("Signup")))
        .hasMessage("site 'shop' already has a goal named 'Signup'");
    assertThatThrownBy(() -> goals.addFunnel("shop", new Funnel("f", List.of("Signup", "Nope"))))
        .hasMessage("funnel step 'Nope' is not a goal of site 'shop'; add the goal first");
    assertThatThrownBy(() -> goals.list("nowhere")).isInstanceOf(UnknownSiteException.class);
    assertThat(goals.funnels("shop")).isEmpty();
  }

  @Test
  void goalAndFunnel_validateTheirParts() {
    assertThatThrownBy(() -> new Goal("x", "Signup", "/a", Optional.empty()))
        .hasMessage("goal 'x' needs either an event name or a page path, not both");
    assertThatThrownBy(() -> Goal.pageview("blog"))
        .hasMessage("goal page path must start with '/' and be at most 120 characters but was"
            + " 'blog'");
    assertThatThrownBy(() -> new Goal("x", "", "/a", Optional.of(Currency.getInstance("USD"))))
        .hasMessage("goal 'x' is a pageview goal; only a custom event goal can have a revenue"
            + " currency");
    assertThatThrownBy(() -> new Funnel("f", List.of("a")))
        .hasMessage("funnel 'f' needs 2 to 8 steps but had 1");
    assertThatThrownBy(() -> new Funnel("f", List.of("a", "b", "a")))
        .hasMessage("funnel 'f' names a goal twice: [a, b, a]");
  }

  @Test
  void conversionsRevenueAndFunnel_areCountedAsDefined() {
    goals.add("shop", Goal.pageview("/blog/*"));
    goals.add("shop", Goal.event("Signup"));
    goals.add("shop", Goal.revenue("Purchase", Currency.getInstance("USD")));
    goals.addFunnel("shop", new Funnel("Blog to purchase",
        List.of("Visit /blog/*", "Signup", "Purchase")));
    Instant t = Instant.now().minusSeconds(3_600);
    // a: blog, signup, purchase (in order); b: signup before the blog (not in order), purchase in
    // EUR; c: a nested blog page (no match) then /blog/x twice; d: only the home page.
    track("a", t, pageview("/blog/one"), event("Signup"), purchase("10.50", "USD"),
        purchase("4.25", "USD"));
    track("b", t, event("Signup"), pageview("/blog/two"), purchase("99", "EUR"));
    track("c", t, pageview("/blog/x/y"), pageview("/blog/x"), pageview("/blog/x"));
    track("d", t, pageview("/"));
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
    ReportQuery query = ReportQuery.builder("shop").period(Period.parse("7d")).build();

    GoalsReport report = analytics.reports().goals(query);
    assertThat(report.visitors()).isEqualTo(4);
    assertThat(report.results()).extracting(GoalsReport.Row::visitors, GoalsReport.Row::events,
        GoalsReport.Row::conversionRate).containsExactly(
            tuple(3L, 4L, 75.0),
            tuple(2L, 2L, 50.0),
            tuple(2L, 3L, 50.0));
    GoalsReport.Revenue revenue = report.results().get(2).revenue().orElseThrow();
    assertThat(revenue.total()).isEqualByComparingTo("14.75");
    assertThat(revenue.average()).isEqualByComparingTo("7.38");

    FunnelReport funnel = analytics.reports().funnel(query, "Blog to purchase");
    assertThat(funnel.steps()).extracting(FunnelReport.Step::visitors, FunnelReport.Step::dropoff,
        FunnelReport.Step::conversionRate, FunnelReport.Step::stepConversionRate).containsExactly(
            tuple(3L, 0L, 100.0, 100.0),
            tuple(1L, 2L, 33.33, 33.33),
            tuple(1L, 0L, 33.33, 100.0));

    Number blogVisitors = analytics.reports().aggregate(ReportQuery.builder("shop")
        .period(Period.parse("7d")).filter(Filter.is(Dimension.GOAL, "Visit /blog/*")).build())
        .metrics().get(Metric.VISITORS).value();
    assertThat(blogVisitors).isEqualTo(3L);
  }

  private static TrackRequest.Builder pageview(String path) {
    return TrackRequest.pageview("shop", "https://shop.example" + path);
  }

  private static TrackRequest.Builder event(String name) {
    return TrackRequest.event("shop", name, "https://shop.example/");
  }

  private static TrackRequest.Builder purchase(String amount, String currency) {
    return event("Purchase").revenue(Revenue.of(amount, currency));
  }

  /** Tracks the requests as one visitor's visit, a second apart. */
  private void track(String visitor, Instant start, TrackRequest.Builder... requests) {
    for (int i = 0; i < requests.length; i++) {
      analytics.tracker().track(requests[i].visitorId(visitor).timestamp(start.plusSeconds(i))
          .context(RequestContext.of("203.0.113.9", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
              + " AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"))
          .build());
    }
  }

  @Test
  void aGoalFilter_namingNoGoal_isRefused() {
    goals.add("shop", Goal.event("Signup"));
    ReportQuery query = ReportQuery.builder("shop")
        .filter(Filter.is(Dimension.GOAL, "Signup", "Nope")).build();
    assertThatThrownBy(() -> analytics.reports().aggregate(query))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("site 'shop' has no goal named 'Nope'");
    ReportQuery none = ReportQuery.builder("shop")
        .filter(Filter.contains(Dimension.GOAL, "zzz")).build();
    assertThatThrownBy(() -> analytics.reports().aggregate(none))
        .hasMessage("no goal of site 'shop' matches the filter contains [zzz]");
    assertThatThrownBy(() -> analytics.reports().funnel(ReportQuery.builder("shop").build(), "x"))
        .hasMessage("site 'shop' has no funnel named 'x'");
  }
}
