package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.footfall.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hand-computed reports on the in-memory store: each metric, period, breakdown and timeseries. */
final class ReportsTest {
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  private Analytics analytics;

  private Analytics open(ZoneId zone, Instant now) {
    analytics = Analytics.builder().storage(InMemoryStorage.create())
        .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    analytics.sites().save(Site.of("shop", "shop.example", zone, "Shop", Instant.EPOCH));
    return analytics;
  }

  @AfterEach
  void close() {
    if (analytics != null) {
      analytics.close();
    }
  }

  private void track(String visitor, String at, String path) {
    track(TrackRequest.pageview("shop", "https://shop.example" + path), visitor, at);
  }

  private void track(TrackRequest.Builder request, String visitor, String at) {
    analytics.tracker().track(request.visitorId(visitor).timestamp(Instant.parse(at))
        .context(RequestContext.of("203.0.113.9", CHROME)).build());
  }

  private void flush() {
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
  }

  private static ReportQuery.Builder query(String period) {
    return ReportQuery.builder("shop").period(Period.parse(period));
  }

  private Map<Metric, Number> values(AggregateReport report) {
    Map<Metric, Number> values = new EnumMap<>(Metric.class);
    report.metrics().forEach((metric, value) -> values.put(metric, value.value()));
    return values;
  }

  @Test
  void aggregate_handComputedVisits() {
    open(ZoneOffset.UTC, NOW);
    track("A", "2026-11-24T00:00:00Z", "/");
    track("A", "2026-11-24T00:25:00Z", "/pricing");
    track("B", "2026-11-24T00:10:00Z", "/");
    flush();

    AggregateReport report = analytics.reports().aggregate(query("day")
        .metrics(Metric.VISITORS, Metric.VISITS, Metric.PAGEVIEWS, Metric.EVENTS,
            Metric.VIEWS_PER_VISIT, Metric.BOUNCE_RATE, Metric.VISIT_DURATION)
        .build());

    assertThat(report.range()).isEqualTo(new DateRange(LocalDate.parse("2026-11-24"),
        LocalDate.parse("2026-11-24")));
    assertThat(values(report)).containsExactlyInAnyOrderEntriesOf(Map.of(
        Metric.VISITORS, 2L, Metric.VISITS, 2L, Metric.PAGEVIEWS, 3L, Metric.EVENTS, 3L,
        Metric.VIEWS_PER_VISIT, 1.5, Metric.BOUNCE_RATE, 50L, Metric.VISIT_DURATION, 750L));
    assertThat(report.previousRange()).isNull();
    assertThat(report.metrics().get(Metric.VISITORS).previous()).isNull();
  }

  @Test
  void aggregate_customEventsCountAsEventsAndOnlyInteractiveOnesPreventABounce() {
    open(ZoneOffset.UTC, NOW);
    track("A", "2026-11-24T08:00:00Z", "/");
    track(TrackRequest.event("shop", "Signup", "https://shop.example/"), "A",
        "2026-11-24T08:01:40Z");
    track("B", "2026-11-24T09:00:00Z", "/");
    track(TrackRequest.event("shop", "Scrolled", "https://shop.example/").interactive(false), "B",
        "2026-11-24T09:00:30Z");
    track("C", "2026-11-24T10:00:00Z", "/");
    flush();

    AggregateReport report = analytics.reports().aggregate(query("day").goal("Signup")
        .metrics(Arrays.stream(Metric.values()).filter(m -> !m.ofPage()).toList()).build());

    // A: not a bounce (interactive event), 100 s; B: bounce (0 s counted); C: bounce.
    assertThat(values(report)).containsExactlyInAnyOrderEntriesOf(Map.of(
        Metric.VISITORS, 3L, Metric.VISITS, 3L, Metric.PAGEVIEWS, 3L, Metric.EVENTS, 5L,
        Metric.VIEWS_PER_VISIT, 1.0, Metric.BOUNCE_RATE, 67L, Metric.VISIT_DURATION, 33L,
        Metric.CONVERSION_RATE, 33.3));
  }

  @Test
  void aggregate_comparesWithThePreviousPeriodOfEqualLength() {
    open(ZoneOffset.UTC, NOW);
    track("A", "2026-11-20T10:00:00Z", "/");
    track("B", "2026-11-21T10:00:00Z", "/");
    track("C", "2026-11-12T10:00:00Z", "/");
    flush();

    AggregateReport report = analytics.reports().aggregate(query("7d").compare(true)
        .metrics(Metric.VISITORS, Metric.BOUNCE_RATE, Metric.VIEWS_PER_VISIT).build());

    assertThat(report.range()).isEqualTo(new DateRange(LocalDate.parse("2026-11-18"),
        LocalDate.parse("2026-11-24")));
    assertThat(report.previousRange()).isEqualTo(new DateRange(LocalDate.parse("2026-11-11"),
        LocalDate.parse("2026-11-17")));
    assertThat(report.metrics().get(Metric.VISITORS)).isEqualTo(new MetricValue(2L, 1L, 100L));
    assertThat(report.metrics().get(Metric.BOUNCE_RATE)).isEqualTo(new MetricValue(100L, 100L, 0L));

    AggregateReport empty = analytics.reports().aggregate(query("day").compare(true).build());
    assertThat(empty.metrics().get(Metric.VISITORS)).isEqualTo(new MetricValue(0L, 0L, null));
    assertThat(empty.metrics().get(Metric.VIEWS_PER_VISIT).value()).isEqualTo(0.0);
  }

  @Test
  void aggregate_daysAreLocalToTheSite() {
    open(ZoneId.of("America/New_York"), NOW);
    track("A", "2026-11-24T04:59:00Z", "/"); // 23:59 on the 23rd in New York
    track("B", "2026-11-24T05:00:00Z", "/"); // midnight on the 24th
    flush();

    assertThat(analytics.reports().aggregate(query("day").build())
        .metrics().get(Metric.VISITORS).value()).isEqualTo(1L);
    assertThat(analytics.reports().aggregate(ReportQuery.builder("shop")
        .period(Period.custom(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-23")))
        .build()).metrics().get(Metric.VISITORS).value()).isEqualTo(1L);
  }

  @Test
  void aggregate_filtersCombineWithAnd() {
    open(ZoneOffset.UTC, NOW);
    track("A", "2026-11-24T08:00:00Z", "/pricing?utm_source=newsletter");
    track("A", "2026-11-24T08:01:00Z", "/docs");
    track("B", "2026-11-24T09:00:00Z", "/pricing");
    track("C", "2026-11-24T10:00:00Z", "/blog/pricing-explained");
    flush();

    assertThat(visitors(Filter.is(Dimension.PAGE, "/pricing"))).isEqualTo(2L);
    assertThat(visitors(Filter.isNot(Dimension.PAGE, "/pricing"))).isEqualTo(2L);
    assertThat(visitors(Filter.contains(Dimension.PAGE, "pricing"))).isEqualTo(3L);
    assertThat(visitors(Filter.is(Dimension.SOURCE, "newsletter"))).isEqualTo(1L);
    assertThat(visitors(Filter.is(Dimension.SOURCE, "Direct / None"))).isEqualTo(2L);
    assertThat(visitors(Filter.is(Dimension.PAGE, "/pricing"),
        Filter.is(Dimension.SOURCE, "Direct / None"))).isEqualTo(1L);
    assertThat(visitors(Filter.is(Dimension.ENTRY_PAGE, "/pricing"),
        Filter.is(Dimension.PAGE, "/docs"))).isEqualTo(1L);
  }

  private Number visitors(Filter... filters) {
    ReportQuery.Builder query = query("day");
    for (Filter filter : filters) {
      query.filter(filter);
    }
    return analytics.reports().aggregate(query.build()).metrics().get(Metric.VISITORS).value();
  }

  private void engage(String visitor, String at, String path, int scrollDepth, long engagedMillis) {
    track(TrackRequest.engagement("shop", "https://shop.example" + path, scrollDepth,
        Duration.ofMillis(engagedMillis)), visitor, at);
  }

  @Test
  void engagement_isNoEventAndChangesNoVisit() {
    open(ZoneOffset.UTC, NOW);
    track("A", "2026-11-24T08:00:00Z", "/");
    engage("A", "2026-11-24T08:00:30Z", "/", 40, 12_000);
    engage("A", "2026-11-24T08:04:00Z", "/", 90, 3_000);
    track("B", "2026-11-24T09:00:00Z", "/pricing");
    engage("B", "2026-11-24T09:10:00Z", "/pricing", 100, 600_000);
    flush();

    AggregateReport report = analytics.reports().aggregate(query("day").build());

    // Two one-page visits: bounces of 0 s, however long their engagements came after the pageview.
    assertThat(values(report)).containsExactlyInAnyOrderEntriesOf(Map.of(
        Metric.VISITORS, 2L, Metric.VISITS, 2L, Metric.PAGEVIEWS, 2L,
        Metric.VIEWS_PER_VISIT, 1.0, Metric.BOUNCE_RATE, 100L, Metric.VISIT_DURATION, 0L));
    assertThat(analytics.reports().aggregate(query("day").metrics(Metric.EVENTS).build())
        .metrics().get(Metric.EVENTS).value()).isEqualTo(2L);
    assertThat(analytics.reports().breakdown(query("day").breakdown(Dimension.EVENT_NAME)
        .metrics(Metric.EVENTS).build()).results())
        .containsExactly(new BreakdownReport.Row("pageview", Map.of(Metric.EVENTS, 2L)));
    assertThat(analytics.reports().breakdown(query("day").breakdown(Dimension.EXIT_PAGE)
        .metrics(Metric.VISITS).build()).results()).extracting(BreakdownReport.Row::value)
        .containsExactly("/", "/pricing");
  }

  @Test
  void engagement_scrollDepthAndTimeOnPagePerPage() {
    open(ZoneOffset.UTC, NOW);
    track("A", "2026-11-24T08:00:00Z", "/");
    engage("A", "2026-11-24T08:00:30Z", "/", 40, 12_000);
    engage("A", "2026-11-24T08:01:00Z", "/", 90, 3_000);
    track("B", "2026-11-24T09:00:00Z", "/");
    engage("B", "2026-11-24T09:00:10Z", "/", 25, 4_500);
    track("B", "2026-11-24T09:01:00Z", "/pricing");
    track("C", "2026-11-24T10:00:00Z", "/about");
    engage("C", "2026-11-24T10:00:05Z", "/about", 0, 499);
    flush();

    BreakdownReport pages = analytics.reports().breakdown(query("day").breakdown(Dimension.PAGE)
        .metrics(Metric.VISITORS, Metric.SCROLL_DEPTH, Metric.TIME_ON_PAGE).build());

    // "/": A's deepest 90 and B's 25 → 57.5 → 58; (12 + 3 + 4.5) s ÷ 2 visitors → 9.75 → 10.
    assertThat(pages.results()).extracting(BreakdownReport.Row::value)
        .containsExactly("/", "/about", "/pricing");
    assertThat(pages.results().get(0).metrics()).isEqualTo(Map.of(Metric.VISITORS, 2L,
        Metric.SCROLL_DEPTH, 58L, Metric.TIME_ON_PAGE, 10L));
    assertThat(pages.results().get(1).metrics()).isEqualTo(Map.of(Metric.VISITORS, 1L,
        Metric.SCROLL_DEPTH, 0L, Metric.TIME_ON_PAGE, 0L));
    assertThat(pages.results().get(2).metrics().get(Metric.SCROLL_DEPTH)).isNull();
    assertThat(pages.results().get(2).metrics().get(Metric.TIME_ON_PAGE)).isNull();
    assertThat(pages.results().get(2).metrics()).containsKeys(Metric.SCROLL_DEPTH,
        Metric.TIME_ON_PAGE);

    AggregateReport home = analytics.reports().aggregate(query("day").compare(true)
        .filter(Filter.is(Dimension.PAGE, "/")).filter(Filter.is(Dimension.EVENT_NAME, "pageview"))
        .metrics(Metric.VISITORS, Metric.SCROLL_DEPTH, Metric.TIME_ON_PAGE).build());
    assertThat(home.metrics()).containsEntry(Metric.SCROLL_DEPTH, new MetricValue(58L, null, null))
        .containsEntry(Metric.TIME_ON_PAGE, new MetricValue(10L, null, null));
    // A filter on the visit's exit page applies: only B's visit left from /pricing.
    assertThat(analytics.reports().aggregate(query("day").filter(Filter.is(Dimension.PAGE, "/"))
        .filter(Filter.is(Dimension.EXIT_PAGE, "/pricing")).metrics(Metric.SCROLL_DEPTH).build())
        .metrics().get(Metric.SCROLL_DEPTH).value()).isEqualTo(25L);
  }

  @Test
  void engagement_metricsAreRefusedOutsideOnePage() {
    open(ZoneOffset.UTC, NOW);
    String perPage = " are per page: ask for them in a page breakdown or in an aggregate filtered"
        + " to one page (page is …)";

    assertThatThrownBy(() -> analytics.reports().aggregate(query("day")
        .metrics(Metric.VISITORS, Metric.SCROLL_DEPTH, Metric.TIME_ON_PAGE).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scroll_depth and time_on_page" + perPage
            + ", but the aggregate has 0 filters page is …");
    assertThatThrownBy(() -> analytics.reports().aggregate(query("day")
        .filter(Filter.contains(Dimension.PAGE, "/")).metrics(Metric.TIME_ON_PAGE).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("time_on_page" + perPage);
    assertThatThrownBy(() -> analytics.reports().breakdown(query("day")
        .breakdown(Dimension.ENTRY_PAGE).metrics(Metric.SCROLL_DEPTH).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scroll_depth" + perPage + ", not in a entry_page breakdown");
    assertThatThrownBy(() -> analytics.reports().timeseries(query("day")
        .metrics(Metric.VISITORS, Metric.TIME_ON_PAGE).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time_on_page" + perPage + ", not in a timeseries");
  }

  @Test
  void breakdown_ordersByVisitorsAndPages() {
    open(ZoneOffset.UTC, NOW);
    track("A", "2026-11-24T08:00:00Z", "/");
    track("A", "2026-11-24T08:05:00Z", "/pricing");
    track("B", "2026-11-24T09:00:00Z", "/pricing");
    track("C", "2026-11-24T10:00:00Z", "/about");
    track(TrackRequest.event("shop", "Signup", "https://shop.example/pricing").prop("plan", "pro"),
        "B", "2026-11-24T09:01:00Z");
    flush();

    BreakdownReport pages = analytics.reports().breakdown(query("day").breakdown(Dimension.PAGE)
        .metrics(Metric.VISITORS, Metric.PAGEVIEWS, Metric.BOUNCE_RATE).build());
    assertThat(pages.results()).containsExactly(
        new BreakdownReport.Row("/pricing", Map.of(Metric.VISITORS, 2L, Metric.PAGEVIEWS, 2L,
            Metric.BOUNCE_RATE, 0L)),
        new BreakdownReport.Row("/", Map.of(Metric.VISITORS, 1L, Metric.PAGEVIEWS, 1L,
            Metric.BOUNCE_RATE, 0L)),
        new BreakdownReport.Row("/about", Map.of(Metric.VISITORS, 1L, Metric.PAGEVIEWS, 1L,
            Metric.BOUNCE_RATE, 100L)));

    assertThat(analytics.reports().breakdown(query("day").breakdown(Dimension.PAGE).limit(1)
        .page(2).metrics(Metric.VISITORS).build()).results())
        .extracting(BreakdownReport.Row::value).containsExactly("/");

    assertThat(analytics.reports().breakdown(query("day").breakdown(Dimension.prop("plan"))
        .metrics(Metric.EVENTS).build()).results()).containsExactly(
        new BreakdownReport.Row("(none)", Map.of(Metric.EVENTS, 4L)),
        new BreakdownReport.Row("pro", Map.of(Metric.EVENTS, 1L)));

    assertThat(analytics.reports().breakdown(query("day").breakdown(Dimension.SOURCE)
        .metrics(Metric.VISITS).build()).results()).containsExactly(
        new BreakdownReport.Row("Direct / None", Map.of(Metric.VISITS, 3L)));

    assertThatThrownBy(() -> analytics.reports().breakdown(query("day").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a breakdown needs a dimension");
  }

  @Test
  void timeseries_fillsEmptyDaysWithZeros() {
    open(ZoneOffset.UTC, NOW);
    track("A", "2026-11-20T10:00:00Z", "/");
    track("B", "2026-11-24T10:00:00Z", "/");
    track("B", "2026-11-24T10:01:00Z", "/x");
    flush();

    TimeseriesReport report = analytics.reports().timeseries(query("7d")
        .metrics(Metric.VISITORS, Metric.PAGEVIEWS).build());

    assertThat(report.results()).extracting(p -> p.start().toLocalDate().toString(),
        p -> p.metrics().get(Metric.PAGEVIEWS)).containsExactly(
        tuple("2026-11-18", 0L),
        tuple("2026-11-19", 0L),
        tuple("2026-11-20", 1L),
        tuple("2026-11-21", 0L),
        tuple("2026-11-22", 0L),
        tuple("2026-11-23", 0L),
        tuple("2026-11-24", 2L));
  }

  @Test
  void timeseries_weeksStartOnMondayAndMonthsOnThe1st() {
    open(ZoneOffset.UTC, NOW);
    track("A", "2026-11-15T10:00:00Z", "/"); // a Sunday
    track("B", "2026-11-16T10:00:00Z", "/"); // the next Monday
    track("C", "2026-10-31T10:00:00Z", "/");
    flush();

    ReportQuery.Builder range = ReportQuery.builder("shop").metrics(Metric.VISITORS)
        .period(Period.custom(LocalDate.parse("2026-10-28"), LocalDate.parse("2026-11-17")));
    assertThat(analytics.reports().timeseries(range.interval(Interval.WEEK).build()).results())
        .extracting(p -> p.start().toLocalDate().toString(), p -> p.metrics().get(Metric.VISITORS))
        .containsExactly(
            tuple("2026-10-28", 1L),
            tuple("2026-11-02", 0L),
            tuple("2026-11-09", 1L),
            tuple("2026-11-16", 1L));
    assertThat(analytics.reports().timeseries(range.interval(Interval.MONTH).build()).results())
        .extracting(p -> p.start().toLocalDate().toString(), p -> p.metrics().get(Metric.VISITORS))
        .containsExactly(
            tuple("2026-10-28", 1L),
            tuple("2026-11-01", 2L));
  }

  @Test
  void timeseries_hoursFollowTheLocalClockAcrossDaylightSavingChanges() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    open(berlin, Instant.parse("2026-10-26T12:00:00Z"));
    track("A", "2026-10-25T00:30:00Z", "/"); // 02:30 CEST
    track("B", "2026-10-25T01:30:00Z", "/"); // 02:30 CET, the repeated hour
    track("C", "2026-03-29T01:30:00Z", "/"); // 03:30 CEST, just after the skipped hour
    flush();

    List<TimeseriesReport.Point> autumn = analytics.reports().timeseries(ReportQuery.builder("shop")
        .period(Period.custom(LocalDate.parse("2026-10-25"), LocalDate.parse("2026-10-25")))
        .interval(Interval.HOUR).metrics(Metric.PAGEVIEWS).build()).results();
    assertThat(autumn).hasSize(24);
    assertThat(autumn.get(2)).isEqualTo(new TimeseriesReport.Point(
        LocalDateTime.parse("2026-10-25T02:00"), Map.of(Metric.PAGEVIEWS, 2L)));

    List<TimeseriesReport.Point> spring = analytics.reports().timeseries(ReportQuery.builder("shop")
        .period(Period.custom(LocalDate.parse("2026-03-29"), LocalDate.parse("2026-03-29")))
        .interval(Interval.HOUR).metrics(Metric.PAGEVIEWS).build()).results();
    assertThat(spring).hasSize(23);
    assertThat(spring.get(2)).isEqualTo(new TimeseriesReport.Point(
        LocalDateTime.parse("2026-03-29T03:00"), Map.of(Metric.PAGEVIEWS, 1L)));
  }

  @Test
  void realtime_countsTheLastFiveMinutesAndThirtyMinutesOfPageviews() {
    open(ZoneId.of("Asia/Kolkata"), Instant.parse("2026-11-24T12:00:30Z"));
    track("A", "2026-11-24T11:56:00Z", "/");
    track("B", "2026-11-24T11:59:00Z", "/");
    track("B", "2026-11-24T11:59:10Z", "/x");
    track("C", "2026-11-24T11:40:00Z", "/");
    track("D", "2026-11-24T11:20:00Z", "/"); // older than 30 minutes
    flush();

    RealtimeReport report = analytics.reports().realtime("shop");

    assertThat(report.currentVisitors()).isEqualTo(2);
    assertThat(report.pageviewsByMinute()).hasSize(30);
    assertThat(report.pageviewsByMinute().get(0).minute())
        .isEqualTo(LocalDateTime.parse("2026-11-24T17:01"));
    assertThat(report.pageviewsByMinute().get(29))
        .isEqualTo(new RealtimeReport.MinutePageviews(LocalDateTime.parse("2026-11-24T17:30"), 0));
    assertThat(report.pageviewsByMinute().get(28).pageviews()).isEqualTo(2);
    assertThat(report.pageviewsByMinute().stream().mapToLong(RealtimeReport.MinutePageviews::pageviews)
        .sum()).isEqualTo(4);
  }

  @Test
  void periodAll_startsAtTheFirstEvent() {
    open(ZoneOffset.UTC, NOW);
    track("A", "2025-02-03T10:00:00Z", "/");
    flush();

    AggregateReport report = analytics.reports().aggregate(query("all").build());

    assertThat(report.range().from()).isEqualTo(LocalDate.parse("2025-02-03"));
    assertThat(report.metrics().get(Metric.VISITORS).value()).isEqualTo(1L);
  }

  @Test
  void unknownSite_isRefused() {
    open(ZoneOffset.UTC, NOW);
    assertThatThrownBy(() -> analytics.reports().aggregate(ReportQuery.builder("nope").build()))
        .isInstanceOf(UnknownSiteException.class)
        .hasMessage("site 'nope' is not registered");
    assertThatThrownBy(() -> analytics.reports().realtime("nope"))
        .isInstanceOf(UnknownSiteException.class);
  }
}
