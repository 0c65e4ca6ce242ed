package dev.footfall.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Filter;
import dev.footfall.Session;
import dev.footfall.spi.Counts;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.TimeBuckets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One day counted by row: visitor 1's first visit crosses midnight on {@code /a}, then goes on to
 * {@code /b}; its second visit and visitor 2's are on the day only; visitor 3 came the day before
 * only.
 */
final class DayAggregatorTest {
  private static final RollupDay DAY = new RollupDay("shop", LocalDate.parse("2026-11-24"),
      ZoneId.of("America/New_York"));
  private static final Instant MIDNIGHT = DAY.start();

  private final DayAggregator aggregator = new DayAggregator(DAY);
  private final Session acrossMidnight = session(10, 1, "Google", "/a", "/b", 3, 1_800);
  private final Session later = session(11, 1, "", "/b", "/b", 1, 0);
  private final Session other = session(20, 2, "", "/a", "/a", 1, 0);

  @BeforeEach
  void add() {
    aggregator.add(pageview(3, 30, MIDNIGHT.minusSeconds(7_200), "/z"),
        session(30, 3, "Google", "/z", "/z", 1, 0));
    aggregator.add(pageview(1, 10, MIDNIGHT.minusSeconds(600), "/a"), acrossMidnight);
    aggregator.add(pageview(1, 10, MIDNIGHT.plusSeconds(600), "/a"), acrossMidnight);
    aggregator.add(pageview(1, 10, MIDNIGHT.plusSeconds(1_200), "/b"), acrossMidnight);
    aggregator.add(pageview(2, 20, MIDNIGHT.plusSeconds(3_600), "/a"), other);
    aggregator.add(pageview(1, 11, MIDNIGHT.plusSeconds(36_000), "/b"), later);
    aggregator.add(Event.builder("shop", EventType.CUSTOM_EVENT).name("Signup").pathname("/b")
        .hostname("shop.example").visitorId(1).sessionId(11)
        .timestamp(MIDNIGHT.plusSeconds(36_010)).build(), later);
  }

  @Test
  void eachRowCountsItsVisitorsAndVisitsOnceAndWhatContinuedFromTheDayBefore() {
    Map<String, Map<String, DayCounts>> rows = aggregator.rows(null);

    assertThat(rows.get(RollupStore.TOTAL).get("")).isEqualTo(new DayCounts(
        counts(2, 3, 4, 5).sessions(3).sessionPageviews(5).bounces(2).durationSeconds(1_800)
            .build(),
        Counts.builder().visitors(1).visits(1).sessions(1).sessionPageviews(3)
            .durationSeconds(1_800).build()));
    assertThat(rows.get("page").get("/a")).isEqualTo(new DayCounts(
        counts(2, 2, 2, 2).sessions(2).sessionPageviews(4).bounces(1).durationSeconds(1_800)
            .build(),
        Counts.builder().visitors(1).visits(1).sessions(1).sessionPageviews(3)
            .durationSeconds(1_800).build()));
    assertThat(rows.get("page").get("/b")).as("nothing on /b the day before").isEqualTo(
        new DayCounts(counts(1, 2, 2, 3).sessions(2).sessionPageviews(4).bounces(1)
            .durationSeconds(1_800).build(), Counts.ZERO));
    assertThat(rows.get("source").get("Google").continued().visitors()).isEqualTo(1);
    assertThat(rows.get("source").get("").counts().visitors()).isEqualTo(2);
    assertThat(rows.get("exit_page")).containsOnlyKeys("/a", "/b");
    assertThat(rows.get("page")).as("nothing of the day before only").containsOnlyKeys("/a", "/b");
    assertThat(rows.get("event_name").get("Signup").counts().visitors()).isEqualTo(1);
    assertThat(rows.get("country").get("FR").continued().visits()).isEqualTo(1);
  }

  @Test
  void visitorRowsAreTheRowsEachVisitorIsCountedInWithWhetherItContinued() {
    Map<Long, List<DayAggregator.VisitorRow>> rows = aggregator.visitorRows(List.of(1L, 3L, 9L));

    assertThat(rows).as("3 came the day before only, 9 never").containsOnlyKeys(1L);
    assertThat(rows.get(1L)).contains(new DayAggregator.VisitorRow(RollupStore.TOTAL, "", true),
        new DayAggregator.VisitorRow("page", "/a", true),
        new DayAggregator.VisitorRow("page", "/b", false),
        new DayAggregator.VisitorRow("event_name", "Signup", false),
        new DayAggregator.VisitorRow("source", "Google", true),
        new DayAggregator.VisitorRow("source", "", false));
    // Each row once per visitor, and as many as the rows count it in.
    assertThat(rows.get(1L)).doesNotHaveDuplicates();
    Map<String, Map<String, DayCounts>> counted = aggregator.rows(null);
    long rowsOfBoth = counted.values().stream().flatMap(values -> values.values().stream())
        .mapToLong(day -> day.counts().visitors()).sum();
    assertThat(rows.get(1L).size() + aggregator.visitorRows(List.of(2L)).get(2L).size())
        .isEqualTo(rowsOfBoth);
  }

  @Test
  void visitorsAndPageviewsOfAStretchCountEventsFromItsStartUpToItsEnd() {
    Instant from = MIDNIGHT.minusSeconds(600);
    Instant to = MIDNIGHT.plusSeconds(3_600);
    TimeBuckets hours = new TimeBuckets(TimeBuckets.Unit.HOUR, DAY.zone());

    assertThat(aggregator.visitors(from, to)).as("1 across midnight; 2's event is at the end")
        .isEqualTo(1);
    assertThat(aggregator.visitors(from, to.plusNanos(1))).isEqualTo(2);
    assertThat(aggregator.visitors(from.plusNanos(1), MIDNIGHT.plusSeconds(600))).isZero();
    assertThat(aggregator.visitors(DAY.previousStart(), DAY.end())).isEqualTo(3);
    assertThat(aggregator.pageviews(from, to.plusNanos(1), hours)).isEqualTo(Map.of(
        hours.keyOf(from), 1L, hours.keyOf(MIDNIGHT), 2L, hours.keyOf(to), 1L));
    assertThat(aggregator.pageviews(MIDNIGHT.plusSeconds(36_000), DAY.end(), hours))
        .as("the custom event is not a pageview")
        .isEqualTo(Map.of(hours.keyOf(MIDNIGHT.plusSeconds(36_000)), 1L));
    assertThatThrownBy(() -> aggregator.visitors(DAY.previousStart().minusNanos(1), to))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be within the day before and the day");
    assertThatThrownBy(() -> aggregator.pageviews(from, DAY.end().plusNanos(1), hours))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFilterCountsOnlyTheEventsThatPassIt() {
    Map<String, Map<String, DayCounts>> onB = aggregator.rows(Filter.is(Dimension.PAGE, "/b"));
    Map<String, Map<String, DayCounts>> fromGoogle = aggregator.rows(
        Filter.is(Dimension.SOURCE, "Google"));

    assertThat(onB.get(RollupStore.TOTAL).get("")).isEqualTo(onBWithoutAFilter());
    assertThat(onB.get("page")).containsOnlyKeys("/b");
    assertThat(fromGoogle.get(RollupStore.TOTAL).get("").counts().pageviews()).isEqualTo(2);
    assertThat(fromGoogle.get(RollupStore.TOTAL).get("").continued().visitors()).isEqualTo(1);
    assertThat(aggregator.rows(Filter.isNot(Dimension.PAGE, "/a")).get("page"))
        .containsOnlyKeys("/b");
  }

  @Test
  void sessionsReplacedLaterMoveTheirVisitsToTheirNewValues() {
    aggregator.update(other.toBuilder().exitPage("/c").pageviews(2).bounce(false)
        .lastActivityAt(other.startedAt().plusSeconds(60)).endedAt(MIDNIGHT.plusSeconds(9_000))
        .build());

    Map<String, DayCounts> exits = aggregator.rows(null).get("exit_page");

    assertThat(exits).containsOnlyKeys("/b", "/c");
    assertThat(exits.get("/c").counts().durationSeconds()).isEqualTo(60);
    assertThat(aggregator.openSessions()).containsExactlyInAnyOrder(10L, 11L, 30L);
    assertThat(aggregator.visitorsOnTheDay()).containsExactly(1L, 2L);
  }

  @Test
  void aFilterOnACustomPropIsRefused() {
    assertThatThrownBy(() -> aggregator.rows(Filter.is(Dimension.prop("plan"), "pro")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("filter dimension must not be a custom prop but was prop:plan");
  }

  private DayCounts onBWithoutAFilter() {
    return aggregator.rows(null).get("page").get("/b");
  }

  private static Counts.Builder counts(long visitors, long visits, long pageviews, long events) {
    return Counts.builder().visitors(visitors).visits(visits).pageviews(pageviews).events(events);
  }

  private static Event pageview(long visitor, long session, Instant at, String path) {
    return Event.builder("shop", EventType.PAGEVIEW).pathname(path).hostname("shop.example")
        .visitorId(visitor).sessionId(session).country("FR").timestamp(at).build();
  }

  private static Session session(long id, long visitor, String source, String entry, String exit,
      int pageviews, long seconds) {
    Instant start = MIDNIGHT.minusSeconds(id == 10 ? 600 : -3_600);
    return Session.builder("shop", id, visitor).referrerSource(source).entryPage(entry)
        .exitPage(exit).pageviews(pageviews).events(pageviews).bounce(pageviews == 1)
        .country("FR").startedAt(start).lastActivityAt(start.plusSeconds(seconds)).build();
  }
}
