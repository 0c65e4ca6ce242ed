package dev.footfall.memory;

import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.Filter;
import dev.footfall.Session;
import dev.footfall.UnknownSiteException;
import dev.footfall.spi.Counts;
import dev.footfall.spi.DayRollup;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.TimeBuckets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The reference rollups: counts each day straight from the events and sums stored days in Java. The
 * SQL stores must give the same numbers.
 */
final class InMemoryRollups implements RollupStore {
  private final InMemoryStorage storage;
  private final Map<String, TreeMap<LocalDate, DayRollup>> rollups = new HashMap<>();

  InMemoryRollups(InMemoryStorage storage) {
    this.storage = storage;
  }

  @Override
  public long forEachEvent(RollupDay day, long after, BiConsumer<Event, Session> action) {
    long last = storage.lastEventId();
    List<Event> events = storage.eventsOf(day.siteId(), day.previousStart(), day.end()).stream()
        .filter(event -> event.id().orElseThrow() > after && event.id().orElseThrow() <= last)
        .toList();
    Map<Long, Session> sessions = storage.sessionsOf(events);
    events.forEach(event -> action.accept(event, sessions.get(event.sessionId())));
    return last;
  }

  @Override
  public Set<Long> recurringVisitors(RollupDay day, Collection<Long> visitorIds) {
    Set<Long> elsewhere = new HashSet<>();
    for (Event event : storage.eventsOf(day.siteId(), Instant.MIN, Instant.MAX)) {
      if (event.timestamp().isBefore(day.previousStart())
          || !event.timestamp().isBefore(day.nextEnd())) {
        elsewhere.add(event.visitorId());
      }
    }
    return visitorIds.stream().filter(elsewhere::contains).collect(Collectors.toSet());
  }

  @Override
  public Set<Long> recurringVisitors(String siteId, LocalDate from, LocalDate to) {
    Set<Long> recurring = new HashSet<>();
    days(siteId, from, to).values().forEach(day -> recurring.addAll(day.recurringVisitors()));
    return recurring;
  }

  @Override
  public void deleteRecurringVisitorsBefore(LocalDate date) {
    synchronized (rollups) {
      for (TreeMap<LocalDate, DayRollup> days : rollups.values()) {
        days.headMap(date).replaceAll((day, rollup) -> new DayRollup(rollup.day(), rollup.rows(),
            Set.of()));
      }
    }
  }

  @Override
  public void forEachEventOf(String siteId, Collection<Long> visitorIds, Instant from, Instant to,
      BiConsumer<Event, Session> action) {
    Set<Long> visitors = Set.copyOf(visitorIds);
    List<Event> events = storage.eventsOf(siteId, from, to).stream()
        .filter(event -> visitors.contains(event.visitorId()))
        .toList();
    Map<Long, Session> sessions = storage.sessionsOf(events);
    events.forEach(event -> action.accept(event, sessions.get(event.sessionId())));
  }

  @Override
  public boolean settled(RollupDay day) {
    return storage.sessions().findActive(Instant.MIN).stream()
        .noneMatch(s -> s.siteId().equals(day.siteId()) && s.startedAt().isBefore(day.end()));
  }

  @Override
  public void replace(DayRollup rollup) {
    if (storage.sites().find(rollup.day().siteId()).isEmpty()) {
      throw new UnknownSiteException(rollup.day().siteId());
    }
    synchronized (rollups) {
      rollups.computeIfAbsent(rollup.day().siteId(), site -> new TreeMap<>())
          .put(rollup.day().date(), rollup);
    }
  }

  @Override
  public Map<LocalDate, Long> rolledUp(String siteId, LocalDate from, LocalDate to) {
    Map<LocalDate, Long> days = new TreeMap<>();
    days(siteId, from, to).forEach((date, rollup) -> days.put(date,
        (long) rollup.recurringVisitors().size()));
    return days;
  }

  @Override
  public Map<String, Counts> sum(String siteId, LocalDate from, LocalDate to, Dimension groupBy,
      Filter filter) {
    return sum(siteId, from, to, groupBy, filter, (date, value) -> value, date -> date.isAfter(from));
  }

  @Override
  public Map<Long, Counts> sumByBucket(String siteId, LocalDate from, LocalDate to, Filter filter,
      TimeBuckets.Unit unit) {
    TimeBuckets buckets = new TimeBuckets(unit, ZoneOffset.UTC);
    Function<LocalDate, Long> bucket = date -> buckets.keyOf(date.atStartOfDay(ZoneOffset.UTC)
        .toInstant());
    return sum(siteId, from, to, null, filter, (date, value) -> bucket.apply(date),
        date -> date.isAfter(from) && bucket.apply(date) != date.toEpochDay());
  }

  private <K> Map<K, Counts> sum(String siteId, LocalDate from, LocalDate to, Dimension groupBy,
      Filter filter, GroupKey<K> groupKey, Predicate<LocalDate> continues) {
    Dimension rows = groupBy != null ? groupBy : filter != null ? filter.dimension() : null;
    String dimension = rows == null ? TOTAL : rows.key();
    Map<K, Counts> sums = new HashMap<>();
    days(siteId, from, to).forEach((date, rollup) -> rollup.rows()
        .getOrDefault(dimension, Map.of())
        .forEach((value, day) -> {
          if (filter == null || filter.values().get(0).equals(value)) {
            Counts counts = continues.test(date) ? day.counts().minus(day.continued())
                : day.counts();
            sums.merge(groupKey.of(date, value), counts, Counts::plus);
          }
        }));
    return sums;
  }

  private Map<LocalDate, DayRollup> days(String siteId, LocalDate from, LocalDate to) {
    synchronized (rollups) {
      return new TreeMap<>(rollups.getOrDefault(siteId, new TreeMap<>()).subMap(from, true, to,
          true));
    }
  }

  @FunctionalInterface
  private interface GroupKey<K> {
    K of(LocalDate date, String value);
  }
}
