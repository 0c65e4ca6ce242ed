package dev.footfall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a report asks for: a site, a {@link Period}, metrics, filters, and, depending on the report,
 * a breakdown dimension, a timeseries interval, a goal, a comparison and a page of results. Run it
 * with {@link Reports}.
 *
 * <pre>{@code
 * ReportQuery query = ReportQuery.builder("shop")
 *     .period(Period.parse("30d"))
 *     .filter(Filter.is(Dimension.COUNTRY, "DE"))
 *     .breakdown(Dimension.SOURCE)
 *     .limit(10)
 *     .build();
 * BreakdownReport sources = analytics.reports().breakdown(query);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ReportQuery {
  /** The most results a breakdown page may hold. */
  public static final int MAX_LIMIT = 1000;

  private static final Set<Metric> DEFAULT_METRICS = Collections.unmodifiableSet(EnumSet.of(
      Metric.VISITORS, Metric.VISITS, Metric.PAGEVIEWS, Metric.BOUNCE_RATE, Metric.VISIT_DURATION,
      Metric.VIEWS_PER_VISIT));

  private final String siteId;
  private final Period period;
  private final Set<Metric> metrics;
  private final List<Condition> filters;
  private final Dimension breakdown;
  private final Interval interval;
  private final String goal;
  private final boolean compare;
  private final boolean imports;
  private final int limit;
  private final int page;

  private ReportQuery(Builder b, Set<Metric> metrics) {
    this.siteId = b.siteId;
    this.period = b.period;
    this.metrics = metrics;
    this.filters = List.copyOf(b.filters);
    this.breakdown = b.breakdown;
    this.interval = b.interval;
    this.goal = b.goal;
    this.compare = b.compare;
    this.imports = b.imports;
    this.limit = b.limit;
    this.page = b.page;
  }

  /** Starts a query on a site, by default over {@code 30d}, with no filters. */
  public static Builder builder(String siteId) {
    return new Builder(siteId);
  }

  /** Returns the id of the site reported on. */
  public String siteId() {
    return siteId;
  }

  /** Returns the days covered, by default {@code 30d}. */
  public Period period() {
    return period;
  }

  /**
   * Returns the metrics to compute, by default visitors, visits, pageviews, bounce rate, visit
   * duration and views per visit (plus conversion rate when a goal is set).
   */
  public Set<Metric> metrics() {
    return metrics;
  }

  /** Returns the conditions (filters), all of which an event must satisfy. */
  public List<Condition> filters() {
    return filters;
  }

  /** Returns the dimension a breakdown groups by. */
  public Optional<Dimension> breakdown() {
    return Optional.ofNullable(breakdown);
  }

  /** Returns the timeseries interval, by default {@link Interval#DAY}. */
  public Interval interval() {
    return interval;
  }

  /**
   * Returns the name of the goal whose visitors count as conversions: one of the site's {@link
   * Goal}s, or else a custom event name; {@code ""} for none.
   */
  public String goal() {
    return goal;
  }

  /** Returns whether an aggregate also computes the previous period of equal length. */
  public boolean compare() {
    return compare;
  }

  /**
   * Returns whether the report adds the site's {@linkplain Imports imported} stats for the days
   * without events of their own, where it can; by default it does.
   *
   * @since 0.4
   */
  public boolean imports() {
    return imports;
  }

  /** Returns the most breakdown results per page, by default 100. */
  public int limit() {
    return limit;
  }

  /** Returns the 1-based page of breakdown results. */
  public int page() {
    return page;
  }

  @Override
  public String toString() {
    return "ReportQuery{site=" + siteId + ", period=" + period + ", metrics=" + metrics
        + ", filters=" + filters + ", breakdown=" + breakdown + ", interval=" + interval
        + ", goal=" + goal + ", compare=" + compare + ", imports=" + imports + ", limit=" + limit
        + ", page=" + page + "}";
  }

  /** Builds a {@link ReportQuery}; setters validate at once. */
  public static final class Builder {
    private final String siteId;
    private Period period = Period.parse("30d");
    private Set<Metric> metrics;
    private final List<Condition> filters = new ArrayList<>();
    private Dimension breakdown;
    private Interval interval = Interval.DAY;
    private String goal = "";
    private boolean compare;
    private boolean imports = true;
    private int limit = 100;
    private int page = 1;

    private Builder(String siteId) {
      this.siteId = Objects.requireNonNull(siteId, "siteId");
    }

    /** Sets the days covered. */
    public Builder period(Period period) {
      this.period = Objects.requireNonNull(period, "period");
      return this;
    }

    /**
     * Sets the metrics to compute.
     *
     * @throws IllegalArgumentException if none is given
     */
    public Builder metrics(Metric... metrics) {
      return metrics(Arrays.asList(metrics));
    }

    /**
     * Sets the metrics to compute.
     *
     * @throws IllegalArgumentException if none is given
     */
    public Builder metrics(Iterable<Metric> metrics) {
      EnumSet<Metric> set = EnumSet.noneOf(Metric.class);
      metrics.forEach(m -> set.add(Objects.requireNonNull(m, "metric")));
      if (set.isEmpty()) {
        throw new IllegalArgumentException("metrics must name at least one metric");
      }
      this.metrics = Collections.unmodifiableSet(set);
      return this;
    }

    /**
     * Adds a condition: a {@link Filter}, or an {@code and} or {@code or} of several; all
     * conditions must hold.
     */
    public Builder filter(Condition filter) {
      filters.add(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    /** Sets the dimension a breakdown groups by. */
    public Builder breakdown(Dimension dimension) {
      this.breakdown = Objects.requireNonNull(dimension, "dimension");
      return this;
    }

    /** Sets the bucket size of a timeseries. */
    public Builder interval(Interval interval) {
      this.interval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Sets the goal whose visitors count as conversions for {@link Metric#CONVERSION_RATE}: the
     * name of one of the site's {@link Goal}s, or else of a custom event.
     *
     * @throws IllegalArgumentException if the name is blank or longer than 120 characters
     */
    public Builder goal(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.length() > Goal.MAX_LENGTH) {
        throw new IllegalArgumentException("goal must be a goal or event name of 1 to "
            + Goal.MAX_LENGTH + " characters but was '" + name + "'");
      }
      this.goal = name;
      return this;
    }

    /** Sets whether an aggregate also computes the previous period of equal length. */
    public Builder compare(boolean compare) {
      this.compare = compare;
      return this;
    }

    /**
     * Sets whether the report adds the site's imported stats where it can (by default it does).
     *
     * @since 0.4
     */
    public Builder imports(boolean imports) {
      this.imports = imports;
      return this;
    }

    /**
     * Sets the most breakdown results per page.
     *
     * @throws IllegalArgumentException unless 1 to {@value #MAX_LIMIT}
     */
    public Builder limit(int limit) {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT
            + " but was " + limit);
      }
      this.limit = limit;
      return this;
    }

    /**
     * Sets the 1-based page of breakdown results.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder page(int page) {
      if (page < 1) {
        throw new IllegalArgumentException("page must be at least 1 but was " + page);
      }
      this.page = page;
      return this;
    }

    /**
     * Builds the query.
     *
     * @throws IllegalArgumentException if conversion rate is asked for without a goal, or the page
     *     starts beyond 2<sup>31</sup> results
     */
    public ReportQuery build() {
      Set<Metric> chosen = metrics;
      if (chosen == null) {
        EnumSet<Metric> defaults = EnumSet.copyOf(DEFAULT_METRICS);
        if (!goal.isEmpty()) {
          defaults.add(Metric.CONVERSION_RATE);
        }
        chosen = Collections.unmodifiableSet(defaults);
      }
      if (chosen.contains(Metric.CONVERSION_RATE) && goal.isEmpty()) {
        throw new IllegalArgumentException("metric conversion_rate needs a goal");
      }
      if ((long) (page - 1) * limit > Integer.MAX_VALUE - limit) {
        throw new IllegalArgumentException("page " + page + " of " + limit
            + " results starts past the last result a breakdown can page to");
      }
      return new ReportQuery(this, chosen);
    }
  }
}
