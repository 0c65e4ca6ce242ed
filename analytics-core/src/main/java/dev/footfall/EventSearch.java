package dev.footfall;

import dev.footfall.spi.EventQuery;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Which stored events {@link StoredEvents#list} returns: a site's events, optionally only those of
 * one type, with one exact name, on one exact pathname, and on local days from {@link #startDate()}
 * to {@link #endDate()} (inclusive, in the site's timezone), one page of them in time order.
 *
 * <pre>{@code
 * EventSearch signups = EventSearch.builder("shop")
 *     .type(EventType.CUSTOM_EVENT)
 *     .name("Signup")
 *     .startDate(LocalDate.parse("2026-11-01"))
 *     .limit(50)
 *     .page(2)
 *     .build();
 * EventPage found = analytics.events().list(signups);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.3
 */
public final class EventSearch {
  /**
   * The most events a page may hold.
   *
   * @since 0.3
   */
  public static final int MAX_LIMIT = EventQuery.MAX_LIMIT;
  /**
   * The page size when none is set.
   *
   * @since 0.3
   */
  public static final int DEFAULT_LIMIT = EventQuery.DEFAULT_LIMIT;

  private final String siteId;
  private final EventType type;
  private final String name;
  private final String pathname;
  private final LocalDate startDate;
  private final LocalDate endDate;
  private final int limit;
  private final int page;

  private EventSearch(Builder b) {
    this.siteId = b.siteId;
    this.type = b.type;
    this.name = b.name;
    this.pathname = b.pathname;
    this.startDate = b.startDate;
    this.endDate = b.endDate;
    this.limit = b.limit;
    this.page = b.page;
  }

  /**
   * Starts a search of a site's events, with no condition: the first page of all of them.
   *
   * @throws NullPointerException if {@code siteId} is null
   * @since 0.3
   */
  public static Builder builder(String siteId) {
    return new Builder(siteId);
  }

  /**
   * Returns the site whose events are listed.
   *
   * @since 0.3
   */
  public String siteId() {
    return siteId;
  }

  /**
   * Returns the only event type listed, or empty for both.
   *
   * @since 0.3
   */
  public Optional<EventType> type() {
    return Optional.ofNullable(type);
  }

  /**
   * Returns the exact event name listed ({@code pageview} for pageviews), or empty for any.
   *
   * @since 0.3
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * Returns the exact pathname listed, or empty for any.
   *
   * @since 0.3
   */
  public Optional<String> pathname() {
    return Optional.ofNullable(pathname);
  }

  /**
   * Returns the first local day listed, or empty for no lower bound.
   *
   * @since 0.3
   */
  public Optional<LocalDate> startDate() {
    return Optional.ofNullable(startDate);
  }

  /**
   * Returns the last local day listed (inclusive), or empty for no upper bound.
   *
   * @since 0.3
   */
  public Optional<LocalDate> endDate() {
    return Optional.ofNullable(endDate);
  }

  /**
   * Returns the most events on a page; {@value #DEFAULT_LIMIT} by default.
   *
   * @since 0.3
   */
  public int limit() {
    return limit;
  }

  /**
   * Returns which page is listed, from 1; 1 by default.
   *
   * @since 0.3
   */
  public int page() {
    return page;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventSearch s && siteId.equals(s.siteId) && type == s.type
        && Objects.equals(name, s.name) && Objects.equals(pathname, s.pathname)
        && Objects.equals(startDate, s.startDate) && Objects.equals(endDate, s.endDate)
        && limit == s.limit && page == s.page;
  }

  @Override
  public int hashCode() {
    return Objects.hash(siteId, type, name, pathname, startDate, endDate, limit, page);
  }

  @Override
  public String toString() {
    return "EventSearch{site=" + siteId + ", type=" + type + ", name=" + name + ", pathname="
        + pathname + ", startDate=" + startDate + ", endDate=" + endDate + ", limit=" + limit
        + ", page=" + page + "}";
  }

  /**
   * Builds an {@link EventSearch}. Not thread-safe.
   *
   * @since 0.3
   */
  public static final class Builder {
    private final String siteId;
    private EventType type;
    private String name;
    private String pathname;
    private LocalDate startDate;
    private LocalDate endDate;
    private int limit = DEFAULT_LIMIT;
    private int page = 1;

    private Builder(String siteId) {
      this.siteId = Objects.requireNonNull(siteId, "siteId");
    }

    /**
     * Lists only events of this type; {@code null} lists both.
     *
     * @since 0.3
     */
    public Builder type(EventType type) {
      this.type = type;
      return this;
    }

    /**
     * Lists only events with exactly this name; {@code null} lists any.
     *
     * @since 0.3
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Lists only events on exactly this pathname; {@code null} lists any.
     *
     * @since 0.3
     */
    public Builder pathname(String pathname) {
      this.pathname = pathname;
      return this;
    }

    /**
     * Lists only events on or after this local day of the site; {@code null} for no lower bound.
     *
     * @since 0.3
     */
    public Builder startDate(LocalDate startDate) {
      this.startDate = startDate;
      return this;
    }

    /**
     * Lists only events on or before this local day of the site; {@code null} for no upper bound.
     *
     * @since 0.3
     */
    public Builder endDate(LocalDate endDate) {
      this.endDate = endDate;
      return this;
    }

    /**
     * Sets the most events on a page.
     *
     * @throws IllegalArgumentException unless 1 to {@value #MAX_LIMIT}
     * @since 0.3
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
     * Sets which page to list, from 1; {@link #build()} checks it against the limit.
     *
     * @since 0.3
     */
    public Builder page(int page) {
      this.page = page;
      return this;
    }

    /**
     * Builds the search.
     *
     * @throws IllegalArgumentException if the page is below 1 or so high that the events it skips,
     *     {@code (page - 1) * limit}, pass {@link Integer#MAX_VALUE}, or if the start date is
     *     after the end date
     * @since 0.3
     */
    public EventSearch build() {
      int maxPage = Integer.MAX_VALUE / limit; // so that the offset, (page - 1) * limit, fits
      if (page < 1 || page > maxPage) {
        throw new IllegalArgumentException("page must be between 1 and " + maxPage + " but was "
            + page);
      }
      if (startDate != null && endDate != null && startDate.isAfter(endDate)) {
        throw new IllegalArgumentException("startDate must not be after endDate but was "
            + startDate + " (endDate is " + endDate + ")");
      }
      return new EventSearch(this);
    }
  }
}
