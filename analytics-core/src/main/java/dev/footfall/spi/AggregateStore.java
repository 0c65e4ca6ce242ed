package dev.footfall.spi;

import dev.footfall.Condition;
import dev.footfall.Dimension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts events for reports. Implementations aggregate where the data is (in SQL for a database),
 * never by loading raw events into the JVM; the in-memory store is the reference they are tested
 * against. Thread-safe; failures throw {@link dev.footfall.StorageException}.
 *
 * <p>Dimension values are compared and returned as stored, {@code ""} for an empty value; a visit
 * dimension ({@link Dimension.Kind#ofVisit()}) is read from the event's stored session, so events
 * whose session is not stored yet do not match a filter or breakdown on one.
 *
 * @since 0.1
 */
public interface AggregateStore {

  /** Returns the counts of all selected events. */
  Counts total(Selection selection);

  /**
   * Returns the counts of the selected events grouped by the dimension's value, ordered by
   * visitors (most first), then by value; events without a value of a prop form the group {@code
   * ""}.
   *
   * @param offset how many groups to skip
   * @param limit the most groups to return
   * @return the groups in that order
   */
  Map<String, Counts> breakdown(Selection selection, Dimension dimension, int offset, int limit);

  /**
   * Returns the counts of the selected events grouped by time bucket, by {@linkplain
   * TimeBuckets#keyOf bucket key}; buckets without events are left out.
   */
  Map<Long, Counts> timeseries(Selection selection, TimeBuckets buckets);

  /**
   * Returns the counts of the selected events grouped by the values of several dimensions and,
   * when {@code buckets} is given, by time bucket too; every group that has events, in no
   * particular order (callers sort and page). An event without a value of a prop is in the group
   * {@code ""} of that prop; an event whose session is not stored is in no group when a visit
   * dimension is asked for. No dimension and no buckets give one group, the {@link #total}.
   *
   * <p>The default answers what {@link #total}, {@link #breakdown} and {@link #timeseries} can (at
   * most one dimension without buckets, or buckets alone) and throws {@link
   * UnsupportedOperationException} otherwise.
   *
   * @param dimensions the dimensions, none of them {@link Dimension#GOAL}
   * @param buckets the time buckets, or empty not to group by time
   * @since 0.3
   */
  default Map<GroupKey, Counts> groups(Selection selection, List<Dimension> dimensions,
      Optional<TimeBuckets> buckets) {
    Map<GroupKey, Counts> groups = new HashMap<>();
    if (buckets.isPresent() && dimensions.isEmpty()) {
      timeseries(selection, buckets.get()).forEach((bucket, counts) -> groups.put(
          new GroupKey(List.of(), bucket), counts));
    } else if (buckets.isEmpty() && dimensions.size() == 1) {
      breakdown(selection, dimensions.get(0), 0, Integer.MAX_VALUE).forEach((value, counts) ->
          groups.put(new GroupKey(List.of(value), 0), counts));
    } else if (buckets.isEmpty() && dimensions.isEmpty()) {
      Counts total = total(selection);
      if (total.events() > 0) {
        groups.put(new GroupKey(List.of(), 0), total);
      }
    } else {
      throw new UnsupportedOperationException(getClass().getSimpleName()
          + " does not group by several dimensions or by dimension and time");
    }
    return groups;
  }

  /**
   * Returns how many distinct visitors the selected events have: {@code total(selection).visitors()},
   * which a store may count without the session sums {@link #total} also computes.
   */
  default long visitors(Selection selection) {
    return total(selection).visitors();
  }

  /**
   * Returns the selected pageviews by time bucket, by {@linkplain TimeBuckets#keyOf bucket key}:
   * {@link #timeseries}' pageviews, which a store may count without its other metrics. Buckets
   * without pageviews may be left out.
   */
  default Map<Long, Long> pageviews(Selection selection, TimeBuckets buckets) {
    Map<Long, Long> pageviews = new HashMap<>();
    timeseries(selection, buckets).forEach((key, counts) -> pageviews.put(key, counts.pageviews()));
    return pageviews;
  }

  /**
   * Returns the revenue in a currency of the selected events (those with revenue in another
   * currency are left out). The default throws {@link UnsupportedOperationException}.
   *
   * @since 0.3
   */
  default RevenueSum revenue(Selection selection, Currency currency) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " does not sum revenue");
  }

  /**
   * Returns, for each step of a funnel, how many distinct visitors reached it within one visit:
   * a visit reaches step {@code k} when its selected events include events satisfying steps 1 to
   * {@code k} at strictly increasing timestamps. Each visit is matched greedily, each step at its
   * earliest event after the previous step's, which finds such a sequence whenever there is one.
   * The default throws {@link UnsupportedOperationException}.
   *
   * @param steps the steps' conditions, on the event's own dimensions
   * @return one count per step, in order
   * @since 0.3
   */
  default long[] funnel(Selection selection, List<Condition> steps) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " does not count funnels");
  }

  /**
   * Returns the custom prop keys of the selected events, each with how many of the events have
   * it. The default throws {@link UnsupportedOperationException}.
   *
   * @since 0.3
   */
  default Map<String, Long> propKeys(Selection selection) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " does not list prop keys");
  }

  /**
   * Returns the {@linkplain dev.footfall.EventType#ENGAGEMENT engagement} sums of each of these
   * pages ({@link dev.footfall.Event#pathname()}), over the selection's engagements (those of its
   * site with {@code from <= timestamp < to}); pages without one are left out. Filters on a visit
   * dimension are read from the engagement's session (an engagement without a stored session does
   * not match one), filters on the page, country, device, browser and OS from the engagement
   * itself; filters on the event name or a prop, and the goal, do not apply to engagements and are
   * ignored ({@link #forEngagements}).
   *
   * <p>The default returns none, for stores that keep no engagements.
   *
   * @param pages the pages to count, such as the values of one page of a page breakdown
   * @since 0.3
   */
  default Map<String, EngagementSums> engagement(Selection selection, Collection<String> pages) {
    return Map.of();
  }

  /**
   * Returns the selection without what does not apply to engagements: the filters on the event
   * name or a prop (conditions that read one), and the goal.
   *
   * @since 0.3
   */
  static Selection forEngagements(Selection selection) {
    List<Condition> kept = new ArrayList<>();
    for (Condition condition : selection.filters()) {
      if (condition.filters().stream().map(filter -> filter.dimension().kind())
          .noneMatch(kind -> kind == Dimension.Kind.EVENT_NAME || kind == Dimension.Kind.PROP)) {
        kept.add(condition);
      }
    }
    return Selection.builder(selection.siteId(), selection.from(), selection.to()).filters(kept)
        .build();
  }

  /** Returns the timestamp of the site's earliest event, if it has any. */
  Optional<Instant> firstEvent(String siteId);

  /**
   * Returns one page of groups in {@link #breakdown}'s order (most visitors first, then by value),
   * for stores that group in Java.
   */
  static Map<String, Counts> page(Map<String, Counts> groups, int offset, int limit) {
    Map<String, Counts> page = new LinkedHashMap<>();
    groups.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, Counts> e) -> -e.getValue().visitors())
            .thenComparing(Map.Entry::getKey))
        .skip(offset)
        .limit(limit)
        .forEach(e -> page.put(e.getKey(), e.getValue()));
    return page;
  }
}
