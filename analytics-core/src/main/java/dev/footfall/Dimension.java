package dev.footfall;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a report can be broken down by or filtered on. Page, event name and custom props are
 * properties of each event; entry and exit page, source, referrer and UTM fields are properties of
 * the visit (fixed by its first event); country, device type, browser and OS are read from each
 * event, which carries the same values as its visit.
 *
 * <p>Instances are immutable.
 *
 * @since 0.1
 */
public final class Dimension {
  /** The kinds of dimension; each but {@link #PROP} has one instance. */
  public enum Kind {
    PAGE, ENTRY_PAGE, EXIT_PAGE, SOURCE, REFERRER, UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN,
    UTM_CONTENT, UTM_TERM, COUNTRY, DEVICE, BROWSER, OS, EVENT_NAME, GOAL, PROP;

    /** Returns whether values of this kind belong to the visit rather than to each event. */
    public boolean ofVisit() {
      return switch (this) {
        case ENTRY_PAGE, EXIT_PAGE, SOURCE, REFERRER, UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN,
            UTM_CONTENT, UTM_TERM -> true;
        default -> false;
      };
    }

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The event's page path. */
  public static final Dimension PAGE = new Dimension(Kind.PAGE, "");
  /** The visit's first page. */
  public static final Dimension ENTRY_PAGE = new Dimension(Kind.ENTRY_PAGE, "");
  /** The visit's last page. */
  public static final Dimension EXIT_PAGE = new Dimension(Kind.EXIT_PAGE, "");
  /** The visit's source, such as {@code Google}; empty is {@code Direct / None}. */
  public static final Dimension SOURCE = new Dimension(Kind.SOURCE, "");
  /** The visit's referrer, host and path. */
  public static final Dimension REFERRER = new Dimension(Kind.REFERRER, "");
  /** The visit's {@code utm_source}. */
  public static final Dimension UTM_SOURCE = new Dimension(Kind.UTM_SOURCE, "");
  /** The visit's {@code utm_medium}. */
  public static final Dimension UTM_MEDIUM = new Dimension(Kind.UTM_MEDIUM, "");
  /** The visit's {@code utm_campaign}. */
  public static final Dimension UTM_CAMPAIGN = new Dimension(Kind.UTM_CAMPAIGN, "");
  /** The visit's {@code utm_content}. */
  public static final Dimension UTM_CONTENT = new Dimension(Kind.UTM_CONTENT, "");
  /** The visit's {@code utm_term}. */
  public static final Dimension UTM_TERM = new Dimension(Kind.UTM_TERM, "");
  /** The ISO 3166-1 alpha-2 country code. */
  public static final Dimension COUNTRY = new Dimension(Kind.COUNTRY, "");
  /** The device type: {@code desktop}, {@code mobile}, {@code tablet} or another. */
  public static final Dimension DEVICE = new Dimension(Kind.DEVICE, "");
  /** The browser name. */
  public static final Dimension BROWSER = new Dimension(Kind.BROWSER, "");
  /** The operating system name. */
  public static final Dimension OS = new Dimension(Kind.OS, "");
  /** The event name ({@code pageview} for pageviews). */
  public static final Dimension EVENT_NAME = new Dimension(Kind.EVENT_NAME, "");
  /**
   * The site's {@linkplain Goal goals} an event converts, by name: a filter on it selects the
   * events that convert one of the named goals, a breakdown by it counts each goal's conversions
   * ({@link Reports#goals}). {@link Reports} resolves it to conditions on the event; stores never
   * see it.
   */
  public static final Dimension GOAL = new Dimension(Kind.GOAL, "");

  private static final String PROP_PREFIX = "prop:";
  private static final String KEYS = Arrays.stream(Kind.values())
      .map(kind -> kind == Kind.PROP ? PROP_PREFIX + "<key>" : kind.key())
      .collect(Collectors.joining(", "));

  private final Kind kind;
  private final String propKey;

  private Dimension(Kind kind, String propKey) {
    this.kind = kind;
    this.propKey = propKey;
  }

  /**
   * Returns the dimension of a custom prop.
   *
   * @throws IllegalArgumentException if the key is blank or longer than 300 characters
   */
  public static Dimension prop(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isBlank() || key.length() > 300) {
      throw new IllegalArgumentException("prop key must be 1 to 300 characters but was '" + key
          + "'");
    }
    return new Dimension(Kind.PROP, key);
  }

  /**
   * Returns the dimension with this {@linkplain #key() key}: {@code page}, {@code entry_page},
   * {@code exit_page}, {@code source}, {@code referrer}, {@code utm_source}, {@code utm_medium},
   * {@code utm_campaign}, {@code utm_content}, {@code utm_term}, {@code country}, {@code device},
   * {@code browser}, {@code os}, {@code event_name}, {@code goal} or {@code prop:<key>}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public static Dimension fromKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.startsWith(PROP_PREFIX)) {
      return prop(key.substring(PROP_PREFIX.length()));
    }
    for (Kind kind : Kind.values()) {
      if (kind != Kind.PROP && kind.key().equals(key)) {
        return new Dimension(kind, "");
      }
    }
    throw new IllegalArgumentException("dimension must be one of " + KEYS + " but was '" + key
        + "'");
  }

  /** Returns what kind of dimension this is. */
  public Kind kind() {
    return kind;
  }

  /** Returns the prop key of a {@link Kind#PROP} dimension, or {@code ""}. */
  public String propKey() {
    return propKey;
  }

  /** Returns the name used in JSON and query strings, such as {@code page} or {@code prop:plan}. */
  public String key() {
    return kind == Kind.PROP ? PROP_PREFIX + propKey : kind.key();
  }

  /**
   * Returns the event's value of this dimension ({@code ""} when empty): a visit dimension's from
   * the event's stored session, a prop's from the event's props.
   *
   * @param session the event's stored session, or null if it is not stored
   * @return the value, or null for a visit dimension without a stored session
   * @throws IllegalStateException for {@link #GOAL}, which is not a value of the event
   */
  public String valueOf(Event event, Session session) {
    if (kind.ofVisit()) {
      return session == null ? null : valueOf(session);
    }
    return switch (kind) {
      case PAGE -> event.pathname();
      case EVENT_NAME -> event.name();
      case PROP -> event.props().getOrDefault(propKey, "");
      case COUNTRY -> event.country();
      case DEVICE -> event.deviceType();
      case BROWSER -> event.browser();
      case OS -> event.os();
      case GOAL -> throw new IllegalStateException("goal is resolved to conditions by Reports");
      default -> throw new AssertionError(kind);
    };
  }

  /**
   * Returns the visit's value of this {@linkplain Kind#ofVisit() visit dimension} ({@code ""} when
   * empty).
   *
   * @param session a stored session
   * @throws IllegalStateException if this is not a visit dimension
   */
  public String valueOf(Session session) {
    Objects.requireNonNull(session, "session");
    return switch (kind) {
      case ENTRY_PAGE -> session.entryPage();
      case EXIT_PAGE -> session.exitPage();
      case SOURCE -> session.referrerSource();
      case REFERRER -> session.referrer();
      case UTM_SOURCE -> session.utm().source();
      case UTM_MEDIUM -> session.utm().medium();
      case UTM_CAMPAIGN -> session.utm().campaign();
      case UTM_CONTENT -> session.utm().content();
      case UTM_TERM -> session.utm().term();
      default -> throw new IllegalStateException(key() + " is not a visit dimension");
    };
  }

  /**
   * Returns how reports show an empty value: {@code Direct / None} for sources, {@code (none)}
   * otherwise. Filters accept this label to match empty values.
   */
  public String emptyLabel() {
    return kind == Kind.SOURCE ? "Direct / None" : "(none)";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dimension other && kind == other.kind && propKey.equals(other.propKey);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + propKey.hashCode();
  }

  @Override
  public String toString() {
    return key();
  }
}
