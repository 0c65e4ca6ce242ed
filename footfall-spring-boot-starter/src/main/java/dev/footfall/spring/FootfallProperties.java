package dev.footfall.spring;

import dev.footfall.Analytics;
import dev.footfall.Job;
import dev.footfall.servlet.Authenticator;
import dev.footfall.servlet.HttpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Footfall's settings under {@code footfall.*}. Each setter checks its value at once with the
 * rules of {@link Analytics.Builder} and {@link HttpSettings.Builder}, so a bad value stops
 * start-up with Spring's binding error, which names the property. A setting left unset keeps the
 * core's default. Not thread-safe; bound once at start-up.
 *
 * @since 0.4
 */
@ConfigurationProperties("footfall")
public class FootfallProperties {
  /** Where events are stored. */
  private final Storage storage = new Storage();

  /**
   * Sites registered on start-up: each one missing from storage is created; one that exists is
   * left as it is (the admin may have edited it).
   */
  private List<Site> sites = new ArrayList<>();

  /** The admin API ({@code /admin/...}) and the Stats API. */
  private final Admin admin = new Admin();

  /** The HTTP endpoints served by the filter. */
  private final Http http = new Http();

  /** Cluster mode over Kafka (needs analytics-kafka on the classpath). */
  private final Cluster cluster = new Cluster();

  /**
   * How long raw events are kept before the retention job deletes them (at least one day).
   * Default: 90 days; on DuckDB, whose raw events are its only history, kept for good.
   */
  private Duration retention;

  /** Idle time that ends a visit. */
  private Duration sessionTimeout = Duration.ofMinutes(30);

  /**
   * How often each job runs, by job name: finalize_sessions (default 5m), retention (1h), rollup
   * (10m), rotate_salts (10m). Dashes work too, as in finalize-sessions.
   */
  private Map<String, Duration> jobIntervals = new LinkedHashMap<>();

  /**
   * How many tracked requests the in-memory buffer holds before new ones are dropped. Default: as
   * many as fit in 5 % of the heap at 1 KiB each, at most 50,000.
   */
  private Integer bufferCapacity;

  /**
   * How long closing waits for a storage that makes no progress before it gives up on the events
   * not yet stored.
   */
  private Duration shutdownTimeout = Duration.ofSeconds(30);

  public Storage getStorage() {
    return storage;
  }

  public List<Site> getSites() {
    return sites;
  }

  public void setSites(List<Site> sites) {
    this.sites = new ArrayList<>(sites);
  }

  public Admin getAdmin() {
    return admin;
  }

  public Http getHttp() {
    return http;
  }

  public Cluster getCluster() {
    return cluster;
  }

  public Duration getRetention() {
    return retention;
  }

  public void setRetention(Duration retention) {
    check("footfall.retention", () -> Analytics.builder().retention(retention));
    this.retention = retention;
  }

  public Duration getSessionTimeout() {
    return sessionTimeout;
  }

  public void setSessionTimeout(Duration sessionTimeout) {
    check("footfall.session-timeout",
        () -> Analytics.builder().sessionTimeout(sessionTimeout));
    this.sessionTimeout = sessionTimeout;
  }

  public Map<String, Duration> getJobIntervals() {
    return jobIntervals;
  }

  public void setJobIntervals(Map<String, Duration> jobIntervals) {
    Analytics.Builder probe = Analytics.builder();
    jobIntervals.forEach((name, interval) -> check("footfall.job-intervals." + name,
        () -> probe.jobInterval(job(name), interval)));
    this.jobIntervals = new LinkedHashMap<>(jobIntervals);
  }

  /** Returns the job intervals by {@link Job}. */
  Map<Job, Duration> jobIntervalsByJob() {
    Map<Job, Duration> byJob = new LinkedHashMap<>();
    jobIntervals.forEach((name, interval) -> byJob.put(job(name), interval));
    return byJob;
  }

  private static Job job(String name) {
    return Job.fromKey(name.toLowerCase(Locale.ROOT).replace('-', '_'));
  }

  public Integer getBufferCapacity() {
    return bufferCapacity;
  }

  public void setBufferCapacity(Integer bufferCapacity) {
    if (bufferCapacity != null) {
      check("footfall.buffer-capacity",
          () -> Analytics.builder().bufferCapacity(bufferCapacity));
    }
    this.bufferCapacity = bufferCapacity;
  }

  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  public void setShutdownTimeout(Duration shutdownTimeout) {
    check("footfall.shutdown-timeout",
        () -> Analytics.builder().shutdownTimeout(shutdownTimeout));
    this.shutdownTimeout = shutdownTimeout;
  }

  /**
   * Runs a core builder's check of a value; its {@link IllegalArgumentException} or {@link
   * IllegalStateException} comes back as an {@code IllegalArgumentException} whose message starts
   * with the property, since Spring's binding error names only the enclosing object.
   */
  static void check(String property, Supplier<?> check) {
    try {
      check.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
    }
  }

  /** Where events are stored: {@code footfall.storage.*}. */
  public static class Storage {
    /**
     * Which store: auto (the application's DataSource if it has exactly one, else embedded H2),
     * datasource, h2, or duckdb (needs analytics-duckdb on the classpath).
     */
    private StorageType type = StorageType.AUTO;

    /** Directory of the embedded H2 database (file footfall.mv.db in it). */
    private Path h2Directory = Path.of("footfall-data");

    /** The DuckDB database file. */
    private Path duckdbFile = Path.of("footfall-data", "footfall.duckdb");

    public StorageType getType() {
      return type;
    }

    public void setType(StorageType type) {
      this.type = Objects.requireNonNull(type, "type");
    }

    public Path getH2Directory() {
      return h2Directory;
    }

    public void setH2Directory(Path h2Directory) {
      this.h2Directory = Objects.requireNonNull(h2Directory, "h2Directory");
    }

    public Path getDuckdbFile() {
      return duckdbFile;
    }

    public void setDuckdbFile(Path duckdbFile) {
      this.duckdbFile = Objects.requireNonNull(duckdbFile, "duckdbFile");
    }
  }

  /** Which store Footfall uses. */
  public enum StorageType {
    /** The application's DataSource if it has exactly one, else embedded H2. */
    AUTO,
    /** The application's DataSource (Footfall leaves its pool open on shutdown). */
    DATASOURCE,
    /** Embedded H2 in {@code footfall.storage.h2-directory}. */
    H2,
    /** Embedded DuckDB in {@code footfall.storage.duckdb-file}; needs analytics-duckdb. */
    DUCKDB
  }

  /** A site registered on start-up: {@code footfall.sites[n].*}. */
  public static class Site {
    /** The site id, used as website id and data-website-id by the tracking script. */
    private String id;

    /** The site's domain, such as shop.example. */
    private String domain;

    /** The IANA timezone its report days are counted in. */
    private String timezone = "UTC";

    /** A display name; default: the id. */
    private String name;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getDomain() {
      return domain;
    }

    public void setDomain(String domain) {
      this.domain = domain;
    }

    public String getTimezone() {
      return timezone;
    }

    public void setTimezone(String timezone) {
      this.timezone = timezone;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }
  }

  /** The admin API: {@code footfall.admin.*}. */
  public static class Admin {
    /**
     * Opens the admin API (/admin/**) and the Stats API (/api/v2/query) to requests with
     * "Authorization: Bearer <key>"; at least 16 characters. Without it, or an Authenticator
     * bean, they answer 403. Blank counts as unset.
     */
    private String apiKey;

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      if (apiKey != null && !apiKey.isBlank()) {
        check("footfall.admin.api-key", () -> Authenticator.bearerKey(apiKey));
      }
      this.apiKey = apiKey;
    }
  }

  /** The tracking endpoints: {@code footfall.http.*}. */
  public static class Http {
    /**
     * Proxies (addresses or CIDR ranges, such as 10.0.0.0/8) whose Forwarded, X-Forwarded-For,
     * client-IP and country headers are believed; from anyone else they are ignored.
     */
    private List<String> trustedProxies = new ArrayList<>();

    /**
     * Read the client address from this one header (such as CF-Connecting-IP or X-Real-IP)
     * instead of Forwarded/X-Forwarded-For, from trusted proxies only.
     */
    private String clientIpHeader;

    /**
     * Take the country from the first of these headers present (such as CF-IPCountry), from
     * trusted proxies only.
     */
    private List<String> countryHeaders = new ArrayList<>();

    /** The per-client-IP rate limit of the tracking endpoints. */
    private final RateLimit rateLimit = new RateLimit();

    /** The largest request body accepted; larger ones get 413. */
    private DataSize maxBodySize = DataSize.ofKilobytes(64);

    /** Do not count requests that carry Sec-GPC: 1 or DNT: 1. */
    private boolean honourDoNotTrack;

    /** Pageviews tracked by the filter itself, without JavaScript. */
    private final ServerSidePageviews serverSidePageviews = new ServerSidePageviews();

    public List<String> getTrustedProxies() {
      return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
      check("footfall.http.trusted-proxies",
          () -> HttpSettings.builder().trustedProxies(trustedProxies));
      this.trustedProxies = new ArrayList<>(trustedProxies);
    }

    public String getClientIpHeader() {
      return clientIpHeader;
    }

    public void setClientIpHeader(String clientIpHeader) {
      this.clientIpHeader = clientIpHeader;
    }

    public List<String> getCountryHeaders() {
      return countryHeaders;
    }

    public void setCountryHeaders(List<String> countryHeaders) {
      this.countryHeaders = new ArrayList<>(countryHeaders);
    }

    public RateLimit getRateLimit() {
      return rateLimit;
    }

    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
      long bytes = maxBodySize.toBytes();
      check("footfall.http.max-body-size", () -> {
        if (bytes > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("maxBodyBytes must be at most " + Integer.MAX_VALUE
              + " but was " + bytes);
        }
        return HttpSettings.builder().maxBodyBytes((int) bytes);
      });
      this.maxBodySize = maxBodySize;
    }

    public boolean isHonourDoNotTrack() {
      return honourDoNotTrack;
    }

    public void setHonourDoNotTrack(boolean honourDoNotTrack) {
      this.honourDoNotTrack = honourDoNotTrack;
    }

    public ServerSidePageviews getServerSidePageviews() {
      return serverSidePageviews;
    }
  }

  /** The rate limit: {@code footfall.http.rate-limit.*}. */
  public static class RateLimit {
    /** Whether tracking requests are rate-limited per client IP (429 on /api/event). */
    private boolean enabled = true;

    /** Requests allowed per client IP in each period (a token bucket of that size). */
    private long requests = 120;

    /** The period the requests are counted over. */
    private Duration period = Duration.ofMinutes(1);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public long getRequests() {
      return requests;
    }

    public void setRequests(long requests) {
      check("footfall.http.rate-limit.requests",
          () -> HttpSettings.builder().rateLimit(requests, Duration.ofMinutes(1)));
      this.requests = requests;
    }

    public Duration getPeriod() {
      return period;
    }

    public void setPeriod(Duration period) {
      check("footfall.http.rate-limit.period",
          () -> HttpSettings.builder().rateLimit(1, period));
      this.period = period;
    }
  }

  /** Server-side pageviews: {@code footfall.http.server-side-pageviews.*}. */
  public static class ServerSidePageviews {
    /**
     * Track a pageview for this site whenever the application answers an HTML GET with 2xx; off
     * when unset.
     */
    private String site;

    /** Only paths matching one of these patterns (* within a segment, ** across); all if empty. */
    private List<String> includePaths = new ArrayList<>();

    /** Never paths matching one of these patterns. */
    private List<String> excludePaths = new ArrayList<>();

    public String getSite() {
      return site;
    }

    public void setSite(String site) {
      this.site = site;
    }

    public List<String> getIncludePaths() {
      return includePaths;
    }

    public void setIncludePaths(List<String> includePaths) {
      check("footfall.http.server-side-pageviews.include-paths",
          () -> HttpSettings.builder().includePaths(includePaths.toArray(String[]::new)));
      this.includePaths = new ArrayList<>(includePaths);
    }

    public List<String> getExcludePaths() {
      return excludePaths;
    }

    public void setExcludePaths(List<String> excludePaths) {
      check("footfall.http.server-side-pageviews.exclude-paths",
          () -> HttpSettings.builder().excludePaths(excludePaths.toArray(String[]::new)));
      this.excludePaths = new ArrayList<>(excludePaths);
    }
  }

  /** Cluster mode: {@code footfall.cluster.*}. */
  public static class Cluster {
    /**
     * Kafka bootstrap servers (host:port,...); setting it turns cluster mode on. Needs
     * analytics-kafka and kafka-clients 4.3.1 on the classpath, and a shared PostgreSQL or
     * MariaDB DataSource.
     */
    private String bootstrapServers;

    /** The topic events go through. */
    private String topic = "footfall-events";

    /** The topic's partition count: how many instances can consume at once at most. */
    private int partitions = 12;

    /** The consumer group of the instances that store events. */
    private String groupId = "footfall";

    /** Whether this instance stores the partitions it owns; false makes a tracking-only one. */
    private boolean consume = true;

    public String getBootstrapServers() {
      return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
    }

    public String getTopic() {
      return topic;
    }

    public void setTopic(String topic) {
      this.topic = topic;
    }

    public int getPartitions() {
      return partitions;
    }

    public void setPartitions(int partitions) {
      this.partitions = partitions;
    }

    public String getGroupId() {
      return groupId;
    }

    public void setGroupId(String groupId) {
      this.groupId = groupId;
    }

    public boolean isConsume() {
      return consume;
    }

    public void setConsume(boolean consume) {
      this.consume = consume;
    }
  }
}
