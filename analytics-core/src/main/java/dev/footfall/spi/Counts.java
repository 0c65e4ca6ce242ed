package dev.footfall.spi;

import java.util.Objects;

/**
 * The sums every metric is computed from, for one group of matching events. The event sums count
 * the matching events themselves; the session sums count the sessions those events belong to, read
 * from the stored sessions (a session not yet stored is left out of them). Immutable; a store
 * builds one with {@link #builder()}.
 *
 * @since 0.1
 */
public final class Counts {
  /** Counts of no events. */
  public static final Counts ZERO = builder().build();

  private final long visitors;
  private final long pageviews;
  private final long events;
  private final long visits;
  private final long conversions;
  private final long sessions;
  private final long sessionPageviews;
  private final long bounces;
  private final long durationSeconds;

  private Counts(Builder b) {
    this.visitors = b.visitors;
    this.pageviews = b.pageviews;
    this.events = b.events;
    this.visits = b.visits;
    this.conversions = b.conversions;
    this.sessions = b.sessions;
    this.sessionPageviews = b.sessionPageviews;
    this.bounces = b.bounces;
    this.durationSeconds = b.durationSeconds;
  }

  /** Starts counts with every sum 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these sums. */
  public Builder toBuilder() {
    return new Builder().visitors(visitors).pageviews(pageviews).events(events).visits(visits)
        .conversions(conversions).sessions(sessions).sessionPageviews(sessionPageviews)
        .bounces(bounces).durationSeconds(durationSeconds);
  }

  /** Returns these counts plus the other's, sum by sum. */
  public Counts plus(Counts other) {
    return combine(other, 1);
  }

  /** Returns these counts minus the other's, sum by sum. */
  public Counts minus(Counts other) {
    return combine(other, -1);
  }

  private Counts combine(Counts o, int sign) {
    return new Builder().visitors(visitors + sign * o.visitors)
        .pageviews(pageviews + sign * o.pageviews).events(events + sign * o.events)
        .visits(visits + sign * o.visits).conversions(conversions + sign * o.conversions)
        .sessions(sessions + sign * o.sessions)
        .sessionPageviews(sessionPageviews + sign * o.sessionPageviews)
        .bounces(bounces + sign * o.bounces)
        .durationSeconds(durationSeconds + sign * o.durationSeconds).build();
  }

  /** Returns the distinct visitor ids. */
  public long visitors() {
    return visitors;
  }

  /** Returns the pageview events. */
  public long pageviews() {
    return pageviews;
  }

  /** Returns the events of any type. */
  public long events() {
    return events;
  }

  /** Returns the distinct session ids. */
  public long visits() {
    return visits;
  }

  /** Returns the distinct visitor ids among the events named as the goal. */
  public long conversions() {
    return conversions;
  }

  /** Returns the stored sessions among those session ids. */
  public long sessions() {
    return sessions;
  }

  /** Returns the sum of those sessions' pageviews. */
  public long sessionPageviews() {
    return sessionPageviews;
  }

  /** Returns how many of those sessions bounced. */
  public long bounces() {
    return bounces;
  }

  /** Returns the sum of those sessions' durations in seconds, a bounce counting as 0. */
  public long durationSeconds() {
    return durationSeconds;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Counts c && visitors == c.visitors && pageviews == c.pageviews
        && events == c.events && visits == c.visits && conversions == c.conversions
        && sessions == c.sessions && sessionPageviews == c.sessionPageviews
        && bounces == c.bounces && durationSeconds == c.durationSeconds;
  }

  @Override
  public int hashCode() {
    return Objects.hash(visitors, pageviews, events, visits, conversions, sessions,
        sessionPageviews, bounces, durationSeconds);
  }

  @Override
  public String toString() {
    return "Counts{visitors=" + visitors + ", pageviews=" + pageviews + ", events=" + events
        + ", visits=" + visits + ", conversions=" + conversions + ", sessions=" + sessions
        + ", sessionPageviews=" + sessionPageviews + ", bounces=" + bounces
        + ", durationSeconds=" + durationSeconds + "}";
  }

  /** Builds {@link Counts}; every sum starts at 0. Not thread-safe. */
  public static final class Builder {
    private long visitors;
    private long pageviews;
    private long events;
    private long visits;
    private long conversions;
    private long sessions;
    private long sessionPageviews;
    private long bounces;
    private long durationSeconds;

    private Builder() {}

    public Builder visitors(long visitors) {
      this.visitors = visitors;
      return this;
    }

    public Builder pageviews(long pageviews) {
      this.pageviews = pageviews;
      return this;
    }

    public Builder events(long events) {
      this.events = events;
      return this;
    }

    public Builder visits(long visits) {
      this.visits = visits;
      return this;
    }

    public Builder conversions(long conversions) {
      this.conversions = conversions;
      return this;
    }

    public Builder sessions(long sessions) {
      this.sessions = sessions;
      return this;
    }

    public Builder sessionPageviews(long sessionPageviews) {
      this.sessionPageviews = sessionPageviews;
      return this;
    }

    public Builder bounces(long bounces) {
      this.bounces = bounces;
      return this;
    }

    public Builder durationSeconds(long durationSeconds) {
      this.durationSeconds = durationSeconds;
      return this;
    }

    public Counts build() {
      return new Counts(this);
    }
  }
}
