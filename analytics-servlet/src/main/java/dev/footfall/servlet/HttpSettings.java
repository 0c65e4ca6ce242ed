package dev.footfall.servlet;

import dev.footfall.internal.HeapShare;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How Footfall's HTTP endpoints behave: which proxies to trust for the client's address and
 * country, the body limit, the per-client rate limit, and optional server-side pageview tracking
 * in {@link AnalyticsFilter}. Immutable; built with {@link #builder()}.
 *
 * @since 0.1
 */
public final class HttpSettings {
  private final List<IpRange> trustedProxies;
  private final String clientIpHeader;
  private final List<String> countryHeaders;
  private final int maxBodyBytes;
  private final long rateLimit;
  private final Duration rateLimitPeriod;
  private final int maxRateLimitedClients;
  private final Duration maxBackpressureWait;
  private final boolean honourDoNotTrack;
  private final String serverSidePageviewSite;
  private final List<PathPattern> includePaths;
  private final List<PathPattern> excludePaths;
  private final Authenticator authenticator;

  private HttpSettings(Builder b) {
    this.trustedProxies = List.copyOf(b.trustedProxies);
    this.clientIpHeader = b.clientIpHeader;
    this.countryHeaders = List.copyOf(b.countryHeaders);
    this.maxBodyBytes = b.maxBodyBytes;
    this.rateLimit = b.rateLimit;
    this.rateLimitPeriod = b.rateLimitPeriod;
    this.maxRateLimitedClients = b.maxRateLimitedClients;
    this.maxBackpressureWait = b.maxBackpressureWait;
    this.honourDoNotTrack = b.honourDoNotTrack;
    this.serverSidePageviewSite = b.serverSidePageviewSite;
    this.includePaths = List.copyOf(b.includePaths);
    this.excludePaths = List.copyOf(b.excludePaths);
    this.authenticator = b.authenticator;
  }

  /** Returns the default settings: no trusted proxy, 64 KiB bodies, 120 requests a minute per IP. */
  public static HttpSettings defaults() {
    return builder().build();
  }

  /** Starts a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  List<IpRange> trustedProxies() {
    return trustedProxies;
  }

  String clientIpHeader() {
    return clientIpHeader;
  }

  List<String> countryHeaders() {
    return countryHeaders;
  }

  /** Returns the admin API's authenticator, or {@code null} when the admin API is disabled. */
  Authenticator authenticator() {
    return authenticator;
  }

  int maxBodyBytes() {
    return maxBodyBytes;
  }

  long rateLimit() {
    return rateLimit;
  }

  Duration rateLimitPeriod() {
    return rateLimitPeriod;
  }

  int maxRateLimitedClients() {
    return maxRateLimitedClients;
  }

  Duration maxBackpressureWait() {
    return maxBackpressureWait;
  }

  boolean honourDoNotTrack() {
    return honourDoNotTrack;
  }

  String serverSidePageviewSite() {
    return serverSidePageviewSite;
  }

  /** Returns whether server-side tracking covers this path: included (or no includes), not excluded. */
  boolean tracksPathServerSide(String path) {
    boolean included = includePaths.isEmpty()
        || includePaths.stream().anyMatch(p -> p.matches(path));
    return included && excludePaths.stream().noneMatch(p -> p.matches(path));
  }

  /**
   * Builds {@link HttpSettings}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final List<IpRange> trustedProxies = new ArrayList<>();
    private String clientIpHeader;
    private final List<String> countryHeaders = new ArrayList<>();
    private int maxBodyBytes = 64 * 1024;
    private long rateLimit = 120;
    private Duration rateLimitPeriod = Duration.ofMinutes(1);
    private int maxRateLimitedClients =
        (int) HeapShare.count(5, RateLimiter.CLIENT_BYTES, 100_000);
    private Duration maxBackpressureWait = Duration.ZERO;
    private boolean honourDoNotTrack;
    private String serverSidePageviewSite;
    private final List<PathPattern> includePaths = new ArrayList<>();
    private final List<PathPattern> excludePaths = new ArrayList<>();
    private Authenticator authenticator;

    private Builder() {}

    /**
     * Trusts forwarding headers ({@code Forwarded} and {@code X-Forwarded-For}, or the {@linkplain
     * #clientIpHeader client-IP header}) and the country header, but only on requests whose socket
     * peer is in one of these ranges.
     *
     * @param cidrs addresses or CIDR ranges, such as {@code 10.0.0.0/8} or {@code ::1}
     * @throws IllegalArgumentException if one is not an IP address or CIDR range
     */
    public Builder trustedProxies(List<String> cidrs) {
      Objects.requireNonNull(cidrs, "cidrs").forEach(c -> trustedProxies.add(IpRange.parse(c)));
      return this;
    }

    /**
     * Takes the client's address from this one header (such as {@code CF-Connecting-IP}, {@code
     * True-Client-IP} or {@code X-Real-IP}) instead of {@code Forwarded}/{@code X-Forwarded-For},
     * when the request comes from a trusted proxy. Name the header your proxy sets: a client can send
     * any other.
     */
    public Builder clientIpHeader(String header) {
      this.clientIpHeader = Objects.requireNonNull(header, "header");
      return this;
    }

    /**
     * Takes the visitor's country from the first of these headers that is present, such as {@code
     * CF-IPCountry} (Cloudflare), {@code CloudFront-Viewer-Country} (Amazon CloudFront) or {@code
     * X-Vercel-IP-Country} (Vercel), when the request comes from a trusted proxy. Only then is the
     * {@code GeoLocator} asked.
     *
     * @throws IllegalArgumentException if no header is given
     */
    public Builder countryHeader(String... headers) {
      if (headers.length == 0) {
        throw new IllegalArgumentException("countryHeader needs at least one header name");
      }
      for (String header : headers) {
        countryHeaders.add(Objects.requireNonNull(header, "header"));
      }
      return this;
    }

    /**
     * Sets the largest request body accepted (default 64 KiB); larger ones get 413.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive but was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Allows each client IP {@code requests} tracking requests per {@code period} (a token bucket
     * of that size, refilled evenly). Default 120 a minute.
     *
     * @throws IllegalArgumentException if {@code requests} is not positive or the period is not
     */
    public Builder rateLimit(long requests, Duration period) {
      if (requests < 1) {
        throw new IllegalArgumentException("rate limit requests must be positive but was "
            + requests);
      }
      Objects.requireNonNull(period, "period");
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("rate limit period must be positive but was " + period);
      }
      this.rateLimit = requests;
      this.rateLimitPeriod = period;
      return this;
    }

    /** Turns per-client rate limiting off. */
    public Builder noRateLimit() {
      this.rateLimit = 0;
      return this;
    }

    /**
     * Sets how many client IPs the rate limiter remembers (default: as many as fit in 5 % of the
     * heap at about 400 bytes each, at most 100,000); the least recently seen are forgotten first,
     * so memory stays bounded however many IPs appear.
     */
    public Builder maxRateLimitedClients(int clients) {
      if (clients < 1) {
        throw new IllegalArgumentException("maxRateLimitedClients must be positive but was "
            + clients);
      }
      this.maxRateLimitedClients = clients;
      return this;
    }

    /**
     * Sets how long a request to a tracking endpoint may wait while Footfall's buffer is more than
     * half full (default zero: never wait, and drop events once the buffer is full). A wait slows
     * a flood of tracking requests down to what storage can take instead of dropping events, at
     * the price of holding container threads while storage lags; choose it for a dedicated
     * ingestion server, not for an application that serves its own pages from the same threads.
     * Server-side pageviews in {@link AnalyticsFilter} never wait.
     */
    public Builder maxBackpressureWait(Duration wait) {
      Objects.requireNonNull(wait, "wait");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("maxBackpressureWait must not be negative but was "
            + wait);
      }
      this.maxBackpressureWait = wait;
      return this;
    }

    /**
     * Does not count requests that carry {@code Sec-GPC: 1} (Global Privacy Control) or {@code
     * DNT: 1} (Do Not Track): they are answered as usual ({@code /api/event} adds {@code
     * X-Footfall-Dropped: do_not_track}) but nothing is recorded. Off by default, since Footfall
     * stores nothing personal either way.
     */
    public Builder honourDoNotTrack(boolean honour) {
      this.honourDoNotTrack = honour;
      return this;
    }

    /**
     * Makes {@link AnalyticsFilter} track a pageview for this site whenever the application
     * answers an HTML {@code GET} with a 2xx status, without any JavaScript. Off by default.
     */
    public Builder serverSidePageviews(String siteId) {
      this.serverSidePageviewSite = Objects.requireNonNull(siteId, "siteId");
      return this;
    }

    /**
     * Limits server-side pageviews to paths matching one of these patterns ({@code *} matches
     * within a path segment, {@code **} across segments).
     */
    public Builder includePaths(String... patterns) {
      for (String pattern : patterns) {
        includePaths.add(PathPattern.compile(pattern));
      }
      return this;
    }

    /** Never tracks server-side pageviews for paths matching one of these patterns. */
    public Builder excludePaths(String... patterns) {
      for (String pattern : patterns) {
        excludePaths.add(PathPattern.compile(pattern));
      }
      return this;
    }

    /**
     * Opens the admin API ({@code /admin/...}) to requests with {@code Authorization: Bearer
     * <key>}. Without this or {@link #authenticator} the admin API answers {@code 403}.
     *
     * @throws IllegalArgumentException if the key is shorter than 16 characters
     * @throws IllegalStateException if an authenticator was already set
     */
    public Builder adminApiKey(String key) {
      return authenticator(Authenticator.bearerKey(key));
    }

    /**
     * Opens the admin API to the requests this authenticator admits.
     *
     * @throws IllegalStateException if an authenticator or API key was already set
     */
    public Builder authenticator(Authenticator authenticator) {
      if (this.authenticator != null) {
        throw new IllegalStateException("the admin API's authenticator was already set");
      }
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /** Builds the settings. */
    public HttpSettings build() {
      return new HttpSettings(this);
    }
  }
}
