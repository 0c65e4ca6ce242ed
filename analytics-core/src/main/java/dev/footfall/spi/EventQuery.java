package dev.footfall.spi;

import dev.footfall.Event;
import dev.footfall.EventType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which stored events {@link EventStore#search} returns: a site's events, optionally only those of
 * one type, with one exact name, on one exact pathname, and with {@code from <= timestamp < to},
 * and which page of them ({@link #offset()}, {@link #limit()}) in timestamp-then-id order.
 *
 * <pre>{@code
 * EventQuery query = EventQuery.builder("shop")
 *     .type(EventType.CUSTOM_EVENT)
 *     .name("Signup")
 *     .from(Instant.parse("2026-11-01T00:00:00Z"))
 *     .limit(50)
 *     .build();
 * EventPage page = storage.events().search(query);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class EventQuery {
  /** The most events a page may hold. */
  public static final int MAX_LIMIT = 1_000;
  /** The page size when none is set. */
  public static final int DEFAULT_LIMIT = 100;

  private final String siteId;
  private final EventType type;
  private final String name;
  private final String pathname;
  private final Instant from;
  private final Instant to;
  private final int offset;
  private final int limit;

  private EventQuery(Builder b) {
    this.siteId = b.siteId;
    this.type = b.type;
    this.name = b.name;
    this.pathname = b.pathname;
    this.from = b.from;
    this.to = b.to;
    this.offset = b.offset;
    this.limit = b.limit;
  }

  /** Starts a query on a site's events, with no other condition: the first page of all of them. */
  public static Builder builder(String siteId) {
    return new Builder(siteId);
  }

  /** Returns the site whose events are searched. */
  public String siteId() {
    return siteId;
  }

  /** Returns the only event type matched, or empty for both. */
  public Optional<EventType> type() {
    return Optional.ofNullable(type);
  }

  /** Returns the exact event name matched ({@code pageview} for pageviews), or empty for any. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** Returns the exact pathname matched, or empty for any. */
  public Optional<String> pathname() {
    return Optional.ofNullable(pathname);
  }

  /** Returns the first instant included, or empty for no lower bound. */
  public Optional<Instant> from() {
    return Optional.ofNullable(from);
  }

  /** Returns the first instant excluded, or empty for no upper bound. */
  public Optional<Instant> to() {
    return Optional.ofNullable(to);
  }

  /** Returns how many matching events are skipped before the page; 0 by default. */
  public int offset() {
    return offset;
  }

  /** Returns the most events the page holds; {@value #DEFAULT_LIMIT} by default. */
  public int limit() {
    return limit;
  }

  /**
   * Returns whether an event meets the query's conditions (not its paging); what a store that
   * filters in memory uses.
   */
  public boolean matches(Event event) {
    return event.siteId().equals(siteId)
        && (type == null || event.type() == type)
        && (name == null || event.name().equals(name))
        && (pathname == null || event.pathname().equals(pathname))
        && (from == null || !event.timestamp().isBefore(from))
        && (to == null || event.timestamp().isBefore(to));
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EventQuery)) {
      return false;
    }
    EventQuery q = (EventQuery) o;
    return siteId.equals(q.siteId) && type == q.type && Objects.equals(name, q.name)
        && Objects.equals(pathname, q.pathname) && Objects.equals(from, q.from)
        && Objects.equals(to, q.to) && offset == q.offset && limit == q.limit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(siteId, type, name, pathname, from, to, offset, limit);
  }

  @Override
  public String toString() {
    return "EventQuery{site=" + siteId + ", type=" + type + ", name=" + name + ", pathname="
        + pathname + ", from=" + from + ", to=" + to + ", offset=" + offset + ", limit=" + limit
        + "}";
  }

  /**
   * Builds an {@link EventQuery}; setters validate at once. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String siteId;
    private EventType type;
    private String name;
    private String pathname;
    private Instant from;
    private Instant to;
    private int offset;
    private int limit = DEFAULT_LIMIT;

    private Builder(String siteId) {
      this.siteId = Objects.requireNonNull(siteId, "siteId");
    }

    /** Matches only events of this type; {@code null} matches both types. */
    public Builder type(EventType type) {
      this.type = type;
      return this;
    }

    /** Matches only events with exactly this name; {@code null} matches any name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Matches only events on exactly this pathname; {@code null} matches any pathname. */
    public Builder pathname(String pathname) {
      this.pathname = pathname;
      return this;
    }

    /** Matches only events at or after this instant; {@code null} for no lower bound. */
    public Builder from(Instant from) {
      this.from = from;
      return this;
    }

    /** Matches only events before this instant; {@code null} for no upper bound. */
    public Builder to(Instant to) {
      this.to = to;
      return this;
    }

    /**
     * Sets how many matching events to skip.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder offset(int offset) {
      if (offset < 0) {
        throw new IllegalArgumentException("offset must not be negative but was " + offset);
      }
      this.offset = offset;
      return this;
    }

    /**
     * Sets the most events the page holds.
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
     * Builds the query.
     *
     * @throws IllegalArgumentException if {@code from} is after {@code to}
     */
    public EventQuery build() {
      if (from != null && to != null && from.isAfter(to)) {
        throw new IllegalArgumentException("from must not be after to but was " + from
            + " (to is " + to + ")");
      }
      return new EventQuery(this);
    }
  }
}
