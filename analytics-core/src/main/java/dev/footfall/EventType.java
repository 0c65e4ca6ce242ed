package dev.footfall;

import java.util.Locale;

/**
 * The kind of an {@link Event}.
 *
 * @since 0.1
 */
public enum EventType {
  /** A page was viewed. */
  PAGEVIEW("pageview"),
  /** A named custom event, such as a signup or a download. */
  CUSTOM_EVENT("custom_event"),
  /**
   * How far a visitor scrolled a page and how long they engaged with it (Plausible's {@code
   * engagement} event, sent when a page is left or hidden). It is not an event: it never counts as
   * a pageview, event, visit or interaction and never changes a session. Stores keep it apart from
   * events, in their own table, for the {@link Metric#SCROLL_DEPTH} and {@link
   * Metric#TIME_ON_PAGE} metrics; {@link dev.footfall.spi.EventStore} never returns one.
   *
   * @since 0.3
   */
  ENGAGEMENT("engagement");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the name used in storage and JSON: {@code pageview}, {@code custom_event} or {@code
   * engagement}.
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the type of a stored event with the given {@linkplain #wireName() wire name}: {@link
   * #PAGEVIEW} or {@link #CUSTOM_EVENT}, since an {@link #ENGAGEMENT} is never a stored event.
   *
   * @throws IllegalArgumentException if the name is not {@code pageview} or {@code custom_event}
   */
  public static EventType fromWireName(String name) {
    for (EventType type : values()) {
      if (type != ENGAGEMENT && type.wireName.equals(name.toLowerCase(Locale.ROOT))) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "event type must be 'pageview' or 'custom_event' but was '" + name + "'");
  }
}
