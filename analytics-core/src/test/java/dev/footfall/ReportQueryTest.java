package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Periods, dimensions, filters and query settings: resolution and the messages for bad values. */
final class ReportQueryTest {
  private static final LocalDate TODAY = LocalDate.parse("2026-11-24");

  private static DateRange resolve(String period) {
    return Period.parse(period).resolve(TODAY, Optional.of(LocalDate.parse("2024-05-06")));
  }

  private static DateRange range(String from, String to) {
    return new DateRange(LocalDate.parse(from), LocalDate.parse(to));
  }

  @Test
  void period_resolvesInLocalDaysEndingToday() {
    assertThat(resolve("day")).isEqualTo(range("2026-11-24", "2026-11-24"));
    assertThat(resolve("7d")).isEqualTo(range("2026-11-18", "2026-11-24"));
    assertThat(resolve("30d")).isEqualTo(range("2026-10-26", "2026-11-24"));
    assertThat(resolve("90d")).isEqualTo(range("2026-08-27", "2026-11-24"));
    assertThat(resolve("month")).isEqualTo(range("2026-11-01", "2026-11-24"));
    assertThat(resolve("6mo")).isEqualTo(range("2026-06-01", "2026-11-24"));
    assertThat(resolve("12mo")).isEqualTo(range("2025-12-01", "2026-11-24"));
    assertThat(resolve("year")).isEqualTo(range("2026-01-01", "2026-11-24"));
    assertThat(resolve("all")).isEqualTo(range("2024-05-06", "2026-11-24"));
    assertThat(Period.parse("all").resolve(TODAY, Optional.empty()))
        .isEqualTo(range("2026-11-24", "2026-11-24"));
    assertThat(resolve("7d").previous()).isEqualTo(range("2026-11-11", "2026-11-17"));
  }

  @Test
  void period_badValues_areRefusedWithTheAllowedValues() {
    assertThatThrownBy(() -> Period.parse("week"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("period must be one of day, 7d, 30d, 90d, month, 6mo, 12mo, year, all, custom"
            + " but was 'week'");
    assertThatThrownBy(() -> Period.parse("custom"))
        .hasMessage("period 'custom' needs a start date and an end date");
    assertThatThrownBy(() -> Period.custom(LocalDate.parse("2026-11-24"),
        LocalDate.parse("2026-11-23")))
        .hasMessage("end date 2026-11-23 is before start date 2026-11-24");
  }

  @Test
  void dimension_parsesKeysAndProps() {
    assertThat(Dimension.fromKey("utm_campaign")).isEqualTo(Dimension.UTM_CAMPAIGN);
    assertThat(Dimension.fromKey("prop:plan")).isEqualTo(Dimension.prop("plan"));
    assertThat(Dimension.prop("plan").key()).isEqualTo("prop:plan");
    assertThatThrownBy(() -> Dimension.fromKey("city"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("dimension must be one of page, entry_page, exit_page, source,")
        .hasMessageEndingWith("event_name, goal, prop:<key> but was 'city'");
    assertThatThrownBy(() -> Dimension.fromKey("prop:"))
        .hasMessage("prop key must be 1 to 300 characters but was ''");
  }

  @Test
  void filter_emptyLabelMatchesEmptyValues() {
    assertThat(Filter.is(Dimension.SOURCE, "Direct / None").values()).containsExactly("");
    assertThat(Filter.is(Dimension.COUNTRY, "(none)").test("")).isTrue();
    assertThat(Filter.isNot(Dimension.COUNTRY, "DE").test("")).isTrue();
    assertThat(Filter.contains(Dimension.PAGE, "pri").test("/pricing")).isTrue();
    assertThat(Filter.contains(Dimension.PAGE, "PRI").test("/pricing")).isFalse();
    assertThatThrownBy(() -> Filter.contains(Dimension.PAGE, ""))
        .hasMessage("a 'contains' filter on page needs a non-empty value");
  }

  @Test
  void builder_badValues_areRefused() {
    ReportQuery.Builder builder = ReportQuery.builder("shop");
    assertThatThrownBy(() -> builder.limit(0))
        .hasMessage("limit must be between 1 and 1000 but was 0");
    assertThatThrownBy(() -> builder.limit(1001))
        .hasMessage("limit must be between 1 and 1000 but was 1001");
    assertThatThrownBy(() -> builder.page(0)).hasMessage("page must be at least 1 but was 0");
    assertThatThrownBy(() -> builder.metrics()).hasMessage("metrics must name at least one metric");
    assertThatThrownBy(() -> builder.goal(" "))
        .hasMessage("goal must be a goal or event name of 1 to 120 characters but was ' '");
    assertThatThrownBy(() -> builder.metrics(Metric.CONVERSION_RATE).build())
        .hasMessage("metric conversion_rate needs a goal");
    assertThatThrownBy(() -> Metric.fromKey("sessions"))
        .hasMessage("metric must be one of visitors, visits, pageviews, events, views_per_visit,"
            + " bounce_rate, visit_duration, conversion_rate, scroll_depth, time_on_page but was"
            + " 'sessions'");
    assertThatThrownBy(() -> Interval.fromKey("minute"))
        .hasMessage("interval must be one of hour, day, week, month but was 'minute'");
  }

  @Test
  void builder_defaults() {
    ReportQuery query = ReportQuery.builder("shop").goal("Signup").build();
    assertThat(query.period()).isEqualTo(Period.parse("30d"));
    assertThat(query.metrics()).containsExactly(Metric.VISITORS, Metric.VISITS, Metric.PAGEVIEWS,
        Metric.VIEWS_PER_VISIT, Metric.BOUNCE_RATE, Metric.VISIT_DURATION, Metric.CONVERSION_RATE);
    assertThat(query.interval()).isEqualTo(Interval.DAY);
    assertThat(query.limit()).isEqualTo(100);
    assertThat(query.page()).isEqualTo(1);
  }
}
