package dev.footfall;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One event to record: a pageview or a custom event on a site, with where it came from; or an
 * {@linkplain EventType#ENGAGEMENT engagement} with a page, which is not an event.
 *
 * <p>Build one with {@link #pageview(String, String)}, {@link #event(String, String, String)},
 * {@link #engagement(String, String, int, Duration)} or {@link #builder(String)}. {@link
 * Builder#build()} enforces the input limits and reports every violation at once with an {@link
 * InvalidTrackRequestException}. Some input is repaired rather than refused, as Plausible does: a
 * referrer is truncated to {@value #MAX_REFERRER_LENGTH} characters, props past the first {@value
 * #MAX_PROPS} are dropped, and blank, {@code null}, list and map prop values are dropped; other
 * prop values are converted to strings. NUL characters, which some databases cannot store, are
 * removed from all text.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TrackRequest {
  /** The longest allowed custom event name, in characters. */
  public static final int MAX_NAME_LENGTH = 120;
  /** The longest allowed URL, in UTF-8 bytes. */
  public static final int MAX_URL_BYTES = 2_000;
  /** Referrers longer than this many characters are truncated. */
  public static final int MAX_REFERRER_LENGTH = 2_000;
  /** Props past this many are dropped. */
  public static final int MAX_PROPS = 30;
  /** The longest allowed prop key, in UTF-8 bytes. */
  public static final int MAX_PROP_KEY_BYTES = 300;
  /** The longest allowed prop value, in UTF-8 bytes. */
  public static final int MAX_PROP_VALUE_BYTES = 2_000;
  /** The longest allowed site id, in characters. */
  public static final int MAX_SITE_ID_LENGTH = 100;
  /** The longest allowed client-supplied visitor id, in characters. */
  public static final int MAX_VISITOR_ID_LENGTH = 200;
  /**
   * An engagement's engaged time is cut to this, so that no client can swell a page's sums.
   *
   * @since 0.3
   */
  public static final Duration MAX_ENGAGED_TIME = Duration.ofHours(24);

  private final String siteId;
  private final EventType type;
  private final String name;
  private final String url;
  private final String referrer;
  private final Map<String, String> props;
  private final boolean interactive;
  private final Instant timestamp;
  private final String visitorId;
  private final Revenue revenue;
  private final int scrollDepth;
  private final Duration engagedTime;
  private final RequestContext context;

  private TrackRequest(Builder builder, Map<String, String> props, String referrer) {
    this.siteId = builder.siteId;
    this.type = builder.type;
    this.name = switch (builder.type) {
      case PAGEVIEW -> "pageview";
      case ENGAGEMENT -> "engagement";
      case CUSTOM_EVENT -> builder.name.strip();
    };
    this.url = builder.url.strip();
    this.referrer = referrer;
    this.props = props;
    this.interactive = builder.interactive;
    this.timestamp = builder.timestamp;
    this.visitorId = builder.visitorId;
    this.revenue = builder.revenue;
    this.scrollDepth = Math.max(0, Math.min(100, builder.scrollDepth));
    this.engagedTime = builder.engagedTime.isNegative() ? Duration.ZERO
        : builder.engagedTime.compareTo(MAX_ENGAGED_TIME) > 0 ? MAX_ENGAGED_TIME
        : Duration.ofMillis(builder.engagedTime.toMillis());
    this.context = builder.context;
  }

  /** Starts a pageview of {@code url} (an absolute URL, or a path starting with {@code /}). */
  public static Builder pageview(String siteId, String url) {
    return builder(siteId).type(EventType.PAGEVIEW).url(url);
  }

  /** Starts a custom event called {@code name} that happened on {@code url}. */
  public static Builder event(String siteId, String name, String url) {
    return builder(siteId).type(EventType.CUSTOM_EVENT).name(name).url(url);
  }

  /**
   * Starts an engagement with the page {@code url}: the deepest the visitor scrolled it, in percent
   * of its height, and how long they engaged with it since their previous engagement there (what
   * Plausible's tracker sends as {@code sd} and {@code e}). A scroll depth outside 0 to 100 is
   * moved into it, a negative engaged time counts as zero and one past {@link #MAX_ENGAGED_TIME}
   * as that.
   *
   * @since 0.3
   */
  public static Builder engagement(String siteId, String url, int scrollDepth,
      Duration engagedTime) {
    return builder(siteId).type(EventType.ENGAGEMENT).url(url).scrollDepth(scrollDepth)
        .engagedTime(engagedTime);
  }

  /** Starts a request for a site with nothing else set; the type defaults to a pageview. */
  public static Builder builder(String siteId) {
    return new Builder(Objects.requireNonNull(siteId, "siteId"));
  }

  /** Returns the site's id. */
  public String siteId() {
    return siteId;
  }

  /** Returns whether this is a pageview or a custom event. */
  public EventType type() {
    return type;
  }

  /** Returns the event name: {@code pageview} for pageviews. */
  public String name() {
    return name;
  }

  /** Returns the page's URL, or its path when only a path was given. */
  public String url() {
    return url;
  }

  /** Returns the referrer as sent (truncated), or an empty string. */
  public String referrer() {
    return referrer;
  }

  /** Returns the custom properties, in the order given; never {@code null}. */
  public Map<String, String> props() {
    return props;
  }

  /**
   * Returns whether a custom event counts as an interaction: a visit with one pageview and an
   * interactive custom event is not a bounce. Always {@code true} for pageviews.
   */
  public boolean interactive() {
    return interactive;
  }

  /** Returns the time the event happened, when the caller set one (for imports). */
  public Optional<Instant> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  /**
   * Returns the visitor id the client supplied (the legacy tracking format), if any. It is hashed
   * with the site before it is stored.
   */
  public Optional<String> visitorId() {
    return Optional.ofNullable(visitorId);
  }

  /**
   * Returns the revenue the custom event brought, if the caller set one.
   *
   * @since 0.3
   */
  public Optional<Revenue> revenue() {
    return Optional.ofNullable(revenue);
  }

  /**
   * Returns an engagement's deepest scroll, 0 to 100 percent; 0 for other requests.
   *
   * @since 0.3
   */
  public int scrollDepth() {
    return scrollDepth;
  }

  /**
   * Returns an engagement's engaged time, in whole milliseconds; zero for other requests.
   *
   * @since 0.3
   */
  public Duration engagedTime() {
    return engagedTime;
  }

  /** Returns where the request came from. */
  public RequestContext context() {
    return context;
  }

  @Override
  public String toString() {
    return "TrackRequest{siteId=" + siteId + ", type=" + type.wireName() + ", name=" + name + ", url="
        + url + "}";
  }

  /**
   * Builds a {@link TrackRequest}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final String siteId;
    private EventType type = EventType.PAGEVIEW;
    private String name = "";
    private String url = "";
    private String referrer = "";
    private final Map<String, Object> props = new LinkedHashMap<>();
    private boolean interactive = true;
    private Instant timestamp;
    private String visitorId;
    private Revenue revenue;
    private int scrollDepth;
    private Duration engagedTime = Duration.ZERO;
    private RequestContext context = RequestContext.none();

    private Builder(String siteId) {
      this.siteId = withoutNul(siteId).strip();
    }

    /** Sets the event type. */
    public Builder type(EventType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /** Sets a custom event's name, at most {@value #MAX_NAME_LENGTH} characters. */
    public Builder name(String name) {
      this.name = withoutNul(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** Sets the page's URL (at most {@value #MAX_URL_BYTES} bytes), or just its path. */
    public Builder url(String url) {
      this.url = withoutNul(Objects.requireNonNull(url, "url"));
      return this;
    }

    /** Sets the referrer; {@code null} or blank means none. */
    public Builder referrer(String referrer) {
      this.referrer = referrer == null ? "" : withoutNul(referrer);
      return this;
    }

    /** Adds a custom property; see the class documentation for how values are converted. */
    public Builder prop(String key, Object value) {
      props.put(withoutNul(Objects.requireNonNull(key, "key")),
          value instanceof String ? withoutNul((String) value) : value);
      return this;
    }

    /** Adds custom properties; see the class documentation for how values are converted. */
    public Builder props(Map<String, ?> props) {
      Objects.requireNonNull(props, "props").forEach(this::prop);
      return this;
    }

    /** Sets whether a custom event counts as an interaction for the bounce rate (default yes). */
    public Builder interactive(boolean interactive) {
      this.interactive = interactive;
      return this;
    }

    /** Sets when the event happened, for imports; by default it is the tracker clock's now. */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
      return this;
    }

    /** Sets a visitor id supplied by the client; {@code null} or blank means none. */
    public Builder visitorId(String visitorId) {
      this.visitorId = visitorId == null || visitorId.isBlank() ? null : visitorId.strip();
      return this;
    }

    /**
     * Sets the revenue a custom event brought (default none; {@code null} means none). A pageview
     * cannot carry revenue.
     *
     * @since 0.3
     */
    public Builder revenue(Revenue revenue) {
      this.revenue = revenue;
      return this;
    }

    /**
     * Sets an engagement's deepest scroll in percent (default 0); a value outside 0 to 100 is moved
     * into it.
     *
     * @since 0.3
     */
    public Builder scrollDepth(int scrollDepth) {
      this.scrollDepth = scrollDepth;
      return this;
    }

    /**
     * Sets an engagement's engaged time (default zero); a negative one counts as zero, one past
     * {@link #MAX_ENGAGED_TIME} as that.
     *
     * @since 0.3
     */
    public Builder engagedTime(Duration engagedTime) {
      this.engagedTime = Objects.requireNonNull(engagedTime, "engagedTime");
      return this;
    }

    /** Sets where the request came from; by default {@link RequestContext#none()}. */
    public Builder context(RequestContext context) {
      this.context = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * Validates and builds the request.
     *
     * @throws InvalidTrackRequestException listing every field that breaks a limit
     */
    public TrackRequest build() {
      Map<String, List<String>> violations = new LinkedHashMap<>();
      if (siteId.isEmpty()) {
        violation(violations, "site_id", "site id is required");
      } else if (siteId.length() > MAX_SITE_ID_LENGTH) {
        violation(violations, "site_id", "site id must be at most " + MAX_SITE_ID_LENGTH
            + " characters but was " + siteId.length());
      }
      validateName(violations);
      validateUrl(violations);
      if (visitorId != null && visitorId.length() > MAX_VISITOR_ID_LENGTH) {
        violation(violations, "visitor_id", "visitor id must be at most " + MAX_VISITOR_ID_LENGTH
            + " characters but was " + visitorId.length());
      }
      if (revenue != null && type != EventType.CUSTOM_EVENT) {
        violation(violations, "revenue", "revenue is for custom events, not "
            + (type == EventType.PAGEVIEW ? "pageviews" : "engagements"));
      }
      Map<String, String> cleanProps = cleanProps(violations);
      if (!violations.isEmpty()) {
        throw new InvalidTrackRequestException(violations);
      }
      String cleanReferrer = referrer.strip();
      if (cleanReferrer.length() > MAX_REFERRER_LENGTH) {
        cleanReferrer = cleanReferrer.substring(0, MAX_REFERRER_LENGTH);
      }
      return new TrackRequest(this, cleanProps, cleanReferrer);
    }

    private void validateName(Map<String, List<String>> violations) {
      String stripped = name.strip();
      if (type != EventType.CUSTOM_EVENT) {
        String fixed = type.wireName();
        if (!stripped.isEmpty() && !stripped.equals(fixed)) {
          violation(violations, "name", "a" + (type == EventType.PAGEVIEW ? " pageview" : "n "
              + fixed) + "'s name must be '" + fixed + "' but was '" + abbreviate(stripped) + "'");
        }
      } else if (stripped.isEmpty()) {
        violation(violations, "name", "name is required for a custom event");
      } else if (stripped.length() > MAX_NAME_LENGTH) {
        violation(violations, "name", "name must be at most " + MAX_NAME_LENGTH
            + " characters but was " + stripped.length());
      }
    }

    private void validateUrl(Map<String, List<String>> violations) {
      String stripped = url.strip();
      int bytes = stripped.getBytes(UTF_8).length;
      if (stripped.isEmpty()) {
        violation(violations, "url", "url is required");
      } else if (bytes > MAX_URL_BYTES) {
        violation(violations, "url", "url must be at most " + MAX_URL_BYTES + " bytes but was "
            + bytes);
      } else if (stripped.toLowerCase(Locale.ROOT).startsWith("data:")) {
        violation(violations, "url", "url must not be a data: URL");
      } else if (!stripped.startsWith("/") && !stripped.contains("://")) {
        violation(violations, "url", "url must be an absolute URL or a path starting with '/' but was '"
            + abbreviate(stripped) + "'");
      }
    }

    private Map<String, String> cleanProps(Map<String, List<String>> violations) {
      Map<String, String> clean = new LinkedHashMap<>();
      for (Map.Entry<String, Object> prop : props.entrySet()) {
        String key = prop.getKey().strip();
        String value = stringValue(prop.getValue());
        if (key.isEmpty() || value == null || clean.size() == MAX_PROPS) {
          continue;
        }
        int keyBytes = key.getBytes(UTF_8).length;
        int valueBytes = value.getBytes(UTF_8).length;
        if (keyBytes > MAX_PROP_KEY_BYTES) {
          violation(violations, "props", "prop key '" + abbreviate(key) + "' must be at most "
              + MAX_PROP_KEY_BYTES + " bytes but was " + keyBytes);
        } else if (valueBytes > MAX_PROP_VALUE_BYTES) {
          violation(violations, "props", "value of prop '" + key + "' must be at most "
              + MAX_PROP_VALUE_BYTES + " bytes but was " + valueBytes);
        } else {
          clean.put(key, value);
        }
      }
      // Most requests have none: no map of their own, for the requests held in the buffer.
      return clean.isEmpty() ? Map.of() : Collections.unmodifiableMap(clean);
    }

    /** Returns the prop value as a string, or {@code null} when the value is to be dropped. */
    private static String stringValue(Object value) {
      if (value == null || value instanceof Collection || value instanceof Map
          || value.getClass().isArray()) {
        return null;
      }
      String text = value.toString();
      return text.isBlank() ? null : text;
    }

    private static String withoutNul(String text) {
      return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }

    private static void violation(Map<String, List<String>> violations, String field, String message) {
      violations.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    private static String abbreviate(String text) {
      return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
  }
}
