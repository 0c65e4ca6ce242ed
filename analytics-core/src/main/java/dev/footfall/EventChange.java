package dev.footfall;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A correction of a stored event for {@link StoredEvents#update}: a new name, pathname or set of
 * props, each optional; what is not set is kept. The rest of an event (site, type, time, visitor,
 * session, source, device) is derived when it is tracked and cannot be changed.
 *
 * <pre>{@code
 * EventChange change = EventChange.builder()
 *     .name("Upgrade")
 *     .pathname("/billing")
 *     .props(Map.of("plan", "enterprise"))
 *     .build();
 * analytics.events().update(42, change);
 * }</pre>
 *
 * <p>The values are cleaned as tracking cleans them (NUL characters removed; the name, the pathname
 * and prop keys stripped) and checked against the tracking limits when the change is applied, by
 * {@link #violations}. Immutable and thread-safe.
 *
 * @since 0.3
 */
public final class EventChange {
  private final String name;
  private final String pathname;
  private final Map<String, String> props;
  /** How many props were given, before keys that strip to the same one merged. */
  private final int propCount;

  private EventChange(Builder b) {
    this.name = b.name == null ? null : withoutNul(b.name).strip();
    this.pathname = b.pathname == null ? null : withoutNul(b.pathname).strip();
    this.propCount = b.props == null ? 0 : b.props.size();
    if (b.props == null) {
      this.props = null;
    } else {
      // Null values stay, for violations() to report; of keys that strip to the same one, the
      // last value wins, as tracking keeps the last value of a repeated prop.
      Map<String, String> cleaned = new LinkedHashMap<>();
      b.props.forEach((key, value) -> cleaned.put(withoutNul(key).strip(),
          value == null ? null : withoutNul(value)));
      this.props = Collections.unmodifiableMap(cleaned);
    }
  }

  /**
   * Starts a change that changes nothing.
   *
   * @since 0.3
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the new name (stripped), if the change sets one.
   *
   * @since 0.3
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * Returns the new pathname (stripped), if the change sets one.
   *
   * @since 0.3
   */
  public Optional<String> pathname() {
    return Optional.ofNullable(pathname);
  }

  /**
   * Returns the new props, which replace the event's whole, if the change sets them; keys are
   * stripped, and a value may be {@code null} (a violation).
   *
   * @since 0.3
   */
  public Optional<Map<String, String>> props() {
    return Optional.ofNullable(props);
  }

  /**
   * Returns what keeps this change from applying to an event of the given type, by field, named as
   * in the data model: {@code event_name}, {@code pathname} and {@code metadata} (the props); empty
   * if the change is valid. {@link StoredEvents#update} refuses a change with violations. The rules
   * are tracking's: a custom event's name is not empty and at most {@value
   * TrackRequest#MAX_NAME_LENGTH} characters, and a pageview's name is always {@code pageview}
   * (setting it to that changes nothing); a pathname starts with {@code /} and is at most {@value
   * TrackRequest#MAX_URL_BYTES} bytes of UTF-8; at most {@value TrackRequest#MAX_PROPS} props, each
   * key not empty and at most {@value TrackRequest#MAX_PROP_KEY_BYTES} bytes, each value not blank,
   * not null and at most {@value TrackRequest#MAX_PROP_VALUE_BYTES} bytes.
   *
   * @throws NullPointerException if {@code type} is null
   * @since 0.3
   */
  public Map<String, List<String>> violations(EventType type) {
    Objects.requireNonNull(type, "type");
    Map<String, List<String>> errors = new LinkedHashMap<>();
    if (name != null) {
      checkName(type, errors);
    }
    if (pathname != null) {
      checkPathname(errors);
    }
    if (props != null) {
      checkProps(errors);
    }
    return errors;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventChange c && Objects.equals(name, c.name)
        && Objects.equals(pathname, c.pathname) && Objects.equals(props, c.props)
        && propCount == c.propCount;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, pathname, props);
  }

  @Override
  public String toString() {
    return "EventChange{name=" + name + ", pathname=" + pathname + ", props=" + props + "}";
  }

  private void checkName(EventType type, Map<String, List<String>> errors) {
    if (type == EventType.PAGEVIEW) {
      if (!name.equals("pageview")) {
        error(errors, "event_name", "a pageview's event_name is always 'pageview' but was '"
            + name + "'");
      }
    } else if (name.isEmpty()) {
      error(errors, "event_name", "event_name must not be empty");
    } else if (name.length() > TrackRequest.MAX_NAME_LENGTH) {
      error(errors, "event_name", "event_name must be at most " + TrackRequest.MAX_NAME_LENGTH
          + " characters but was " + name.length());
    }
  }

  private void checkPathname(Map<String, List<String>> errors) {
    int bytes = pathname.getBytes(UTF_8).length;
    if (!pathname.startsWith("/")) {
      error(errors, "pathname", "pathname must start with '/' but was '" + abbreviate(pathname)
          + "'");
    } else if (bytes > TrackRequest.MAX_URL_BYTES) {
      error(errors, "pathname", "pathname must be at most " + TrackRequest.MAX_URL_BYTES
          + " bytes but was " + bytes);
    }
  }

  private void checkProps(Map<String, List<String>> errors) {
    if (propCount > TrackRequest.MAX_PROPS) {
      error(errors, "metadata", "metadata must have at most " + TrackRequest.MAX_PROPS
          + " props but had " + propCount);
      return;
    }
    props.forEach((key, value) -> {
      int keyBytes = key.getBytes(UTF_8).length;
      if (key.isEmpty()) {
        error(errors, "metadata", "prop keys must not be empty");
      } else if (keyBytes > TrackRequest.MAX_PROP_KEY_BYTES) {
        error(errors, "metadata", "prop key '" + abbreviate(key) + "' must be at most "
            + TrackRequest.MAX_PROP_KEY_BYTES + " bytes but was " + keyBytes);
      } else if (value == null || value.isBlank()) {
        error(errors, "metadata", "value of prop '" + key + "' must be a non-empty string");
      } else {
        int valueBytes = value.getBytes(UTF_8).length;
        if (valueBytes > TrackRequest.MAX_PROP_VALUE_BYTES) {
          error(errors, "metadata", "value of prop '" + key + "' must be at most "
              + TrackRequest.MAX_PROP_VALUE_BYTES + " bytes but was " + valueBytes);
        }
      }
    });
  }

  private static void error(Map<String, List<String>> errors, String field, String message) {
    errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
  }

  private static String withoutNul(String text) {
    return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /**
   * Builds an {@link EventChange}. Values are checked when the change is applied, so that every
   * violation is reported at once. Not thread-safe.
   *
   * @since 0.3
   */
  public static final class Builder {
    private String name;
    private String pathname;
    private Map<String, String> props;

    private Builder() {}

    /**
     * Sets the new name; {@code null} keeps the event's.
     *
     * @since 0.3
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the new pathname; {@code null} keeps the event's.
     *
     * @since 0.3
     */
    public Builder pathname(String pathname) {
      this.pathname = pathname;
      return this;
    }

    /**
     * Sets the props that replace the event's, in order; an empty map clears them, {@code null}
     * keeps the event's. The map is copied; a null value is reported as a violation.
     *
     * @throws NullPointerException if a key is null
     * @since 0.3
     */
    public Builder props(Map<String, String> props) {
      if (props == null) {
        this.props = null;
        return this;
      }
      Map<String, String> copy = new LinkedHashMap<>();
      props.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "props key"), value));
      this.props = copy;
      return this;
    }

    /**
     * Builds the change.
     *
     * @since 0.3
     */
    public EventChange build() {
      return new EventChange(this);
    }
  }
}
