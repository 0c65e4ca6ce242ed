package dev.footfall.spi;

import dev.footfall.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The events a report counts: a site's events with {@code from <= timestamp < to} that satisfy
 * every condition, plus the goal whose converted visitors are counted. Conditions never name
 * {@link dev.footfall.Dimension#GOAL}: {@code Reports} resolves goals to the conditions they
 * stand for. Immutable.
 *
 * @since 0.1
 */
public final class Selection {
  private final String siteId;
  private final Instant from;
  private final Instant to;
  private final List<Condition> filters;
  private final Condition goal;

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
  public List<Condition> filters() {
    return filters;
  }

  /** Returns what a converting event satisfies, if conversions are counted. */
  public Optional<Condition> goal() {
    return Optional.ofNullable(goal);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Selection s && siteId.equals(s.siteId) && from.equals(s.from)
        && to.equals(s.to) && filters.equals(s.filters) && Objects.equals(goal, s.goal);
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
    private final List<Condition> filters = new ArrayList<>();
    private Condition goal;

    private Builder(String siteId, Instant from, Instant to) {
      this.siteId = Objects.requireNonNull(siteId, "siteId");
      this.from = Objects.requireNonNull(from, "from");
      this.to = Objects.requireNonNull(to, "to");
    }

    /** Adds conditions; all must hold. */
    public Builder filters(List<? extends Condition> filters) {
      filters.forEach(f -> this.filters.add(Objects.requireNonNull(f, "filter")));
      return this;
    }

    /** Sets what a converting event satisfies (null for no goal). */
    public Builder goal(Condition goal) {
      this.goal = goal;
      return this;
    }

    /** Builds the selection. */
    public Selection build() {
      return new Selection(this);
    }
  }
}
