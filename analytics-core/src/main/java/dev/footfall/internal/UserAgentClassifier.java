package dev.footfall.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.footfall.CacheCounts;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * Classifies User-Agents with yauaa and, when yauaa sees no robot, the bot-pattern list ({@link
 * BotPatterns}), behind a bounded cache.
 *
 * <p>Building yauaa's analyzer takes seconds and over 100 MB of heap, so one analyzer is built per
 * JVM, in the background, on first use ({@link #sharedAnalyzer()}), and shared by every classifier:
 * it is immutable data, and its {@code parse} is synchronized. {@link #classify} blocks until the
 * analyzer is ready; Footfall calls it only on its ingest thread, so events that arrive earlier wait
 * in the buffer. An uncached parse costs a few hundred microseconds and a cached one well under one,
 * so the cache does the real work: real traffic repeats a small set of User-Agents. The pattern list
 * adds tens of microseconds to an uncached parse, and nothing to a cached one.
 */
public final class UserAgentClassifier {
  private static final String[] FIELDS = {
    UserAgent.DEVICE_CLASS, UserAgent.AGENT_CLASS, UserAgent.AGENT_NAME,
    UserAgent.AGENT_VERSION_MAJOR, UserAgent.OPERATING_SYSTEM_NAME,
    UserAgent.OPERATING_SYSTEM_VERSION_MAJOR
  };
  /** yauaa's placeholders for "don't know". */
  private static final Set<String> UNKNOWN_VALUES = Set.of("??", "Unknown", "Hacker", "");
  private static final Map<String, String> DEVICE_TYPES = Map.of(
      "Desktop", "desktop",
      "Phone", "mobile",
      "Mobile", "mobile",
      "Tablet", "tablet");
  private static final Map<String, String> OS_NAMES = Map.of("Windows NT", "Windows");

  private static volatile CompletableFuture<UserAgentAnalyzer> shared;

  private final CompletableFuture<UserAgentAnalyzer> analyzer;
  private final Cache<String, ClientInfo> cache;

  public UserAgentClassifier(CompletableFuture<UserAgentAnalyzer> analyzer, long cacheSize) {
    this.analyzer = analyzer;
    this.cache = Caffeine.newBuilder().maximumSize(cacheSize).recordStats().build();
  }

  /** Returns the counters of the cache of classified User-Agents. */
  public CacheCounts cacheCounts() {
    return CaffeineCounts.of(cache);
  }

  /** Returns the JVM-wide analyzer, starting to build it on a daemon thread on the first call. */
  public static CompletableFuture<UserAgentAnalyzer> sharedAnalyzer() {
    CompletableFuture<UserAgentAnalyzer> result = shared;
    if (result == null) {
      synchronized (UserAgentClassifier.class) {
        result = shared;
        if (result == null) {
          result = new CompletableFuture<>();
          CompletableFuture<UserAgentAnalyzer> future = result;
          Thread builder = new Thread(() -> {
            try {
              UserAgentAnalyzer built = buildAnalyzer();
              BotPatterns.bundled(); // compile the pattern list here too, off the ingest thread
              future.complete(built);
            } catch (RuntimeException | Error e) {
              future.completeExceptionally(e);
            }
          }, "footfall-useragent-analyzer-init");
          builder.setDaemon(true);
          builder.start();
          shared = result;
        }
      }
    }
    return result;
  }

  private static UserAgentAnalyzer buildAnalyzer() {
    return UserAgentAnalyzer.newBuilder()
        .hideMatcherLoadStats()
        .withoutCache()
        .withFields(FIELDS)
        .immediateInitialization()
        .build();
  }

  /** Returns whether the analyzer has been built. */
  public boolean isReady() {
    return analyzer.isDone();
  }

  /** Classifies a non-empty User-Agent, waiting for the analyzer if it is still being built. */
  public ClientInfo classify(String userAgent) {
    return cache.get(userAgent, this::parse);
  }

  private ClientInfo parse(String userAgent) {
    UserAgent parsed = analyzer.join().parse(userAgent);
    String deviceClass = parsed.getValue(UserAgent.DEVICE_CLASS);
    String agentClass = parsed.getValue(UserAgent.AGENT_CLASS);
    String os = known(parsed.getValue(UserAgent.OPERATING_SYSTEM_NAME));
    boolean listedBot = !BotFilter.droppedByClass(deviceClass, agentClass)
        && BotPatterns.bundled().matches(userAgent);
    return new ClientInfo(
        deviceClass,
        agentClass,
        cap(known(parsed.getValue(UserAgent.AGENT_NAME)), 255),
        cap(known(parsed.getValue(UserAgent.AGENT_VERSION_MAJOR)), 64),
        cap(OS_NAMES.getOrDefault(os, os), 255),
        cap(known(parsed.getValue(UserAgent.OPERATING_SYSTEM_VERSION_MAJOR)), 64),
        DEVICE_TYPES.getOrDefault(deviceClass, "other"),
        listedBot);
  }

  /** Keeps odd User-Agents' values within what the storage columns hold. */
  private static String cap(String value, int length) {
    return value.length() <= length ? value : value.substring(0, length);
  }

  private static String known(String value) {
    return value == null || UNKNOWN_VALUES.contains(value) ? "" : value;
  }
}
