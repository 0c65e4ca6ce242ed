package dev.footfall.spi;

import dev.footfall.Filter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The events a report counts: a site's events with {@code from <= timestamp < to} that pass every
 * filter, plus the goal whose converted visitors are counted. Immutable.
 *
 * @since 0.1
 */
public final class Selection {
  private final String siteId;
  private final Instant from;
  private final Instant to;
  private final List<Filter> filters;
  private final String goal;

  private Selection(Builder b) {
    this.siteId = b.siteId;
    this.from = b.from;
    this.to = b.to;
    this.filters = List.copyOf(b.filters);
    this.goal = b.goal;
  }

  /**
   * Starts a selection of a site's events with {@code from <= timestamp < to}, no filter and no
   * goal.
   */
  public static Builder builder(String siteId, Instant from, Instant to) {
    return new Builder(siteId, from, to);
  }

  /** Returns the site. */
  public String siteId() {
    return siteId;
  }

  /** Returns the first instant included. */
  public Instant from() {
    return from;
  }

  /** Returns the first instant excluded. */
  public Instant to() {
    return to;
  }

  /** Returns the conditions, combined with AND. */
  public List<Filter> filters() {
    return filters;
  }

  /** Returns the event name of the goal whose visitors count as conversions, or {@code ""}. */
  public String goal() {
    return goal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Selection s && siteId.equals(s.siteId) && from.equals(s.from)
        && to.equals(s.to) && filters.equals(s.filters) && goal.equals(s.goal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(siteId, from, to, filters, goal);
  }

  @Override
  public String toString() {
    return "Selection{site=" + siteId + ", from=" + from + ", to=" + to + ", filters=" + filters
        + ", goal=" + goal + "}";
  }

  /** Builds a {@link Selection}. Not thread-safe. */
  public static final class Builder {
    private final String siteId;
    private final Instant from;
    private final Instant to;
    private final List<Filter> filters = new ArrayList<>();
    private String goal = "";

    private Builder(String siteId, Instant from, Instant to) {
      this.siteId = Objects.requireNonNull(siteId, "siteId");
      this.from = Objects.requireNonNull(from, "from");
      this.to = Objects.requireNonNull(to, "to");
    }

    /** Adds filters; all must pass. */
    public Builder filters(List<Filter> filters) {
      filters.forEach(f -> this.filters.add(Objects.requireNonNull(f, "filter")));
      return this;
    }

    /** Sets the goal's event name ({@code ""} for none). */
    public Builder goal(String goal) {
      this.goal = Objects.requireNonNull(goal, "goal");
      return this;
    }

    public Selection build() {
      return new Selection(this);
    }
  }
}
