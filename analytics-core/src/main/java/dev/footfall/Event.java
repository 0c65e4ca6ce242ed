package dev.footfall;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored event: a pageview or custom event after enrichment, as the storage SPI receives and
 * returns it, or an {@linkplain EventType#ENGAGEMENT engagement}, which the storage SPI receives
 * with the events but keeps apart from them. It holds only derived, non-personal data: hashed
 * visitor and session ids, the browser, operating system and device type, and the country.
 *
 * <p>Instances are immutable and thread-safe. Text fields are never {@code null}; an unknown value
 * is the empty string.
 *
 * @since 0.1
 */
public final class Event {
  private final Long id;
  private final String siteId;
  private final EventType type;
  private final String name;
  private final String hostname;
  private final String pathname;
  private final String referrer;
  private final String referrerSource;
  private final Utm utm;
  private final long visitorId;
  private final long sessionId;
  private final String browser;
  private final String browserVersion;
  private final String os;
  private final String osVersion;
  private final String deviceType;
  private final String country;
  private final boolean interactive;
  private final Map<String, String> props;
  private final Instant timestamp;
  private final Revenue revenue;
  private final int scrollDepth;
  private final Duration engagedTime;

  private Event(Builder b) {
    this.id = b.id;
    this.siteId = Objects.requireNonNull(b.siteId, "siteId");
    this.type = Objects.requireNonNull(b.type, "type");
    this.name = switch (b.type) {
      case PAGEVIEW -> "pageview";
      case ENGAGEMENT -> "engagement";
      case CUSTOM_EVENT -> Objects.requireNonNull(b.name, "name");
    };
    this.hostname = b.hostname;
    this.pathname = b.pathname;
    this.referrer = b.referrer;
    this.referrerSource = b.referrerSource;
    this.utm = b.utm;
    this.visitorId = b.visitorId;
    this.sessionId = b.sessionId;
    this.browser = b.browser;
    this.browserVersion = b.browserVersion;
    this.os = b.os;
    this.osVersion = b.osVersion;
    this.deviceType = b.deviceType;
    this.country = b.country;
    this.interactive = b.interactive;
    this.props = b.props.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(b.props));
    this.timestamp = Objects.requireNonNull(b.timestamp, "timestamp");
    this.revenue = b.revenue;
    this.scrollDepth = b.scrollDepth;
    this.engagedTime = b.engagedTime;
  }

  /** Starts an event of the given site and type. */
  public static Builder builder(String siteId, EventType type) {
    return new Builder().siteId(siteId).type(type);
  }

  /** Returns a builder initialised with this event's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Returns the id assigned by the store, or empty before the event was stored. */
  public Optional<Long> id() {
    return Optional.ofNullable(id);
  }

  public String siteId() {
    return siteId;
  }

  public EventType type() {
    return type;
  }

  /** Returns the event name; {@code pageview} for pageviews. */
  public String name() {
    return name;
  }

  /** Returns the page's host without a leading {@code www.}. */
  public String hostname() {
    return hostname;
  }

  /** Returns the page's decoded path without query, {@code /} when empty. */
  public String pathname() {
    return pathname;
  }

  /** Returns the referrer's host and path, without {@code www.}, query or trailing slash. */
  public String referrer() {
    return referrer;
  }

  /** Returns the attributed source, such as {@code Google}, or empty for direct traffic. */
  public String referrerSource() {
    return referrerSource;
  }

  /** Returns the UTM parameters of the page's URL. */
  public Utm utm() {
    return utm;
  }

  /** Returns the hashed visitor id. */
  public long visitorId() {
    return visitorId;
  }

  /** Returns the id of the session the event belongs to. */
  public long sessionId() {
    return sessionId;
  }

  public String browser() {
    return browser;
  }

  public String browserVersion() {
    return browserVersion;
  }

  public String os() {
    return os;
  }

  public String osVersion() {
    return osVersion;
  }

  /** Returns {@code desktop}, {@code mobile}, {@code tablet}, {@code other}, or empty. */
  public String deviceType() {
    return deviceType;
  }

  /** Returns the ISO 3166-1 alpha-2 country code, or empty. */
  public String country() {
    return country;
  }

  /** Returns whether the event counts as an interaction for the bounce rate. */
  public boolean interactive() {
    return interactive;
  }

  /** Returns the custom properties. */
  public Map<String, String> props() {
    return props;
  }

  /** Returns when the event happened. */
  public Instant timestamp() {
    return timestamp;
  }

  /**
   * Returns the revenue the event brought, if it carried one.
   *
   * @since 0.3
   */
  public Optional<Revenue> revenue() {
    return Optional.ofNullable(revenue);
  }

  /**
   * Returns an {@linkplain EventType#ENGAGEMENT engagement}'s deepest scroll on the page, in
   * percent of its height (0 to 100); 0 for other events.
   *
   * @since 0.3
   */
  public int scrollDepth() {
    return scrollDepth;
  }

  /**
   * Returns an {@linkplain EventType#ENGAGEMENT engagement}'s engaged time on the page since the
   * visitor's previous engagement there, at millisecond precision; zero for other events.
   *
   * @since 0.3
   */
  public Duration engagedTime() {
    return engagedTime;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Event)) {
      return false;
    }
    Event e = (Event) o;
    return Objects.equals(id, e.id) && siteId.equals(e.siteId) && type == e.type
        && name.equals(e.name) && hostname.equals(e.hostname) && pathname.equals(e.pathname)
        && referrer.equals(e.referrer) && referrerSource.equals(e.referrerSource)
        && utm.equals(e.utm) && visitorId == e.visitorId && sessionId == e.sessionId
        && browser.equals(e.browser) && browserVersion.equals(e.browserVersion) && os.equals(e.os)
        && osVersion.equals(e.osVersion) && deviceType.equals(e.deviceType)
        && country.equals(e.country) && interactive == e.interactive && props.equals(e.props)
        && timestamp.equals(e.timestamp) && Objects.equals(revenue, e.revenue)
        && scrollDepth == e.scrollDepth && engagedTime.equals(e.engagedTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, siteId, name, pathname, visitorId, sessionId, timestamp);
  }

  @Override
  public String toString() {
    return "Event{id=" + id + ", siteId=" + siteId + ", name=" + name + ", pathname=" + pathname
        + ", sessionId=" + sessionId + ", timestamp=" + timestamp + "}";
  }

  /**
   * Builds an {@link Event}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private Long id;
    private String siteId;
    private EventType type;
    private String name = "";
    private String hostname = "";
    private String pathname = "/";
    private String referrer = "";
    private String referrerSource = "";
    private Utm utm = Utm.NONE;
    private long visitorId;
    private long sessionId;
    private String browser = "";
    private String browserVersion = "";
    private String os = "";
    private String osVersion = "";
    private String deviceType = "";
    private String country = "";
    private boolean interactive = true;
    private Map<String, String> props = Map.of();
    private Instant timestamp;
    private Revenue revenue;
    private int scrollDepth;
    private Duration engagedTime = Duration.ZERO;

    private Builder() {}

    private Builder(Event e) {
      id = e.id;
      siteId = e.siteId;
      type = e.type;
      name = e.name;
      hostname = e.hostname;
      pathname = e.pathname;
      referrer = e.referrer;
      referrerSource = e.referrerSource;
      utm = e.utm;
      visitorId = e.visitorId;
      sessionId = e.sessionId;
      browser = e.browser;
      browserVersion = e.browserVersion;
      os = e.os;
      osVersion = e.osVersion;
      deviceType = e.deviceType;
      country = e.country;
      interactive = e.interactive;
      props = e.props;
      timestamp = e.timestamp;
      revenue = e.revenue;
      scrollDepth = e.scrollDepth;
      engagedTime = e.engagedTime;
    }

    public Builder id(Long id) {
      this.id = id;
      return this;
    }

    public Builder siteId(String siteId) {
      this.siteId = Objects.requireNonNull(siteId, "siteId");
      return this;
    }

    public Builder type(EventType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    public Builder name(String name) {
      this.name = text(name);
      return this;
    }

    public Builder hostname(String hostname) {
      this.hostname = text(hostname);
      return this;
    }

    public Builder pathname(String pathname) {
      this.pathname = text(pathname);
      return this;
    }

    public Builder referrer(String referrer) {
      this.referrer = text(referrer);
      return this;
    }

    public Builder referrerSource(String referrerSource) {
      this.referrerSource = text(referrerSource);
      return this;
    }

    public Builder utm(Utm utm) {
      this.utm = Objects.requireNonNull(utm, "utm");
      return this;
    }

    public Builder visitorId(long visitorId) {
      this.visitorId = visitorId;
      return this;
    }

    public Builder sessionId(long sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    public Builder browser(String browser) {
      this.browser = text(browser);
      return this;
    }

    public Builder browserVersion(String browserVersion) {
      this.browserVersion = text(browserVersion);
      return this;
    }

    public Builder os(String os) {
      this.os = text(os);
      return this;
    }

    public Builder osVersion(String osVersion) {
      this.osVersion = text(osVersion);
      return this;
    }

    public Builder deviceType(String deviceType) {
      this.deviceType = text(deviceType);
      return this;
    }

    public Builder country(String country) {
      this.country = text(country);
      return this;
    }

    public Builder interactive(boolean interactive) {
      this.interactive = interactive;
      return this;
    }

    public Builder props(Map<String, String> props) {
      this.props = Objects.requireNonNull(props, "props");
      return this;
    }

    public Builder timestamp(Instant timestamp) {
      this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
      return this;
    }

    /**
     * Sets the revenue the event brought; {@code null} means none.
     *
     * @since 0.3
     */
    public Builder revenue(Revenue revenue) {
      this.revenue = revenue;
      return this;
    }

    /**
     * Sets an engagement's deepest scroll in percent.
     *
     * @throws IllegalArgumentException if it is not between 0 and 100
     * @since 0.3
     */
    public Builder scrollDepth(int scrollDepth) {
      if (scrollDepth < 0 || scrollDepth > 100) {
        throw new IllegalArgumentException("scrollDepth must be between 0 and 100 but was "
            + scrollDepth);
      }
      this.scrollDepth = scrollDepth;
      return this;
    }

    /**
     * Sets an engagement's engaged time, truncated to milliseconds.
     *
     * @throws IllegalArgumentException if it is negative
     * @since 0.3
     */
    public Builder engagedTime(Duration engagedTime) {
      Objects.requireNonNull(engagedTime, "engagedTime");
      if (engagedTime.isNegative()) {
        throw new IllegalArgumentException("engagedTime must not be negative but was "
            + engagedTime);
      }
      this.engagedTime = Duration.ofMillis(engagedTime.toMillis());
      return this;
    }

    /**
     * Builds the event.
     *
     * @throws NullPointerException if the site id, type or timestamp is missing
     */
    public Event build() {
      return new Event(this);
    }

    private static String text(String value) {
      return value == null ? "" : value;
    }
  }
}
