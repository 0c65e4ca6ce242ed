package dev.footfall.memory;

import dev.footfall.Condition;
import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Revenue;
import dev.footfall.Session;
import dev.footfall.internal.report.DayAggregator;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.Counts;
import dev.footfall.spi.EngagementSums;
import dev.footfall.spi.GroupKey;
import dev.footfall.spi.RevenueSum;
import dev.footfall.spi.Selection;
import dev.footfall.spi.TimeBuckets;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The reference aggregation: counts each metric straight from its definition, event by event. The
 * SQL stores must give the same numbers.
 */
final class InMemoryAggregates implements AggregateStore {
  private final InMemoryStorage storage;

  InMemoryAggregates(InMemoryStorage storage) {
    this.storage = storage;
  }

  @Override
  public Counts total(Selection selection) {
    return group(selection, (event, session) -> "").getOrDefault("", Counts.ZERO);
  }

  @Override
  public Map<String, Counts> breakdown(Selection selection, Dimension dimension, int offset,
      int limit) {
    Map<String, Counts> all = group(selection, dimension::valueOf);
    return AggregateStore.page(all, offset, limit);
  }

  @Override
  public Map<Long, Counts> timeseries(Selection selection, TimeBuckets buckets) {
    Map<Long, Counts> byBucket = new HashMap<>();
    group(selection, (event, session) -> Long.toString(buckets.keyOf(event.timestamp())))
        .forEach((key, counts) -> byBucket.put(Long.parseLong(key), counts));
    return byBucket;
  }

  /**
   * Sums each page's engagements straight from the definitions: each visitor's deepest scroll on
   * the page, and the engaged time of every engagement there.
   */
  @Override
  public Map<String, EngagementSums> engagement(Selection selection, Collection<String> pages) {
    Selection applying = AggregateStore.forEngagements(selection);
    List<Event> engagements = storage.engagementsOf(applying.siteId(), applying.from(),
        applying.to());
    Map<Long, Session> sessions = storage.sessionsOf(engagements);
    Set<String> wanted = new HashSet<>(pages);
    Map<String, Map<Long, Integer>> deepest = new HashMap<>();
    Map<String, Long> engagedMillis = new HashMap<>();
    for (Event engagement : engagements) {
      if (!wanted.contains(engagement.pathname())
          || !passes(applying.filters(), engagement, sessions.get(engagement.sessionId()))) {
        continue;
      }
      deepest.computeIfAbsent(engagement.pathname(), page -> new HashMap<>())
          .merge(engagement.visitorId(), engagement.scrollDepth(), Math::max);
      engagedMillis.merge(engagement.pathname(), engagement.engagedTime().toMillis(), Long::sum);
    }
    Map<String, EngagementSums> sums = new HashMap<>();
    deepest.forEach((page, byVisitor) -> sums.put(page, new EngagementSums(byVisitor.size(),
        byVisitor.values().stream().mapToLong(Integer::longValue).sum(),
        engagedMillis.get(page))));
    return sums;
  }

  @Override
  public Map<GroupKey, Counts> groups(Selection selection, List<Dimension> dimensions,
      Optional<TimeBuckets> buckets) {
    return group(selection, (event, session) -> {
      List<String> values = new ArrayList<>(dimensions.size());
      for (Dimension dimension : dimensions) {
        String value = dimension.valueOf(event, session);
        if (value == null) {
          return null;
        }
        values.add(value);
      }
      return new GroupKey(values, buckets.map(b -> b.keyOf(event.timestamp())).orElse(0L));
    });
  }

  @Override
  public RevenueSum revenue(Selection selection, Currency currency) {
    BigDecimal total = BigDecimal.ZERO;
    long events = 0;
    for (Event event : selected(selection)) {
      Revenue revenue = event.revenue().orElse(null);
      if (revenue != null && revenue.currency().equals(currency)) {
        total = total.add(revenue.amount());
        events++;
      }
    }
    return new RevenueSum(total, events);
  }

  @Override
  public Map<String, Long> propKeys(Selection selection) {
    Map<String, Long> keys = new HashMap<>();
    for (Event event : selected(selection)) {
      event.props().keySet().forEach(key -> keys.merge(key, 1L, Long::sum));
    }
    return keys;
  }

  @Override
  public long[] funnel(Selection selection, List<Condition> steps) {
    Map<Long, List<Event>> visits = new HashMap<>();
    for (Event event : selected(selection)) {
      visits.computeIfAbsent(event.sessionId(), id -> new ArrayList<>()).add(event);
    }
    List<Set<Long>> reached = new ArrayList<>();
    steps.forEach(step -> reached.add(new HashSet<>()));
    for (List<Event> visit : visits.values()) {
      visit.sort(Comparator.comparing(Event::timestamp));
      int step = 0;
      Instant previous = null;
      for (Event event : visit) {
        if (step < steps.size() && (previous == null || event.timestamp().isAfter(previous))
            && steps.get(step).test(dimension -> dimension.valueOf(event, null))) {
          reached.get(step).add(event.visitorId());
          previous = event.timestamp();
          step++;
        }
      }
    }
    return reached.stream().mapToLong(Set::size).toArray();
  }

  @Override
  public Optional<Instant> firstEvent(String siteId) {
    return storage.eventsOf(siteId, Instant.MIN, Instant.MAX).stream()
        .map(Event::timestamp)
        .min(Comparator.naturalOrder());
  }

  /** Returns the counts of the selected events by group; an event whose group is null is left out. */
  private <K> Map<K, Counts> group(Selection selection, KeyOf<K> groupKey) {
    List<Event> events = storage.eventsOf(selection.siteId(), selection.from(), selection.to());
    Map<Long, Session> sessions = storage.sessionsOf(events);
    Condition goal = selection.goal().orElse(null);
    Map<K, Tally> tallies = new HashMap<>();
    for (Event event : events) {
      Session session = sessions.get(event.sessionId());
      if (!passes(selection.filters(), event, session)) {
        continue;
      }
      K key = groupKey.of(event, session);
      if (key != null) {
        tallies.computeIfAbsent(key, k -> new Tally()).add(event,
            goal != null && goal.test(dimension -> dimension.valueOf(event, session)));
      }
    }
    Map<K, Counts> counts = new HashMap<>();
    tallies.forEach((key, tally) -> counts.put(key, tally.counts(sessions::get)));
    return counts;
  }

  /** Returns the selected events, in storage order. */
  private List<Event> selected(Selection selection) {
    List<Event> events = storage.eventsOf(selection.siteId(), selection.from(), selection.to());
    Map<Long, Session> sessions = storage.sessionsOf(events);
    return events.stream()
        .filter(event -> passes(selection.filters(), event, sessions.get(event.sessionId())))
        .toList();
  }

  private static boolean passes(List<Condition> conditions, Event event, Session session) {
    for (Condition condition : conditions) {
      if (!condition.test(dimension -> dimension.valueOf(event, session))) {
        return false;
      }
    }
    return true;
  }

  @FunctionalInterface
  private interface KeyOf<K> {
    K of(Event event, Session session);
  }

  /** The running sums of one group. */
  private static final class Tally {
    final Set<Long> visitors = new HashSet<>();
    final Set<Long> sessionIds = new HashSet<>();
    final Set<Long> converted = new HashSet<>();
    long pageviews;
    long events;

    void add(Event event, boolean converts) {
      visitors.add(event.visitorId());
      sessionIds.add(event.sessionId());
      events++;
      if (event.type() == EventType.PAGEVIEW) {
        pageviews++;
      }
      if (converts) {
        converted.add(event.visitorId());
      }
    }

    Counts counts(Function<Long, Session> sessions) {
      return DayAggregator.sessionSums(sessionIds, sessions).visitors(visitors.size()).pageviews(pageviews)
          .events(events).visits(sessionIds.size()).conversions(converted.size()).build();
    }
  }
}
