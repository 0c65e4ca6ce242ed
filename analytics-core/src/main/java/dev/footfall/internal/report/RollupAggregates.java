package dev.footfall.internal.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.footfall.CacheCounts;
import dev.footfall.Condition;
import dev.footfall.Dimension;
import dev.footfall.Filter;
import dev.footfall.Period;
import dev.footfall.Rollups;
import dev.footfall.Site;
import dev.footfall.SiteRegistry;
import dev.footfall.internal.CaffeineCounts;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.Counts;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.EngagementSums;
import dev.footfall.spi.RevenueSum;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.Selection;
import dev.footfall.spi.TimeBuckets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Counts from the day rollups where they give the same numbers as the raw events, and from the raw
 * events otherwise. A selection of whole local days with no filter, or one {@code is} filter, is
 * summed from the rolled-up days plus the few days not rolled up yet (today, say) counted from the
 * raw events. Visitors and pageviews of a stretch of today and the day before with no filter (a
 * realtime view's last minutes) are counted from today's raw events held in memory. Anything else
 * (other filters, custom props, hours, minutes, more than {@value #MAX_RAW_DAYS} days not rolled
 * up, or days rolled up by an older version that did not keep their recurring visitor ids) is
 * passed to the raw store. (A day rolled up while a visit was still open, see {@link
 * Rollups#MAX_OPEN_VISIT_WAIT}, keeps that visit's sums as they were then.)
 *
 * <p>Recurring visitors: a visitor id on days that are not adjacent would count once per run of
 * days. The range's days list such ids ({@link RollupStore#recurringVisitors}), and {@link
 * RecurringRuns} counts those ids' own events day by day to take off what they count too often
 * (from {@code visitors}, and so from conversions). Once retention deleted the raw events of
 * rolled-up days, the correction covers the events that remain: an id that recurred across the
 * deleted days may count once per run of them.
 *
 * <p>The sums of rolled-up days, and the rows of their recurring visitors, are kept for {@link
 * #SUMS_MAX_AGE}, for the same range, rolled-up days and grouping (and ids): a dashboard's reports
 * then read from the database only which days are rolled up and their recurring ids, and count
 * today in memory. Days this instance rolls up (again) are summed again at once; a rolled-up day
 * that another instance rolls up again shows within that minute.
 */
public final class RollupAggregates implements AggregateStore {
  /**
   * The most days not rolled up that a report counts from raw events next to rolled-up ones: today,
   * yesterday until it is rolled up, and the day before while an open visit holds it back ({@link
   * Rollups#MAX_OPEN_VISIT_WAIT}).
   */
  static final int MAX_RAW_DAYS = 3;
  /**
   * How many times a report is counted from the rollups while days of its range are being rolled
   * up, before it is counted from the raw events instead.
   */
  static final int PLAN_ATTEMPTS = 3;
  /** How long sums of rolled-up days are kept. */
  public static final Duration SUMS_MAX_AGE = Duration.ofMinutes(1);
  /** The most rolled-up days and groups the kept sums may hold, about 100 bytes each. */
  private static final long MAX_SUMS_WEIGHT = 100_000;
  /**
   * The most visitor-days the kept rows of recurring visitors may hold, about 700 bytes each (a row
   * per dimension), so some 70 MB at most.
   */
  private static final long MAX_RECURRING_WEIGHT = 100_000;
  /**
   * The most recurring visitor ids in a range whose events a report reads into memory to correct
   * the rollup sums (some tens of events each, about 500 bytes an event while counted); a range
   * with more is counted from the raw events.
   */
  static final int MAX_RECURRING_IDS = 10_000;
  /** {@link RollupStore#rolledUp}'s count of a day whose recurring visitor ids are not known. */
  public static final Long UNKNOWN_RECURRING = -1L;

  private final SiteRegistry sites;
  private final AggregateStore raw;
  private final RollupStore rollups;
  private final RawDays rawDays;
  private final LongSupplier replaced;
  private final Clock clock;
  private final Cache<RolledUpSum, Map<?, Counts>> sums;
  private final Cache<RecurringKey, RecurringRuns> recurringRuns;

  /**
   * @param replaced a number that grows whenever this instance replaced a day's rollup
   * @param ticker the time in nanoseconds, for {@link #SUMS_MAX_AGE}
   */
  public RollupAggregates(SiteRegistry sites, AggregateStore raw, RollupStore rollups, RawDays rawDays,
      LongSupplier replaced, Clock clock, Ticker ticker) {
    this.sites = sites;
    this.raw = raw;
    this.rollups = rollups;
    this.rawDays = rawDays;
    this.replaced = replaced;
    this.clock = clock;
    this.sums = Caffeine.newBuilder().maximumWeight(MAX_SUMS_WEIGHT)
        .weigher((RolledUpSum key, Map<?, Counts> sum) -> key.rolledUp().size() + sum.size())
        .expireAfterWrite(SUMS_MAX_AGE).ticker(ticker).recordStats().build();
    this.recurringRuns = Caffeine.newBuilder().maximumWeight(MAX_RECURRING_WEIGHT)
        .weigher((RecurringKey key, RecurringRuns runs) -> key.visitorIds().size() + runs.size())
        .expireAfterWrite(SUMS_MAX_AGE).ticker(ticker).recordStats().build();
  }

  /** Returns the counters of the caches reports from rollups keep, by name. */
  Map<String, CacheCounts> cacheCounts() {
    Map<String, CacheCounts> counts = new LinkedHashMap<>();
    counts.put("report_sums", CaffeineCounts.of(sums));
    counts.put("recurring_visitors", CaffeineCounts.of(recurringRuns));
    counts.put("raw_days", rawDays.cacheCounts());
    return counts;
  }

  @Override
  public Counts total(Selection selection) {
    return counted(selection, null, plan -> {
      Filter filter = plan.filter();
      String key = filter == null ? "" : value(filter);
      Counts counts = plan.byValue(null, filter).getOrDefault(key, Counts.ZERO);
      if (selection.goal().isEmpty()) {
        return counts;
      }
      Filter goal = (Filter) selection.goal().get();
      Counts converted = plan.byValue(null, goal).getOrDefault(value(goal), Counts.ZERO);
      return counts.toBuilder().conversions(converted.visitors()).build();
    }, () -> raw.total(selection));
  }

  @Override
  public Map<String, Counts> breakdown(Selection selection, Dimension dimension, int offset,
      int limit) {
    return counted(selection, dimension, plan -> AggregateStore.page(
            plan.byValue(dimension, plan.filter()), offset, limit),
        () -> raw.breakdown(selection, dimension, offset, limit));
  }

  @Override
  public Map<Long, Counts> timeseries(Selection selection, TimeBuckets buckets) {
    if (buckets.unit() == TimeBuckets.Unit.MINUTE || buckets.unit() == TimeBuckets.Unit.HOUR) {
      return raw.timeseries(selection, buckets);
    }
    return counted(selection, null, plan -> {
      Map<Long, Counts> counts = plan.byBucket(plan.filter(), buckets);
      if (selection.goal().isEmpty()) {
        return counts;
      }
      Map<Long, Counts> goal = plan.byBucket((Filter) selection.goal().get(), buckets);
      Map<Long, Counts> withGoal = new HashMap<>();
      counts.forEach((bucket, c) -> withGoal.put(bucket, c.toBuilder()
          .conversions(goal.getOrDefault(bucket, Counts.ZERO).visitors()).build()));
      return withGoal;
    }, () -> raw.timeseries(selection, buckets));
  }

  /**
   * Counts a selection from the rollups where a plan can, else from the raw events. A day of the
   * range rolled up (here or on another instance) after the plan listed its days but before it read
   * their sums would count twice, from its rollup and from its raw events; so a count is kept only
   * if the range's rolled-up days are still the plan's, and is made again otherwise, from the raw
   * events after {@value #PLAN_ATTEMPTS} tries.
   */
  private <T> T counted(Selection selection, Dimension groupBy, Function<Plan, T> fromPlan,
      Supplier<T> fromRaw) {
    for (int attempt = 0; attempt < PLAN_ATTEMPTS; attempt++) {
      Optional<Plan> plan = plan(selection, groupBy);
      if (plan.isEmpty()) {
        return fromRaw.get();
      }
      T counts = fromPlan.apply(plan.get());
      if (plan.get().stillRolledUp()) {
        return counts;
      }
    }
    return fromRaw.get();
  }

  /**
   * Counted from the raw events: rollups keep each dimension's counts apart, not their
   * combinations.
   */
  @Override
  public Map<dev.footfall.spi.GroupKey, Counts> groups(Selection selection,
      List<Dimension> dimensions, Optional<TimeBuckets> buckets) {
    return raw.groups(selection, dimensions, buckets);
  }

  /** Counted from the raw events: rollups keep no revenue. */
  @Override
  public RevenueSum revenue(Selection selection, Currency currency) {
    return raw.revenue(selection, currency);
  }

  /** Counted from the raw events: rollups keep no props. */
  @Override
  public Map<String, Long> propKeys(Selection selection) {
    return raw.propKeys(selection);
  }

  /** Counted from the raw events: rollups keep no order of events. */
  @Override
  public long[] funnel(Selection selection, List<Condition> steps) {
    return raw.funnel(selection, steps);
  }

  /**
   * Reads every site's today into memory, or brings it up to date, so that the next view of a
   * dashboard finds it held (see {@link RawDays#keep}).
   */
  void keepToday() {
    for (Site site : sites.list()) {
      rawDays.keep(today(site));
    }
  }

  /** Counted from today's events in memory if the selection is one {@link #heldToday} holds. */
  @Override
  public long visitors(Selection selection) {
    Optional<RollupDay> today = heldToday(selection);
    return today.isPresent() ? rawDays.visitors(today.get(), selection.from(), selection.to())
        : raw.visitors(selection);
  }

  /** Counted from today's events in memory if the selection is one {@link #heldToday} holds. */
  @Override
  public Map<Long, Long> pageviews(Selection selection, TimeBuckets buckets) {
    Optional<RollupDay> today = heldToday(selection);
    return today.isPresent()
        ? rawDays.pageviews(today.get(), selection.from(), selection.to(), buckets)
        : raw.pageviews(selection, buckets);
  }

  /**
   * Returns the site's today if the selection has no filter and lies within today and the day
   * before, whose events today's count holds in memory (a realtime view's last minutes).
   */
  private Optional<RollupDay> heldToday(Selection selection) {
    Optional<Site> site = sites.find(selection.siteId());
    if (site.isEmpty() || !selection.filters().isEmpty()) {
      return Optional.empty();
    }
    RollupDay today = today(site.get());
    return !selection.from().isBefore(today.previousStart())
        && !selection.to().isAfter(today.end()) ? Optional.of(today) : Optional.empty();
  }

  private RollupDay today(Site site) {
    ZoneId zone = site.timezone();
    return new RollupDay(site.id(), LocalDate.ofInstant(clock.instant(), zone), zone);
  }

  /** Counts on the raw store: engagements are not rolled up. */
  @Override
  public Map<String, EngagementSums> engagement(Selection selection, Collection<String> pages) {
    return raw.engagement(selection, pages);
  }

  /** Returns the first rolled-up day's start if it is earlier than the first stored event. */
  @Override
  public Optional<Instant> firstEvent(String siteId) {
    Optional<Instant> first = raw.firstEvent(siteId);
    Optional<Site> site = sites.find(siteId);
    if (site.isEmpty()) {
      return first;
    }
    ZoneId zone = site.get().timezone();
    Optional<Instant> firstRolledUp = rollups.rolledUp(siteId, Period.FIRST_DAY,
            LocalDate.ofInstant(first.orElse(clock.instant()), zone)).keySet().stream()
        .min(Comparator.naturalOrder()).map(day -> day.atStartOfDay(zone).toInstant());
    return firstRolledUp.filter(day -> first.isEmpty() || day.isBefore(first.get()))
        .or(() -> first);
  }

  /** Returns how to count the selection from rollups, or empty if they cannot give its numbers. */
  private Optional<Plan> plan(Selection selection, Dimension groupBy) {
    Optional<Site> site = sites.find(selection.siteId());
    if (site.isEmpty() || !rolledUpShape(selection, groupBy)) {
      return Optional.empty();
    }
    ZoneId zone = site.get().timezone();
    // Read before the rollups, so that sums read after this instance replaced a day are not kept
    // as if from before.
    long replacedBefore = replaced.getAsLong();
    LocalDate from = LocalDate.ofInstant(selection.from(), zone);
    LocalDate end = LocalDate.ofInstant(selection.to(), zone);
    if (!from.atStartOfDay(zone).toInstant().equals(selection.from())
        || !end.atStartOfDay(zone).toInstant().equals(selection.to()) || !from.isBefore(end)) {
      return Optional.empty();
    }
    LocalDate to = end.minusDays(1);
    Map<LocalDate, Long> rolledUp = rollups.rolledUp(selection.siteId(), from, to);
    // Days before the first stored event or after today have no raw events to count.
    Optional<LocalDate> firstEvent = raw.firstEvent(selection.siteId())
        .map(first -> LocalDate.ofInstant(first, zone));
    LocalDate today = today(site.get()).date();
    List<RollupDay> notRolledUp = new ArrayList<>();
    if (firstEvent.isPresent()) {
      LocalDate last = to.isAfter(today) ? today : to;
      for (LocalDate date = firstEvent.get().isAfter(from) ? firstEvent.get() : from;
          !date.isAfter(last); date = date.plusDays(1)) {
        if (!rolledUp.containsKey(date)) {
          notRolledUp.add(new RollupDay(selection.siteId(), date, zone));
        }
      }
    }
    if (notRolledUp.size() > MAX_RAW_DAYS) {
      return Optional.empty();
    }
    // A day rolled up by an older version does not list its recurring ids: the raw events count
    // them once, unless retention deleted the events of rolled-up days in the range.
    boolean rawEventsCoverRange = rolledUp.keySet().stream()
        .noneMatch(date -> firstEvent.isEmpty() || date.isBefore(firstEvent.get()));
    if (rawEventsCoverRange && rolledUp.containsValue(UNKNOWN_RECURRING)) {
      return Optional.empty();
    }
    Filter filter = selection.filters().isEmpty() ? null : (Filter) selection.filters().get(0);
    return recurringRuns(selection.siteId(), zone, from, to, rolledUp, replacedBefore,
        notRolledUp).map(runs -> new Plan(selection.siteId(), zone, from, to, rolledUp,
        replacedBefore, notRolledUp, filter, runs));
  }

  /**
   * Returns the rows of the range's recurring visitors (listed by its rolled-up days or found on
   * its days not rolled up), day by day: those of rolled-up days counted from their events and
   * kept as the sums are, those of the days not rolled up from the days held in memory; or empty
   * if there are more than {@link #MAX_RECURRING_IDS}, whose events the raw path counts instead of
   * reading them into memory.
   */
  private Optional<RecurringRuns> recurringRuns(String siteId, ZoneId zone, LocalDate from, LocalDate to,
      Map<LocalDate, Long> rolledUp, long replacedBefore, List<RollupDay> notRolledUp) {
    Set<Long> recurring = new HashSet<>();
    if (rolledUp.values().stream().anyMatch(n -> n > 0)) {
      recurring.addAll(rollups.recurringVisitors(siteId, from, to));
    }
    notRolledUp.forEach(day -> recurring.addAll(rawDays.count(day, null).recurringVisitors()));
    if (recurring.isEmpty()) {
      return Optional.of(RecurringRuns.NONE);
    }
    if (recurring.size() > MAX_RECURRING_IDS) {
      return Optional.empty();
    }
    Set<Long> ids = Set.copyOf(recurring);
    RecurringKey key = new RecurringKey(siteId, from, to, rolledUp, replacedBefore, ids);
    RecurringRuns runs = recurringRuns.get(key,
        k -> RecurringRuns.read(rollups, siteId, zone, rolledUp.keySet(), ids));
    for (RollupDay day : notRolledUp) {
      runs = runs.plus(day.date(), rawDays.visitorRows(day, ids));
    }
    return Optional.of(runs);
  }

  /**
   * Returns whether rollup rows can answer the selection's filters and goal, grouped so: no
   * filter, or one rolled-up {@link #isOne} filter; a goal that is one event name.
   */
  private static boolean rolledUpShape(Selection selection, Dimension groupBy) {
    if (groupBy != null && groupBy.kind() == Dimension.Kind.PROP) {
      return false;
    }
    boolean goalIsEventName = selection.goal().map(goal -> isOne(goal)
        && ((Filter) goal).dimension().equals(Dimension.EVENT_NAME)).orElse(true);
    List<Condition> filters = selection.filters();
    if (filters.isEmpty()) {
      return goalIsEventName && (groupBy == null || selection.goal().isEmpty());
    }
    return filters.size() == 1 && selection.goal().isEmpty() && isOne(filters.get(0))
        && (groupBy == null || groupBy.equals(((Filter) filters.get(0)).dimension()));
  }

  /** Returns whether a condition is a case-sensitive {@code is} filter of one value, not on a prop. */
  private static boolean isOne(Condition condition) {
    return condition instanceof Filter filter && filter.operator() == Filter.Operator.IS
        && filter.values().size() == 1 && filter.caseSensitive()
        && filter.dimension().kind() != Dimension.Kind.PROP;
  }

  /** Returns the one value of an {@link #isOne} filter. */
  private static String value(Filter filter) {
    return filter.values().get(0);
  }

  /**
   * What a kept sum of rolled-up days was summed for: the range, its rolled-up days as they were,
   * this instance's {@code replaced} count before, and the grouping ({@code unit} null for {@link
   * RollupStore#sum}).
   */
  private record RolledUpSum(String siteId, LocalDate from, LocalDate to,
      Map<LocalDate, Long> rolledUp, long replaced, Dimension groupBy, Filter filter,
      TimeBuckets.Unit unit) {}

  /** What kept rows of recurring visitors were counted for, as {@link RolledUpSum}. */
  private record RecurringKey(String siteId, LocalDate from, LocalDate to,
      Map<LocalDate, Long> rolledUp, long replaced, Set<Long> visitorIds) {}

  /** Rolled-up days from {@code from} to {@code to}, plus the days to count from raw events. */
  private final class Plan {
    private final String siteId;
    private final ZoneId zone;
    private final LocalDate from;
    private final LocalDate to;
    private final Map<LocalDate, Long> rolledUp;
    private final long replacedBefore;
    private final List<RollupDay> notRolledUp;
    private final Filter filter;
    private final RecurringRuns runs;

    Plan(String siteId, ZoneId zone, LocalDate from, LocalDate to, Map<LocalDate, Long> rolledUp,
        long replacedBefore, List<RollupDay> notRolledUp, Filter filter, RecurringRuns runs) {
      this.siteId = siteId;
      this.zone = zone;
      this.from = from;
      this.to = to;
      this.rolledUp = rolledUp;
      this.replacedBefore = replacedBefore;
      this.notRolledUp = notRolledUp;
      this.filter = filter;
      this.runs = runs;
    }

    Filter filter() {
      return filter;
    }

    /** Returns whether the range's rolled-up days are still those the plan counted. */
    boolean stillRolledUp() {
      return rollups.rolledUp(siteId, from, to).keySet().equals(rolledUp.keySet());
    }

    Map<String, Counts> byValue(Dimension groupBy, Filter filter) {
      Map<String, Counts> sums = new HashMap<>(kept(groupBy, filter, null,
          () -> rollups.sum(siteId, from, to, groupBy, filter)));
      addRawDays(sums, groupBy, filter, (day, value) -> value, day -> day.date().isAfter(from));
      subtract(sums, runs.excess(rowsKey(groupBy, filter), filter == null ? null : value(filter),
          (date, value) -> value, date -> date.isAfter(from)));
      return sums;
    }

    Map<Long, Counts> byBucket(Filter filter, TimeBuckets buckets) {
      Map<Long, Counts> sums = new HashMap<>(kept(null, filter, buckets.unit(),
          () -> rollups.sumByBucket(siteId, from, to, filter, buckets.unit())));
      Function<RollupDay, Long> bucket = day -> buckets.keyOf(day.start());
      addRawDays(sums, null, filter, (day, value) -> bucket.apply(day),
          day -> day.date().isAfter(from) && bucket.apply(day) != day.date().toEpochDay());
      Function<LocalDate, Long> bucketOf = date -> buckets.keyOf(date.atStartOfDay(zone)
          .toInstant());
      subtract(sums, runs.excess(rowsKey(null, filter), filter == null ? null : value(filter),
          (date, value) -> bucketOf.apply(date),
          date -> date.isAfter(from) && bucketOf.apply(date) != date.toEpochDay()));
      return sums;
    }

    /**
     * Subtracts from the sums' visitors those that recurring visitors added too many. A group
     * keeps at least one visitor: a day rolled up while a visit was open keeps that visit's rows
     * as they were, which its events, counted now, may no longer match.
     */
    private <K> void subtract(Map<K, Counts> sums, Map<K, Long> excess) {
      excess.forEach((key, n) -> sums.computeIfPresent(key, (k, counts) -> counts.toBuilder()
          .visitors(Math.max(Math.min(1, counts.visitors()), counts.visitors() - n)).build()));
    }

    /** Returns the kept sum of the rolled-up days so grouped, summing it if there is none. */
    @SuppressWarnings("unchecked") // the key's grouping fixes the map's key type
    private <K> Map<K, Counts> kept(Dimension groupBy, Filter filter, TimeBuckets.Unit unit,
        Supplier<Map<K, Counts>> sum) {
      RolledUpSum key = new RolledUpSum(siteId, from, to, rolledUp, replacedBefore, groupBy,
          filter, unit);
      Map<K, Counts> kept = (Map<K, Counts>) sums.getIfPresent(key);
      if (kept == null) {
        kept = Map.copyOf(sum.get());
        sums.put(key, kept);
      }
      return kept;
    }

    /**
     * Adds the counts of the days not rolled up, less their continued part where the day is not
     * the first of the range or of its group.
     */
    private <K> void addRawDays(Map<K, Counts> sums, Dimension groupBy, Filter filter,
        GroupKey<K> groupKey, Predicate<RollupDay> continues) {
      for (RollupDay day : notRolledUp) {
        Map<String, DayCounts> counted = rawDays.count(day, filter).rows()
            .get(rowsKey(groupBy, filter));
        for (Map.Entry<String, DayCounts> row : counted.entrySet()) {
          DayCounts counts = row.getValue();
          sums.merge(groupKey.of(day, row.getKey()), continues.test(day)
              ? counts.counts().minus(counts.continued()) : counts.counts(), Counts::plus);
        }
      }
    }
  }

  /** Returns the dimension key of the rows that answer a grouping and filter. */
  private static String rowsKey(Dimension groupBy, Filter filter) {
    Dimension rows = groupBy != null ? groupBy : filter != null ? filter.dimension() : null;
    return rows == null ? RollupStore.TOTAL : rows.key();
  }

  @FunctionalInterface
  private interface GroupKey<K> {
    K of(RollupDay day, String value);
  }
}
