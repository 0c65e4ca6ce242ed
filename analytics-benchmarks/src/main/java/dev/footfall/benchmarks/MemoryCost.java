package dev.footfall.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.footfall.Analytics;
import dev.footfall.DropReason;
import dev.footfall.ErrorListener;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.internal.IngestBuffer;
import dev.footfall.internal.IngestCounters;
import dev.footfall.internal.UserAgentClassifier;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.servlet.AnalyticsHandler;
import dev.footfall.servlet.HttpExchange;
import dev.footfall.servlet.HttpSettings;
import dev.footfall.spi.Storage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Measures what Footfall's bounded in-memory structures hold per entry, for the figures in the
 * README's Settings: a held session, a client remembered by the rate limiter, a cached User-Agent
 * and a request waiting in the ingest buffer. Each is filled with {@code n} distinct entries (10,000
 * User-Agents, the cache's default size), and the growth of the heap in use after full collections
 * is divided by {@code n}: the live bytes per entry, with the entry's share of its tables.
 *
 * <ul>
 *   <li>sessions: pageviews of {@code n} visitors (distinct IPv6 addresses, 60 User-Agents, 200
 *       pages, half with a referrer, one in twenty with UTM tags) through {@code Tracker.track},
 *       into a store that lets the events and session rows go, so that what remains is the sessions
 *       held;
 *   <li>rate-limiter clients: {@code POST /api/event} through {@link AnalyticsHandler} from {@code n}
 *       IPv6 addresses, for a site that does not exist, so that nothing but the buckets remains;
 *   <li>User-Agents: {@code n} distinct real-looking User-Agents classified;
 *   <li>buffered requests: {@code n} ordinary requests queued, with no ingest thread.
 * </ul>
 *
 * <p>Usage: {@code java -XX:+UseSerialGC -Xmx2g -cp benchmarks.jar
 * dev.footfall.benchmarks.MemoryCost [n, default 200000]} (the serial collector compacts
 * everything on {@code System.gc()}, which makes the readings repeatable to a few bytes).
 */
public final class MemoryCost {
  private static final String SITE = "cost";
  private static final String DOMAIN = "cost.example";
  private static final String[] REFERRERS = {
    "", "", "https://www.google.com/", "https://news.ycombinator.com/item?id=1",
    "https://t.co/xyz", "https://www.bing.com/search?q=x",
  };

  private MemoryCost() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    System.out.printf("heap max %d MB, %d entries each%n",
        Runtime.getRuntime().maxMemory() >> 20, n);
    // Built first, so that the analyzer's own 100+ MB is there before any reading.
    UserAgentClassifier.sharedAnalyzer().join();
    sessions(n);
    rateLimiterClients(n);
    userAgents(10_000);
    bufferedRequests(n);
  }

  private static void sessions(int n) throws Exception {
    InMemoryStorage memory = InMemoryStorage.create();
    Storage forgetting = (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(),
        new Class<?>[] {Storage.class},
        (proxy, method, args) -> method.getName().equals("write") ? null
            : method.invoke(memory, args));
    try (Analytics analytics = Analytics.builder().storage(forgetting)
        .maxActiveSessions(Long.MAX_VALUE / 1024).build()) {
      analytics.sites().save(Site.of(SITE, DOMAIN, ZoneOffset.UTC, "Cost", Instant.EPOCH));
      track(analytics, n);
      long before = usedAfterGc();
      SplittableRandom random = new SplittableRandom(1);
      for (int visitor = 0; visitor < n; visitor++) {
        track(analytics, visitor, random);
      }
      check(analytics.flush(Duration.ofMinutes(5)), "flush");
      long after = usedAfterGc();
      check(analytics.sessions().activeCount() == n + 1L, "sessions held");
      report("session", before, after, n);
    }
  }

  private static void track(Analytics analytics, int visitor) throws Exception {
    track(analytics, visitor, new SplittableRandom(visitor));
    check(analytics.flush(Duration.ofMinutes(5)), "flush");
  }

  private static void track(Analytics analytics, int visitor, SplittableRandom random)
      throws InterruptedException {
    String url = "https://" + DOMAIN + "/docs/page-" + random.nextInt(200)
        + (random.nextInt(20) == 0 ? "?utm_source=newsletter&utm_campaign=launch" : "");
    TrackRequest request = TrackRequest.pageview(SITE, url)
        .referrer(REFERRERS[random.nextInt(REFERRERS.length)])
        .context(RequestContext.of(address(visitor), SampleTraffic.userAgent(visitor % 60)))
        .build();
    while (analytics.tracker().track(request).dropReason().orElse(null)
        == DropReason.BUFFER_FULL) {
      analytics.tracker().awaitCapacity(Duration.ofSeconds(10));
    }
  }

  private static void rateLimiterClients(int n) throws Exception {
    try (Analytics analytics = Analytics.builder().storage(InMemoryStorage.create()).build()) {
      AnalyticsHandler handler = AnalyticsHandler.create(analytics,
          HttpSettings.builder().maxRateLimitedClients(Integer.MAX_VALUE).build());
      byte[] body = ("{\"n\":\"pageview\",\"u\":\"https://" + DOMAIN + "/\",\"d\":\"" + DOMAIN
          + "\"}").getBytes(UTF_8);
      handler.handle(new Post(address(n), body));
      long before = usedAfterGc();
      for (int client = 0; client < n; client++) {
        Post post = new Post(address(client), body);
        handler.handle(post);
        check(post.status == 202, "status " + post.status);
      }
      long after = usedAfterGc();
      check(analytics.stats().received() == 0 && analytics.sessions().activeCount() == 0,
          "nothing tracked");
      report("rate-limiter client (IPv6)", before, after, n);
    }
  }

  private static void userAgents(int n) throws Exception {
    UserAgentClassifier classifier =
        new UserAgentClassifier(UserAgentClassifier.sharedAnalyzer(), n);
    classifier.classify(SampleTraffic.userAgent(0));
    long before = usedAfterGc();
    for (int i = 0; i < n; i++) {
      // Real shapes; the build number makes each one distinct.
      classifier.classify(SampleTraffic.userAgent(i).replace(".0.0.0", "." + i + ".0.0")
          .replace("(KHTML", "(" + i + "; KHTML"));
    }
    long after = usedAfterGc();
    report("cached User-Agent (~" + SampleTraffic.userAgent(0).length() + " characters)", before,
        after, n);
    check(classifier.classify(SampleTraffic.userAgent(0)) != null, "classifier kept");
  }

  private static void bufferedRequests(int n) throws Exception {
    IngestBuffer buffer = new IngestBuffer(n, new IngestCounters(), ErrorListener.logging());
    long before = usedAfterGc();
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < n; i++) {
      String url = "https://" + DOMAIN + "/docs/page-" + random.nextInt(200);
      TrackRequest request = TrackRequest.pageview(new String(SITE), url)
          .referrer(REFERRERS[random.nextInt(REFERRERS.length)])
          .context(RequestContext.of(address(i), new String(SampleTraffic.userAgent(i % 60))))
          .build();
      check(buffer.offer(request, Instant.now(), IngestBuffer.NO_OUTCOME).isEmpty(), "offer");
    }
    long after = usedAfterGc();
    report("buffered request", before, after, n);
    check(buffer.depth() == n, "buffer kept");
  }

  /** A distinct IPv6 address (documentation range) per number. */
  private static String address(int number) {
    return String.format("2001:db8::%x:%x", number >>> 16 & 0xffff, number & 0xffff);
  }

  private static long usedAfterGc() throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  private static void report(String what, long before, long after, int n) {
    System.out.printf("%-45s %6.0f bytes each (%,d entries: %,.1f MB)%n", what,
        (after - before) / (double) n, n, (after - before) / 1e6);
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("failed: " + what);
    }
  }

  /** A {@code POST /api/event} in memory. */
  private static final class Post implements HttpExchange {
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final String address;
    private final byte[] body;
    int status;

    Post(String address, byte[] body) {
      this.address = address;
      this.body = body;
      headers.put("Content-Type", "text/plain");
      headers.put("User-Agent", SampleTraffic.userAgent(0));
    }

    @Override
    public String method() {
      return "POST";
    }

    @Override
    public String path() {
      return "/api/event";
    }

    @Override
    public String requestHeader(String name) {
      return headers.get(name);
    }

    @Override
    public String remoteAddress() {
      return address;
    }

    @Override
    public long contentLength() {
      return body.length;
    }

    @Override
    public InputStream body() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public void responseHeader(String name, String value) {}

    @Override
    public void respond(int status, String contentType, byte[] body) {
      this.status = status;
    }
  }
}
