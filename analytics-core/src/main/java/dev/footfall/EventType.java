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
  CUSTOM_EVENT("custom_event");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the name used in storage and JSON: {@code pageview} or {@code custom_event}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the type with the given {@linkplain #wireName() wire name}.
   *
   * @throws IllegalArgumentException if the name is not {@code pageview} or {@code custom_event}
   */
  public static EventType fromWireName(String name) {
    for (EventType type : values()) {
      if (type.wireName.equals(name.toLowerCase(Locale.ROOT))) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "event type must be 'pageview' or 'custom_event' but was '" + name + "'");
  }
}
