package dev.footfall;

import dev.footfall.internal.TimeTally;
import dev.footfall.internal.report.ImportedCounts;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.Counts;
import dev.footfall.spi.EngagementSums;
import dev.footfall.spi.GroupKey;
import dev.footfall.spi.ImportStore;
import dev.footfall.spi.RevenueSum;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.Selection;
import dev.footfall.spi.TimeBuckets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs {@link ReportQuery reports}: resolves the period in the site's timezone, has the storage
 * count the events, and computes each metric from the counts exactly as Footfall's design defines
 * it. Where the counts come from, the raw events or the day rollups, depends on the storage (see
 * {@link dev.footfall.spi.Storage#countsRawEventsFast()} and the package {@code
 * dev.footfall.internal.report}). Obtain it from {@link Analytics#reports()}. Thread-safe.
 *
 * @since 0.1
 */
public final class Reports {
  private static final Duration REALTIME_VISITORS = Duration.ofMinutes(5);
  private static final int REALTIME_MINUTES = 30;
  private static final String PER_PAGE = "are per page: ask for them in a page breakdown or in an"
      + " aggregate filtered to one page (page is …)";
  /** The reports' names in {@link AnalyticsStats#reports()}, one for each public method. */
  static final List<String> REPORTS = List.of("aggregate", "timeseries", "breakdown", "groups",
      "props", "goals", "funnel", "realtime");
  /** The most buckets a timeseries may have. */
  static final int MAX_BUCKETS = 10_000;

  private final SiteRegistry sites;
  private final AggregateStore store;
  private final ImportedCounts imported;
  private final Goals goals;
  private final Clock clock;
  /** Each report's runs and time, by its name in {@link AnalyticsStats#reports()}. */
  private final Map<String, TimeTally> timings = new LinkedHashMap<>();

  /** @param imports the storage's import store, or null if it stores none */
  Reports(SiteRegistry sites, AggregateStore store, ImportStore imports, Goals goals,
      Clock clock) {
    this.sites = sites;
    this.store = store;
    this.imported = new ImportedCounts(imports, store);
    this.goals = goals;
    this.clock = clock;
    for (String report : REPORTS) {
      timings.put(report, new TimeTally());
    }
  }

  /** Returns each report's runs and time so far. */
  Map<String, TimingStats> timings() {
    Map<String, TimingStats> stats = new LinkedHashMap<>();
    timings.forEach((report, tally) -> stats.put(report, tally.snapshot()));
    return stats;
  }

  /**
   * Computes the query's metrics over its period, and over the previous period of equal length if
   * it asks to compare.
   *
   * @throws IllegalArgumentException if the query asks for a {@linkplain Metric#ofPage() page
   *     metric} without exactly one filter {@code page is …}
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public AggregateReport aggregate(ReportQuery query) {
    return timings.get("aggregate").time(() -> countAggregate(query));
  }

  private AggregateReport countAggregate(ReportQuery query) {
    String page = pageMetrics(query).isEmpty() ? null : onePage(query);
    Site site = site(query);
    DateRange range = resolve(query, site);
    Selection selection = selection(query, site, range);
    ImportPlan plan = importPlan(query, site, range, null, null, null);
    Counts counts = store.total(selection).plus(plan.total());
    EngagementSums engaged = page == null ? null
        : store.engagement(selection, List.of(page)).get(page);
    DateRange previousRange = query.compare() ? range.previous() : null;
    Selection previousSelection = previousRange == null ? null
        : selection(query, site, previousRange);
    Counts previous = previousRange == null ? null : store.total(previousSelection)
        .plus(importPlan(query, site, previousRange, null, null, null).total());
    EngagementSums engagedBefore = previousRange == null || page == null ? null
        : store.engagement(previousSelection, List.of(page)).get(page);
    Map<Metric, MetricValue> metrics = new EnumMap<>(Metric.class);
    for (Metric metric : query.metrics()) {
      Number value = value(metric, counts, engaged);
      Number before = previous == null ? null : value(metric, previous, engagedBefore);
      metrics.put(metric, new MetricValue(value, before, change(value, before)));
    }
    return new AggregateReport(site.id(), range, previousRange, metrics, plan.data());
  }

  /**
   * Computes the query's metrics for each value of its breakdown dimension, one page at a time.
   *
   * @throws IllegalArgumentException if the query has no breakdown dimension, or asks for a
   *     {@linkplain Metric#ofPage() page metric} in a breakdown by another dimension than the page
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public BreakdownReport breakdown(ReportQuery query) {
    return timings.get("breakdown").time(() -> countBreakdown(query));
  }

  private BreakdownReport countBreakdown(ReportQuery query) {
    Dimension dimension = query.breakdown().orElseThrow(
        () -> new IllegalArgumentException("a breakdown needs a dimension"));
    if (dimension.kind() == Dimension.Kind.GOAL) {
      throw new IllegalArgumentException("a breakdown by goal is the goals report: use goals()");
    }
    Set<Metric> pageMetrics = pageMetrics(query);
    if (!pageMetrics.isEmpty() && !dimension.equals(Dimension.PAGE)) {
      throw new IllegalArgumentException(keys(pageMetrics) + " " + PER_PAGE + ", not in a "
          + dimension.key() + " breakdown");
    }
    Site site = site(query);
    DateRange range = resolve(query, site);
    Selection selection = selection(query, site, range);
    ImportPlan plan = importPlan(query, site, range, dimension, null, null);
    int offset = (query.page() - 1) * query.limit();
    Map<String, Counts> groups;
    if (plan.data().included()) {
      Map<String, Counts> all = new HashMap<>(store.breakdown(selection, dimension, 0,
          Integer.MAX_VALUE));
      plan.byValue().forEach((value, counts) -> all.merge(value, counts, Counts::plus));
      groups = AggregateStore.page(all, offset, query.limit());
    } else {
      groups = store.breakdown(selection, dimension, offset, query.limit());
    }
    Map<String, EngagementSums> engaged = pageMetrics.isEmpty() || groups.isEmpty() ? Map.of()
        : store.engagement(selection, groups.keySet());
    List<BreakdownReport.Row> rows = new ArrayList<>();
    groups.forEach((value, counts) -> rows.add(new BreakdownReport.Row(
        value.isEmpty() ? dimension.emptyLabel() : value,
        values(query.metrics(), counts, engaged.get(value)))));
    return new BreakdownReport(site.id(), range, dimension, rows, plan.data());
  }

  /**
   * Computes the query's metrics for each bucket of its interval over its period, filling buckets
   * without events with zeros. Hourly buckets follow the local clock: a DST change gives its day 23
   * or 25 hours' worth of events in 23 or 24 buckets.
   *
   * @throws IllegalArgumentException if that would be more than 10,000 buckets, or if the query
   *     asks for a {@linkplain Metric#ofPage() page metric}
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public TimeseriesReport timeseries(ReportQuery query) {
    return timings.get("timeseries").time(() -> countTimeseries(query));
  }

  private TimeseriesReport countTimeseries(ReportQuery query) {
    Set<Metric> pageMetrics = pageMetrics(query);
    if (!pageMetrics.isEmpty()) {
      throw new IllegalArgumentException(keys(pageMetrics) + " " + PER_PAGE
          + ", not in a timeseries");
    }
    Site site = site(query);
    DateRange range = resolve(query, site);
    checkBuckets(query.interval(), range);
    TimeBuckets bucketing = new TimeBuckets(unit(query.interval()), site.timezone());
    Map<Long, Counts> counts = new HashMap<>(store.timeseries(selection(query, site, range),
        bucketing));
    ImportPlan plan = importPlan(query, site, range, null, query.interval(), null);
    plan.byDay().forEach((day, imported) -> counts.merge(
        bucketing.keyOf(day.atStartOfDay(site.timezone()).toInstant()), imported, Counts::plus));
    List<TimeseriesReport.Point> points = new ArrayList<>();
    for (LocalDateTime start : bucketStarts(query.interval(), range, site.timezone())) {
      long key = bucketing.keyOf(start.atZone(site.timezone()).toInstant());
      LocalDateTime label = start.isBefore(range.from().atStartOfDay())
          ? range.from().atStartOfDay() : start;
      points.add(new TimeseriesReport.Point(label,
          values(query.metrics(), counts.getOrDefault(key, Counts.ZERO), null)));
    }
    return new TimeseriesReport(site.id(), range, query.interval(), points, plan.data());
  }

  /**
   * Returns the custom prop keys of the events of the query's period that pass its filters, the
   * most used first (then by key), at most the query's {@linkplain ReportQuery#limit() limit}: what
   * a properties panel offers to break down by.
   *
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   * @since 0.3
   */
  public List<String> propKeys(ReportQuery query) {
    return timings.get("props").time(() -> countPropKeys(query));
  }

  private List<String> countPropKeys(ReportQuery query) {
    Site site = site(query);
    Map<String, Long> keys = store.propKeys(selection(query, site, resolve(query, site)));
    return keys.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(query.limit())
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * Computes the query's metrics for each combination of values of several dimensions and, with an
   * interval, of time buckets: Plausible's breakdown by several dimensions at once. At most one
   * dimension may be {@link Dimension#GOAL}: each of the site's goals (those the query's top-level
   * filters on {@code goal} name, if any) then forms its own groups of the events converting it. A
   * goal filter, or the goal dimension, also gives each row its {@link Metric#CONVERSION_RATE}
   * (see {@link GroupsReport.Row#metrics()}), and the revenue where {@link GroupsReport.Row#revenue()}
   * says. The query's breakdown, interval, goal, comparison and page are not used: every group is
   * returned, and callers order and page them.
   *
   * @param dimensions the dimensions, in the order the rows list their values; may be empty
   * @param interval the time buckets' size, or empty not to group by time
   * @throws IllegalArgumentException if a dimension is repeated, {@code goal} comes twice, the
   *     interval would give more than 10,000 buckets, a goal filter names no goal of the site, or
   *     a per-page metric (scroll depth, time on page) is asked for
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   * @since 0.3
   */
  public GroupsReport groups(ReportQuery query, List<Dimension> dimensions,
      Optional<Interval> interval) {
    return timings.get("groups").time(() -> countGroups(query, dimensions, interval));
  }

  private GroupsReport countGroups(ReportQuery query, List<Dimension> dimensions,
      Optional<Interval> interval) {
    Objects.requireNonNull(dimensions, "dimensions");
    Objects.requireNonNull(interval, "interval");
    if (Set.copyOf(dimensions).size() != dimensions.size()) {
      throw new IllegalArgumentException("dimensions must not repeat but were " + dimensions);
    }
    Set<Metric> pageMetrics = pageMetrics(query);
    if (!pageMetrics.isEmpty()) {
      throw new IllegalArgumentException(keys(pageMetrics) + " " + PER_PAGE
          + ", not in groups");
    }
    Site site = site(query);
    DateRange range = resolve(query, site);
    Optional<TimeBuckets> bucketing = interval.map(i -> {
      checkBuckets(i, range);
      return new TimeBuckets(unit(i), site.timezone());
    });
    Map<Long, LocalDateTime> labels = new LinkedHashMap<>();
    interval.ifPresent(i -> {
      for (LocalDateTime start : bucketStarts(i, range, site.timezone())) {
        labels.put(bucketing.get().keyOf(start.atZone(site.timezone()).toInstant()),
            start.isBefore(range.from().atStartOfDay()) ? range.from().atStartOfDay() : start);
      }
    });
    int goalAt = dimensions.indexOf(Dimension.GOAL);
    List<Dimension> others = dimensions.stream().filter(d -> !d.equals(Dimension.GOAL)).toList();
    List<Filter> goalFilters = new ArrayList<>();
    List<Condition> otherFilters = new ArrayList<>();
    for (Condition condition : query.filters()) {
      if (condition instanceof Filter f && f.dimension().equals(Dimension.GOAL)) {
        goalFilters.add(f);
      } else {
        otherFilters.add(condition);
      }
    }
    boolean goalInPlay = goalAt >= 0 || query.filters().stream()
        .anyMatch(c -> c.filters().stream().anyMatch(f -> f.dimension().equals(Dimension.GOAL)));
    boolean revenueApplies = others.isEmpty() && interval.isEmpty();
    Selection base = selection(query, site, range, null);
    long allVisitors = goalInPlay ? store.visitors(Selection.builder(base.siteId(), base.from(),
        base.to()).filters(otherFilters.stream().map(c -> resolveGoals(site.id(), c)).toList())
        .build()) : 0;
    List<GroupsReport.Row> rows = new ArrayList<>();
    Optional<String> revenueWarning = revenueApplies ? Optional.empty()
        : Optional.of("revenue is computed only for goals without other dimensions or time");
    ImportPlan plan = importPlan(query, site, range, others.size() == 1 ? others.get(0) : null,
        interval.orElse(null), goalInPlay ? "imported stats have no goal conversions"
            : others.size() > 1 ? "imported stats have no breakdown by several dimensions"
            : others.size() == 1 && interval.isPresent()
                ? "imported stats have no breakdown by a dimension and time at once" : null);
    if (goalAt < 0) {
      Map<GroupKey, Counts> groups = new LinkedHashMap<>(store.groups(base, others, bucketing));
      addImported(plan, groups, others, bucketing, site.timezone());
      Optional<GoalsReport.Revenue> revenue = Optional.empty();
      if (revenueApplies && !goalFilters.isEmpty()) {
        List<Goal> named = goals.list(site.id()).stream()
            .filter(goal -> goalFilters.stream().allMatch(f -> f.test(goal.name()))).toList();
        Set<Currency> currencies = new HashSet<>();
        named.forEach(goal -> goal.currency().ifPresent(currencies::add));
        if (currencies.size() == 1) {
          revenue = Optional.of(revenue(base, currencies.iterator().next()));
        } else {
          revenueWarning = Optional.of(currencies.isEmpty()
              ? "no revenue goal matches the goal filter"
              : "the goals filtered on have revenue in several currencies " + currencies);
        }
      } else if (revenueApplies) {
        revenueWarning = Optional.of("revenue needs a goal filter or the goal dimension");
      }
      for (Map.Entry<GroupKey, Counts> group : groups.entrySet()) {
        rows.add(row(query, others, group.getKey(), group.getValue(), labels, goalInPlay,
            allVisitors, revenue));
      }
    } else {
      for (Goal goal : goals.list(site.id())) {
        if (!goalFilters.stream().allMatch(f -> f.test(goal.name()))) {
          continue;
        }
        Selection converting = Selection.builder(base.siteId(), base.from(), base.to())
            .filters(otherFilters.stream().map(c -> resolveGoals(site.id(), c)).toList())
            .filters(List.of(goal.condition())).build();
        Optional<GoalsReport.Revenue> revenue = revenueApplies
            ? goal.currency().map(currency -> revenue(converting, currency)) : Optional.empty();
        for (Map.Entry<GroupKey, Counts> group
            : store.groups(converting, others, bucketing).entrySet()) {
          GroupsReport.Row row = row(query, others, group.getKey(), group.getValue(), labels,
              true, allVisitors, revenue);
          List<String> values = new ArrayList<>(row.values());
          values.add(goalAt, goal.name());
          rows.add(new GroupsReport.Row(values, row.start(), row.metrics(), row.revenue()));
        }
      }
    }
    rows.sort(Comparator.comparing((GroupsReport.Row r) -> r.start().orElse(LocalDateTime.MIN))
        .thenComparing(GroupsReport.Row::values, Reports::compareValues));
    return new GroupsReport(site.id(), range, dimensions, interval, List.copyOf(labels.values()),
        rows, revenueWarning, plan.data());
  }

  /** Adds a plan's imported counts to the groups of at most one dimension, or of time buckets. */
  private static void addImported(ImportPlan plan, Map<GroupKey, Counts> groups,
      List<Dimension> dimensions, Optional<TimeBuckets> bucketing, ZoneId zone) {
    if (!plan.data().included()) {
      return;
    }
    if (bucketing.isPresent()) {
      plan.byDay().forEach((day, counts) -> groups.merge(new GroupKey(List.of(),
          bucketing.get().keyOf(day.atStartOfDay(zone).toInstant())), counts, Counts::plus));
    } else if (dimensions.isEmpty()) {
      groups.merge(new GroupKey(List.of(), 0), plan.total(), Counts::plus);
    } else {
      plan.byValue().forEach((value, counts) -> groups.merge(new GroupKey(List.of(value), 0),
          counts, Counts::plus));
    }
  }

  private static GroupsReport.Row row(ReportQuery query, List<Dimension> dimensions, GroupKey key,
      Counts counts, Map<Long, LocalDateTime> labels, boolean goalInPlay, long allVisitors,
      Optional<GoalsReport.Revenue> revenue) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < dimensions.size(); i++) {
      String value = key.values().get(i);
      values.add(value.isEmpty() ? dimensions.get(i).emptyLabel() : value);
    }
    Map<Metric, Number> metrics = new EnumMap<>(Metric.class);
    for (Metric metric : query.metrics()) {
      if (metric != Metric.CONVERSION_RATE) {
        metrics.put(metric, value(metric, counts, null));
      }
    }
    if (goalInPlay) {
      metrics.put(Metric.CONVERSION_RATE, ratio(100 * counts.visitors(), allVisitors, 1));
    }
    Optional<LocalDateTime> start = labels.isEmpty() ? Optional.empty()
        : Optional.ofNullable(labels.get(key.bucket()));
    return new GroupsReport.Row(values, start, metrics, revenue);
  }

  private static int compareValues(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private GoalsReport.Revenue revenue(Selection converting, Currency currency) {
    RevenueSum sum = store.revenue(converting, currency);
    BigDecimal average = sum.events() == 0 ? BigDecimal.ZERO
        : sum.total().divide(BigDecimal.valueOf(sum.events()),
            Math.max(currency.getDefaultFractionDigits(), 0), RoundingMode.HALF_UP);
    return new GoalsReport.Revenue(currency, sum.total(), average);
  }

  /**
   * Counts the conversions of each of the site's goals over the query's period, with its filters:
   * unique conversions (visitors), total conversions (events), the conversion rate, and for a
   * revenue goal its revenue. The query's goal, metrics and breakdown are not used.
   *
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   * @since 0.3
   */
  public GoalsReport goals(ReportQuery query) {
    return timings.get("goals").time(() -> countGoals(query));
  }

  private GoalsReport countGoals(ReportQuery query) {
    Site site = site(query);
    DateRange range = resolve(query, site);
    Selection all = selection(query, site, range, null);
    long visitors = store.visitors(all);
    List<GoalsReport.Row> rows = new ArrayList<>();
    for (Goal goal : goals.list(site.id())) {
      Selection converting = Selection.builder(all.siteId(), all.from(), all.to())
          .filters(all.filters()).filters(List.of(goal.condition())).build();
      Counts counts = store.total(converting);
      Optional<GoalsReport.Revenue> revenue =
          goal.currency().map(currency -> revenue(converting, currency));
      rows.add(new GoalsReport.Row(goal, counts.visitors(), counts.events(),
          ratio(100 * counts.visitors(), visitors, 1), revenue));
    }
    return new GoalsReport(site.id(), range, visitors, rows);
  }

  /**
   * Counts how many visitors reached each step of the site's funnel of that name over the query's
   * period, with its filters (see {@link Funnel} for when a step is reached).
   *
   * @throws IllegalArgumentException if the site has no funnel of that name, or a step's goal was
   *     deleted
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   * @since 0.3
   */
  public FunnelReport funnel(ReportQuery query, String funnelName) {
    return timings.get("funnel").time(() -> countFunnel(query, funnelName));
  }

  private FunnelReport countFunnel(ReportQuery query, String funnelName) {
    Objects.requireNonNull(funnelName, "funnelName");
    Site site = site(query);
    Funnel funnel = goals.findFunnel(site.id(), funnelName).orElseThrow(
        () -> new IllegalArgumentException("site '" + site.id() + "' has no funnel named '"
            + funnelName + "'"));
    Map<String, Goal> byName = new HashMap<>();
    goals.list(site.id()).forEach(goal -> byName.put(goal.name(), goal));
    List<Condition> steps = new ArrayList<>();
    for (String step : funnel.steps()) {
      Goal goal = byName.get(step);
      if (goal == null) {
        throw new IllegalArgumentException("funnel '" + funnelName + "' names goal '" + step
            + "', which site '" + site.id() + "' no longer has");
      }
      steps.add(goal.condition());
    }
    DateRange range = resolve(query, site);
    Selection selection = selection(query, site, range, null);
    long[] reached = store.funnel(selection, steps);
    List<FunnelReport.Step> rows = new ArrayList<>();
    for (int k = 0; k < reached.length; k++) {
      long previous = k == 0 ? reached[0] : reached[k - 1];
      rows.add(new FunnelReport.Step(funnel.steps().get(k), reached[k], previous - reached[k],
          ratio(100 * reached[k], reached[0], 2), ratio(100 * reached[k], previous, 2)));
    }
    return new FunnelReport(site.id(), range, funnel, store.visitors(selection), rows);
  }

  /**
   * Counts the visitors of the last 5 minutes and the pageviews of each of the last 30 minutes.
   *
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public RealtimeReport realtime(String siteId) {
    return timings.get("realtime").time(() -> countRealtime(siteId));
  }

  private RealtimeReport countRealtime(String siteId) {
    Objects.requireNonNull(siteId, "siteId");
    Site site = sites.find(siteId).orElseThrow(() -> new UnknownSiteException(siteId));
    Instant now = clock.instant();
    Instant end = now.plusMillis(1);
    long visitors = store.visitors(Selection.builder(siteId, now.minus(REALTIME_VISITORS), end)
        .build());
    ZoneId zone = site.timezone();
    Instant firstMinute = now.truncatedTo(ChronoUnit.MINUTES).minus(REALTIME_MINUTES - 1,
        ChronoUnit.MINUTES);
    TimeBuckets minutes = new TimeBuckets(TimeBuckets.Unit.MINUTE, zone);
    Map<Long, Long> pageviews = store.pageviews(
        Selection.builder(siteId, firstMinute, end).build(), minutes);
    List<RealtimeReport.MinutePageviews> byMinute = new ArrayList<>();
    for (int i = 0; i < REALTIME_MINUTES; i++) {
      Instant minute = firstMinute.plus(i, ChronoUnit.MINUTES);
      byMinute.add(new RealtimeReport.MinutePageviews(
          LocalDateTime.ofInstant(minute, zone),
          pageviews.getOrDefault(minutes.keyOf(minute), 0L)));
    }
    return new RealtimeReport(siteId, visitors, byMinute);
  }

  /**
   * Returns what the site's imported counts add to a report of this range: none if it has no
   * imports there; none, with the reason, if the report asks for what they do not count (see
   * {@link Imports}).
   *
   * @param breakdown the report's breakdown dimension, or null
   * @param interval the report's time buckets, or null
   * @param unsupported why the report cannot add imported stats, as its caller knows, or null
   */
  private ImportPlan importPlan(ReportQuery query, Site site, DateRange range,
      Dimension breakdown, Interval interval, String unsupported) {
    if (!query.imports()) {
      return ImportPlan.NONE;
    }
    Optional<ImportedCounts.Days> days = imported.days(site.id(), site.timezone(), range.from(),
        range.to());
    if (days.isEmpty()) {
      return ImportPlan.NONE;
    }
    String skipped = unsupported != null ? unsupported
        : unsupportedByImports(query, breakdown, interval);
    // an unsupported filter is refused above: the one filter left, if any, picks the rows
    Filter only = skipped == null && query.filters().size() == 1
        ? (Filter) query.filters().get(0) : null;
    String dimension = only != null ? only.dimension().key()
        : breakdown == null ? RollupStore.TOTAL : breakdown.key();
    String value = only == null ? null : only.values().get(0);
    if (skipped != null) {
      return new ImportPlan(new ImportedData(0, Optional.of(skipped)), null, site.id(), null,
          null, null);
    }
    return new ImportPlan(new ImportedData(days.get().days().size(), Optional.empty()),
        imported, site.id(), days.get(), dimension, value);
  }

  /** Returns why imported stats cannot answer a report, or null if they can. */
  private static String unsupportedByImports(ReportQuery query, Dimension breakdown,
      Interval interval) {
    List<Condition> filters = query.filters();
    if (!query.goal().isEmpty()) {
      return "imported stats have no goal conversions";
    }
    if (breakdown != null && !RollupStore.dimensions().contains(breakdown)) {
      return "imported stats have no breakdown by " + breakdown.key();
    }
    if (interval == Interval.HOUR) {
      return "imported stats are daily: an hourly timeseries leaves them out";
    }
    if (filters.size() > 1) {
      return "imported stats cannot be filtered by several conditions";
    }
    if (filters.size() == 1 && !(filters.get(0) instanceof Filter f
        && f.operator() == Filter.Operator.IS && f.values().size() == 1 && f.caseSensitive()
        && RollupStore.dimensions().contains(f.dimension())
        && (breakdown == null || breakdown.equals(f.dimension())))) {
      return "imported stats can be filtered only by one value (case-sensitive) of the dimension"
          + " broken down by (or of any dimension without a breakdown)";
    }
    return null;
  }

  /**
   * What a report adds from the site's imported counts.
   *
   * @param data what the report says of them
   * @param counts reads them, or null to add none
   * @param siteId the site
   * @param days the days whose imported counts are added, or null to add none
   * @param dimension the dimension key of the rows added
   * @param value the one value of the rows added, or null for all
   */
  private record ImportPlan(ImportedData data, ImportedCounts counts, String siteId,
      ImportedCounts.Days days, String dimension, String value) {
    static final ImportPlan NONE = new ImportPlan(ImportedData.NONE, null, null, null, null,
        null);

    Counts total() {
      return counts == null ? Counts.ZERO : counts.total(siteId(), days, dimension, value);
    }

    Map<String, Counts> byValue() {
      return counts == null ? Map.of() : counts.byValue(siteId(), days, dimension, value);
    }

    Map<LocalDate, Counts> byDay() {
      return counts == null ? Map.of() : counts.byDay(siteId(), days, dimension, value);
    }
  }

  private Site site(ReportQuery query) {
    return sites.find(query.siteId()).orElseThrow(() -> new UnknownSiteException(query.siteId()));
  }

  /**
   * Resolves the query's period in the site's timezone; {@code all} starts on the day of the
   * site's first event, or of its earliest import if that is earlier and the query adds imports.
   */
  private DateRange resolve(ReportQuery query, Site site) {
    ZoneId zone = site.timezone();
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    if (!query.period().name().equals("all")) {
      return query.period().resolve(today, Optional.empty());
    }
    Optional<LocalDate> firstEvent = store.firstEvent(site.id())
        .map(first -> LocalDate.ofInstant(first, zone));
    Optional<LocalDate> firstImported = query.imports() ? imported.firstDay(site.id())
        : Optional.empty();
    return query.period().resolve(today, firstImported.isEmpty() ? firstEvent
        : firstEvent.isEmpty() || firstImported.get().isBefore(firstEvent.get()) ? firstImported
        : firstEvent);
  }

  private Selection selection(ReportQuery query, Site site, DateRange range) {
    return selection(query, site, range, query.goal().isEmpty() ? null
        : goalCondition(site.id(), query.goal()));
  }

  /** Returns the query's selection, with the query's goal replaced by {@code goal}. */
  private Selection selection(ReportQuery query, Site site, DateRange range, Condition goal) {
    ZoneId zone = site.timezone();
    List<Condition> conditions = new ArrayList<>();
    for (Condition condition : query.filters()) {
      conditions.add(resolveGoals(site.id(), condition));
    }
    return Selection.builder(site.id(), range.from().atStartOfDay(zone).toInstant(),
        range.to().plusDays(1).atStartOfDay(zone).toInstant())
        .filters(conditions).goal(goal).build();
  }

  /**
   * Returns what an event converting the named goal satisfies: the site's goal of that name, or
   * else the custom event of that name.
   */
  private Condition goalCondition(String siteId, String name) {
    return goals.findIfStored(siteId, name).map(Goal::condition)
        .orElseGet(() -> Filter.is(Dimension.EVENT_NAME, name));
  }

  /** Replaces every filter on {@link Dimension#GOAL} with the conditions of the goals it names. */
  private Condition resolveGoals(String siteId, Condition condition) {
    if (condition instanceof Condition.AllOf all) {
      return Condition.allOf(all.conditions().stream().map(c -> resolveGoals(siteId, c)).toList());
    }
    if (condition instanceof Condition.AnyOf any) {
      return Condition.anyOf(any.conditions().stream().map(c -> resolveGoals(siteId, c)).toList());
    }
    Filter filter = (Filter) condition;
    if (filter.dimension().kind() != Dimension.Kind.GOAL) {
      return filter;
    }
    Filter positive = filter.operator().negative() ? filter.negate() : filter;
    List<Goal> named = new ArrayList<>();
    for (Goal goal : goals.list(siteId)) {
      if (positive.test(goal.name())) {
        named.add(goal);
      }
    }
    if (positive.operator() == Filter.Operator.IS) {
      for (String name : positive.values()) {
        if (named.stream().noneMatch(goal -> positive.caseSensitive() ? goal.name().equals(name)
            : goal.name().equalsIgnoreCase(name))) {
          throw new IllegalArgumentException("site '" + siteId + "' has no goal named '" + name
              + "'");
        }
      }
    }
    if (named.isEmpty()) {
      throw new IllegalArgumentException("no goal of site '" + siteId + "' matches the filter "
          + filter.operator().key() + " " + filter.values());
    }
    Condition converts = Condition.anyOf(named.stream().map(Goal::condition).toList());
    return filter.operator().negative() ? converts.negate() : converts;
  }

  /** Refuses an interval that would cut the range into more than {@link #MAX_BUCKETS} buckets. */
  private static void checkBuckets(Interval interval, DateRange range) {
    long buckets = switch (interval) {
      case HOUR -> range.days() * 24;
      case DAY -> range.days();
      case WEEK -> range.days() / 7 + 2;
      case MONTH -> range.days() / 28 + 2;
    };
    if (buckets > MAX_BUCKETS) {
      throw new IllegalArgumentException("a " + interval.key() + " timeseries over "
          + range.days() + " days has " + buckets + " buckets, more than " + MAX_BUCKETS
          + "; choose a longer interval or a shorter period");
    }
  }

  private static TimeBuckets.Unit unit(Interval interval) {
    return switch (interval) {
      case HOUR -> TimeBuckets.Unit.HOUR;
      case DAY -> TimeBuckets.Unit.DAY;
      case WEEK -> TimeBuckets.Unit.WEEK;
      case MONTH -> TimeBuckets.Unit.MONTH;
    };
  }

  /** Returns the local start of every bucket touching the range; hours a DST gap skips are left out. */
  private static List<LocalDateTime> bucketStarts(Interval interval, DateRange range, ZoneId zone) {
    List<LocalDateTime> starts = new ArrayList<>();
    LocalDate last = range.to();
    switch (interval) {
      case HOUR -> {
        for (LocalDateTime hour = range.from().atStartOfDay();
            hour.isBefore(last.plusDays(1).atStartOfDay()); hour = hour.plusHours(1)) {
          if (!zone.getRules().getValidOffsets(hour).isEmpty()) {
            starts.add(hour);
          }
        }
      }
      case DAY -> {
        for (LocalDate day = range.from(); !day.isAfter(last); day = day.plusDays(1)) {
          starts.add(day.atStartOfDay());
        }
      }
      case WEEK -> {
        for (LocalDate week = range.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            !week.isAfter(last); week = week.plusWeeks(1)) {
          starts.add(week.atStartOfDay());
        }
      }
      case MONTH -> {
        for (LocalDate month = range.from().withDayOfMonth(1); !month.isAfter(last);
            month = month.plusMonths(1)) {
          starts.add(month.atStartOfDay());
        }
      }
      default -> throw new AssertionError(interval);
    }
    return starts;
  }

  private static Set<Metric> pageMetrics(ReportQuery query) {
    Set<Metric> pageMetrics = EnumSet.noneOf(Metric.class);
    query.metrics().stream().filter(Metric::ofPage).forEach(pageMetrics::add);
    return pageMetrics;
  }

  /**
   * Returns the page of the query's one filter {@code page is …}.
   *
   * @throws IllegalArgumentException if it has none or several
   */
  private static String onePage(ReportQuery query) {
    List<String> pages = query.filters().stream()
        .filter(c -> c instanceof Filter f && f.dimension().equals(Dimension.PAGE)
            && f.operator() == Filter.Operator.IS && f.values().size() == 1)
        .map(c -> ((Filter) c).values().get(0))
        .toList();
    if (pages.size() != 1) {
      throw new IllegalArgumentException(keys(pageMetrics(query)) + " " + PER_PAGE
          + ", but the aggregate has " + pages.size() + " filters page is …");
    }
    return pages.get(0);
  }

  private static String keys(Set<Metric> metrics) {
    return metrics.stream().map(Metric::key).collect(Collectors.joining(" and "));
  }

  private static Map<Metric, Number> values(Set<Metric> metrics, Counts counts,
      EngagementSums engaged) {
    Map<Metric, Number> values = new EnumMap<>(Metric.class);
    for (Metric metric : metrics) {
      values.put(metric, value(metric, counts, engaged));
    }
    return Collections.unmodifiableMap(values);
  }

  /**
   * Computes a metric from counts, or a {@linkplain Metric#ofPage() page metric} from the page's
   * engagement sums ({@code null} without any), with the design's rounding (half up).
   */
  static Number value(Metric metric, Counts c, EngagementSums engaged) {
    if (metric.ofPage()) {
      if (engaged == null || engaged.visitors() == 0) {
        return null;
      }
      return metric == Metric.SCROLL_DEPTH
          ? ratio(engaged.scrollDepthSum(), engaged.visitors(), 0).longValue()
          : ratio(engaged.engagedMillis(), 1000 * engaged.visitors(), 0).longValue();
    }
    return switch (metric) {
      case VISITORS -> c.visitors();
      case VISITS -> c.visits();
      case PAGEVIEWS -> c.pageviews();
      case EVENTS -> c.events();
      case VIEWS_PER_VISIT -> ratio(c.sessionPageviews(), c.sessions(), 2);
      case BOUNCE_RATE -> ratio(100 * c.bounces(), c.sessions(), 0).longValue();
      case VISIT_DURATION -> ratio(c.durationSeconds(), c.sessions(), 0).longValue();
      case CONVERSION_RATE -> ratio(100 * c.conversions(), c.visitors(), 1);
      case SCROLL_DEPTH, TIME_ON_PAGE -> throw new AssertionError(metric);
    };
  }

  /** Returns {@code dividend / divisor} rounded half up to {@code scale} decimals, 0 when dividing by 0. */
  private static Double ratio(long dividend, long divisor, int scale) {
    if (divisor == 0) {
      return 0.0;
    }
    return BigDecimal.valueOf(dividend)
        .divide(BigDecimal.valueOf(divisor), scale, RoundingMode.HALF_UP).doubleValue();
  }

  /** Returns the rounded percentage change, or null without a previous value or when it is 0. */
  static Long change(Number value, Number previous) {
    if (value == null || previous == null || previous.doubleValue() == 0) {
      return null;
    }
    BigDecimal before = new BigDecimal(previous.toString());
    return new BigDecimal(value.toString()).subtract(before).multiply(BigDecimal.valueOf(100))
        .divide(before, 0, RoundingMode.HALF_UP).longValue();
  }
}
