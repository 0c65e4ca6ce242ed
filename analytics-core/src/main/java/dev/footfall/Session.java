package dev.footfall;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A visit: one visitor's events on one site until the session timeout (30 minutes by default)
 * passes without an event. The first event fixes the source, UTM parameters, country and device.
 *
 * <p>A session is a <em>bounce</em> when it has fewer than two pageviews and no interactive custom
 * event. Its duration is the time between its first and its last event.
 *
 * <p>Instances are immutable snapshots and thread-safe.
 *
 * @since 0.1
 */
public final class Session {
  /** The longest {@link #owner()}. */
  public static final int MAX_OWNER_LENGTH = 64;

  private final String siteId;
  private final long sessionId;
  private final long visitorId;
  private final String entryPage;
  private final String exitPage;
  private final int pageviews;
  private final int events;
  private final boolean bounce;
  private final String referrer;
  private final String referrerSource;
  private final Utm utm;
  private final String country;
  private final String deviceType;
  private final String browser;
  private final String os;
  private final Instant startedAt;
  private final Instant lastActivityAt;
  private final Instant endedAt;
  private final String owner;

  private Session(Builder b) {
    this.siteId = Objects.requireNonNull(b.siteId, "siteId");
    this.sessionId = b.sessionId;
    this.visitorId = b.visitorId;
    this.entryPage = b.entryPage;
    this.exitPage = b.exitPage;
    this.pageviews = b.pageviews;
    this.events = b.events;
    this.bounce = b.bounce;
    this.referrer = b.referrer;
    this.referrerSource = b.referrerSource;
    this.utm = b.utm;
    this.country = b.country;
    this.deviceType = b.deviceType;
    this.browser = b.browser;
    this.os = b.os;
    this.startedAt = Objects.requireNonNull(b.startedAt, "startedAt");
    this.lastActivityAt = Objects.requireNonNull(b.lastActivityAt, "lastActivityAt");
    this.endedAt = b.endedAt;
    this.owner = b.owner;
  }

  /** Starts a session snapshot. */
  public static Builder builder(String siteId, long sessionId, long visitorId) {
    Builder b = new Builder();
    b.siteId = Objects.requireNonNull(siteId, "siteId");
    b.sessionId = sessionId;
    b.visitorId = visitorId;
    return b;
  }

  /** Returns a builder initialised with this session's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public String siteId() {
    return siteId;
  }

  public long sessionId() {
    return sessionId;
  }

  public long visitorId() {
    return visitorId;
  }

  /** Returns the path of the session's first pageview, or empty if it has none. */
  public String entryPage() {
    return entryPage;
  }

  /** Returns the path of the session's last pageview, or empty if it has none. */
  public String exitPage() {
    return exitPage;
  }

  public int pageviews() {
    return pageviews;
  }

  /** Returns the number of events of any type. */
  public int events() {
    return events;
  }

  /** Returns whether the session is a bounce (see the class documentation). */
  public boolean bounce() {
    return bounce;
  }

  /**
   * Returns the time from the first to the last event, in whole seconds, even for a bounce (the
   * {@code visit_duration} metric counts a bounce as 0; that is the report's rule, not the
   * session's).
   */
  public long durationSeconds() {
    return Duration.between(startedAt, lastActivityAt).toSeconds();
  }

  public String referrer() {
    return referrer;
  }

  public String referrerSource() {
    return referrerSource;
  }

  public Utm utm() {
    return utm;
  }

  public String country() {
    return country;
  }

  public String deviceType() {
    return deviceType;
  }

  public String browser() {
    return browser;
  }

  public String os() {
    return os;
  }

  /** Returns the time of the first event. */
  public Instant startedAt() {
    return startedAt;
  }

  /** Returns the time of the last event. */
  public Instant lastActivityAt() {
    return lastActivityAt;
  }

  /** Returns when the session was finalized, or empty while it may still continue. */
  public Optional<Instant> endedAt() {
    return Optional.ofNullable(endedAt);
  }

  /**
   * Returns the id of the Footfall instance that holds the session open in memory and continues
   * it, or an empty string if none is known (a session stored before 0.3). Another instance on the
   * same database takes an open session over only once its owner is gone (see {@code
   * Analytics}).
   *
   * @since 0.3
   */
  public String owner() {
    return owner;
  }

  /**
   * Tells whether {@code a} is a strictly newer snapshot of a session than {@code b}: its last event
   * is later, or as late with more events. A store keeps the newer of two snapshots of one session
   * ({@link dev.footfall.spi.Storage#write}), and SQL stores apply the same rule at their columns'
   * precision (milliseconds on H2 and MariaDB).
   *
   * @since 0.2
   */
  public static boolean isNewer(Session a, Session b) {
    int byActivity = a.lastActivityAt.compareTo(b.lastActivityAt);
    return byActivity > 0 || (byActivity == 0 && a.events > b.events);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Session)) {
      return false;
    }
    Session s = (Session) o;
    return siteId.equals(s.siteId) && sessionId == s.sessionId && visitorId == s.visitorId
        && entryPage.equals(s.entryPage) && exitPage.equals(s.exitPage)
        && pageviews == s.pageviews && events == s.events && bounce == s.bounce
        && referrer.equals(s.referrer) && referrerSource.equals(s.referrerSource)
        && utm.equals(s.utm) && country.equals(s.country) && deviceType.equals(s.deviceType)
        && browser.equals(s.browser) && os.equals(s.os) && startedAt.equals(s.startedAt)
        && lastActivityAt.equals(s.lastActivityAt) && Objects.equals(endedAt, s.endedAt)
        && owner.equals(s.owner);
  }

  @Override
  public int hashCode() {
    return Objects.hash(siteId, sessionId, pageviews, events, lastActivityAt);
  }

  @Override
  public String toString() {
    return "Session{siteId=" + siteId + ", sessionId=" + sessionId + ", pageviews=" + pageviews
        + ", events=" + events + ", bounce=" + bounce + ", startedAt=" + startedAt
        + ", lastActivityAt=" + lastActivityAt + ", endedAt=" + endedAt + ", owner=" + owner
        + "}";
  }

  /**
   * Builds a {@link Session}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private String siteId;
    private long sessionId;
    private long visitorId;
    private String entryPage = "";
    private String exitPage = "";
    private int pageviews;
    private int events;
    private boolean bounce = true;
    private String referrer = "";
    private String referrerSource = "";
    private Utm utm = Utm.NONE;
    private String country = "";
    private String deviceType = "";
    private String browser = "";
    private String os = "";
    private Instant startedAt;
    private Instant lastActivityAt;
    private Instant endedAt;
    private String owner = "";

    private Builder() {}

    private Builder(Session s) {
      siteId = s.siteId;
      sessionId = s.sessionId;
      visitorId = s.visitorId;
      entryPage = s.entryPage;
      exitPage = s.exitPage;
      pageviews = s.pageviews;
      events = s.events;
      bounce = s.bounce;
      referrer = s.referrer;
      referrerSource = s.referrerSource;
      utm = s.utm;
      country = s.country;
      deviceType = s.deviceType;
      browser = s.browser;
      os = s.os;
      startedAt = s.startedAt;
      lastActivityAt = s.lastActivityAt;
      endedAt = s.endedAt;
      owner = s.owner;
    }

    public Builder entryPage(String entryPage) {
      this.entryPage = Objects.requireNonNull(entryPage, "entryPage");
      return this;
    }

    public Builder exitPage(String exitPage) {
      this.exitPage = Objects.requireNonNull(exitPage, "exitPage");
      return this;
    }

    public Builder pageviews(int pageviews) {
      this.pageviews = pageviews;
      return this;
    }

    public Builder events(int events) {
      this.events = events;
      return this;
    }

    public Builder bounce(boolean bounce) {
      this.bounce = bounce;
      return this;
    }

    public Builder referrer(String referrer) {
      this.referrer = Objects.requireNonNull(referrer, "referrer");
      return this;
    }

    public Builder referrerSource(String referrerSource) {
      this.referrerSource = Objects.requireNonNull(referrerSource, "referrerSource");
      return this;
    }

    public Builder utm(Utm utm) {
      this.utm = Objects.requireNonNull(utm, "utm");
      return this;
    }

    public Builder country(String country) {
      this.country = Objects.requireNonNull(country, "country");
      return this;
    }

    public Builder deviceType(String deviceType) {
      this.deviceType = Objects.requireNonNull(deviceType, "deviceType");
      return this;
    }

    public Builder browser(String browser) {
      this.browser = Objects.requireNonNull(browser, "browser");
      return this;
    }

    public Builder os(String os) {
      this.os = Objects.requireNonNull(os, "os");
      return this;
    }

    public Builder startedAt(Instant startedAt) {
      this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
      return this;
    }

    public Builder lastActivityAt(Instant lastActivityAt) {
      this.lastActivityAt = Objects.requireNonNull(lastActivityAt, "lastActivityAt");
      return this;
    }

    /** Sets when the session was finalized; {@code null} while it may continue. */
    public Builder endedAt(Instant endedAt) {
      this.endedAt = endedAt;
      return this;
    }

    /**
     * Sets the id of the instance that holds the session open (default: none, an empty string).
     *
     * @throws IllegalArgumentException if longer than {@value Session#MAX_OWNER_LENGTH} characters
     * @since 0.3
     */
    public Builder owner(String owner) {
      Objects.requireNonNull(owner, "owner");
      if (owner.length() > MAX_OWNER_LENGTH) {
        throw new IllegalArgumentException("owner must be at most " + MAX_OWNER_LENGTH
            + " characters but was " + owner.length());
      }
      this.owner = owner;
      return this;
    }

    /**
     * Builds the session.
     *
     * @throws NullPointerException if the start or last-activity time is missing
     */
    public Session build() {
      return new Session(this);
    }
  }
}
