package dev.footfall.benchmarks;

import dev.footfall.Analytics;
import dev.footfall.DropReason;
import dev.footfall.Event;
import dev.footfall.EventLogStats;
import dev.footfall.Session;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.kafka.KafkaBroker;
import dev.footfall.kafka.KafkaEventLog;
import dev.footfall.spi.ForwardingStorage;
import dev.footfall.spi.LogPosition;
import dev.footfall.spi.Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Cluster mode against the direct path, from {@code track} to stored rows on PostgreSQL: a load
 * generator, not JMH, since it measures a pipeline across threads and, with Kafka, processes.
 *
 * <p>Modes: {@code direct} (one {@link Analytics} on PostgreSQL, no Kafka), {@code kafka-1} (one
 * Analytics with a {@link KafkaEventLog} that both appends and consumes) and {@code kafka-2} (two
 * Analytics in this JVM, each with its own producer and consumer in one group, the traffic sent to
 * them in turn). Each run has a fresh PostgreSQL schema and a fresh topic of {@value #PARTITIONS}
 * partitions, sends a warm-up and waits until it is stored, then measures:
 *
 * <ul>
 *   <li>saturation: {@code events} {@link SampleTraffic} requests offered as fast as the pipeline
 *       takes them (waiting with {@code awaitCapacity} when the buffer is full, so nothing is
 *       dropped); events per second from the first {@code track} to the write that stored the last
 *       of them, and each event's delay from {@code track} to its stored row, mostly queueing here;
 *   <li>steady: {@code rate} events a second for {@code seconds}, paced by the generator; the delay
 *       from {@code track} to the stored row when the pipeline keeps up.
 * </ul>
 *
 * <p>A delay is the time a write returned (the transaction committed) less the event's timestamp,
 * which is the time of {@code track} since the requests carry none; a {@link Storage} wrapper
 * records it for every event. Rounds run the modes interleaved; the summary gives each figure's
 * median over the rounds and the ratios to {@code direct}.
 *
 * <p>Kafka: a broker of its own in a child JVM ({@code KafkaBroker}, from analytics-kafka's
 * test-jar, started on this JVM's classpath, which holds the broker's jars), or the broker at
 * {@code -Dfootfall.kafka=host:port}. PostgreSQL: 127.0.0.1:5432, database {@code test}, user
 * {@code postgres} without password.
 *
 * <p>Usage: {@code java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
 * -Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient=error -cp benchmarks.jar
 * dev.footfall.benchmarks.ClusterIngestBenchmark [events, default 200000] [rounds, default 3]
 * [rate, default 2000] [seconds, default 30]} (the second property hides the clients' warnings
 * while the broker starts).
 */
public final class ClusterIngestBenchmark {
  private static final int PARTITIONS = 12;
  private static final int VISITORS = 5_000;
  private static final int WARM_UP = 20_000;
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final List<String> MODES = List.of("direct", "kafka-1", "kafka-2");
  private static final Duration DEADLINE = Duration.ofMinutes(10);

  private final String bootstrap;
  private final List<TrackRequest> warmUp;
  private final List<TrackRequest> load;
  private final List<TrackRequest> steady;
  private final int rate;
  private final Delays delays;

  private ClusterIngestBenchmark(String bootstrap, int events, int rate, int seconds) {
    this.bootstrap = bootstrap;
    this.warmUp = SampleTraffic.requests(WARM_UP, VISITORS, 7);
    this.load = SampleTraffic.requests(events, VISITORS, 42);
    this.steady = SampleTraffic.requests(rate * seconds, VISITORS, 43);
    this.rate = rate;
    this.delays = new Delays(Math.max(events, rate * seconds));
  }

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    String external = System.getProperty("footfall.kafka", "");
    KafkaBroker broker = external.isEmpty() ? KafkaBroker.start() : null;
    try {
      String bootstrap = broker != null ? broker.bootstrapServers() : external;
      System.out.printf("%,d events a run, %d rounds, steady %,d events/s for %d s, Kafka at %s%n",
          events, rounds, rate, seconds, bootstrap);
      ClusterIngestBenchmark benchmark =
          new ClusterIngestBenchmark(bootstrap, events, rate, seconds);
      Map<String, List<Result>> results = new LinkedHashMap<>();
      for (int round = 1; round <= rounds; round++) {
        for (String mode : MODES) {
          Result result = benchmark.run(mode);
          results.computeIfAbsent(mode, m -> new ArrayList<>()).add(result);
          System.out.printf("round %d %-7s %s%n", round, mode, result);
        }
      }
      summary(results);
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  /** One run of a mode in a fresh schema and topic: warm-up, saturation, then steady rate. */
  private Result run(String mode) throws Exception {
    String schema = "ff_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String topic = "footfall-bench-" + schema;
    postgres("CREATE SCHEMA " + schema);
    int count = mode.equals("kafka-2") ? 2 : 1;
    List<Analytics> instances = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        Analytics.Builder builder = Analytics.builder().storage(new Timed(
            JdbiStorage.pooled(POSTGRES + "?currentSchema=" + schema, "postgres", ""), delays));
        if (!mode.equals("direct")) {
          builder.eventLog(KafkaEventLog.builder(bootstrap).topic(topic).groupId(topic)
              .partitions(PARTITIONS).build());
        }
        instances.add(builder.build());
      }
      instances.get(0).sites().save(Site.of(SampleTraffic.SITE, SampleTraffic.DOMAIN,
          ZoneOffset.UTC, "", Instant.now()));
      await("every instance knows the site", () -> instances.stream()
          .allMatch(a -> a.sites().find(SampleTraffic.SITE).isPresent()));
      if (!mode.equals("direct")) {
        await("the partitions shared", () -> instances.stream()
            .allMatch(a -> logStats(a).partitions() > 0)
            && instances.stream().mapToInt(a -> logStats(a).partitions()).sum() == PARTITIONS);
      }

      delays.reset();
      send(warmUp, instances, 0);
      awaitStored(instances, warmUp.size());

      delays.reset();
      long start = System.nanoTime();
      send(load, instances, 0);
      awaitStored(instances, load.size());
      double perSecond = load.size() / ((delays.lastWrite() - start) / 1e9);
      long[] saturated = delays.sorted();

      delays.reset();
      long steadyStart = System.nanoTime();
      send(steady, instances, rate);
      double offered = steady.size() / ((System.nanoTime() - steadyStart) / 1e9);
      awaitStored(instances, steady.size());
      long[] paced = delays.sorted();

      return new Result(perSecond, percentile(saturated, 50), percentile(saturated, 99),
          offered, percentile(paced, 50), percentile(paced, 99));
    } finally {
      for (Analytics analytics : instances) {
        analytics.close();
      }
      postgres("DROP SCHEMA " + schema + " CASCADE");
      if (!mode.equals("direct")) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            (Object) bootstrap))) {
          admin.deleteTopics(List.of(topic)).all().get(1, TimeUnit.MINUTES);
        }
      }
    }
  }

  /**
   * Sends the requests to the instances in turn, {@code perSecond} a second (0: as fast as they
   * are taken). A full buffer refuses a request at once; it is sent again once there is room.
   */
  private static void send(List<TrackRequest> requests, List<Analytics> instances,
      int perSecond) {
    long start = System.nanoTime();
    for (int i = 0; i < requests.size(); i++) {
      if (perSecond > 0) {
        long due = start + (long) i * 1_000_000_000L / perSecond;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
      }
      Analytics to = instances.get(i % instances.size());
      while (to.tracker().track(requests.get(i)).dropReason().isPresent()) {
        to.tracker().awaitCapacity(Duration.ofSeconds(1));
      }
    }
  }

  /** Waits until {@code count} events are stored; fails at once if any was dropped. */
  private void awaitStored(List<Analytics> instances, int count) {
    await(count + " events stored", () -> {
      for (Analytics analytics : instances) {
        long dropped = analytics.stats().droppedTotal()
            - analytics.stats().dropped(DropReason.BUFFER_FULL);
        if (dropped > 0) {
          throw new IllegalStateException(dropped + " events dropped: " + analytics.stats());
        }
      }
      return delays.count() >= count;
    });
    if (delays.count() != count) {
      throw new IllegalStateException("stored " + delays.count() + " events, not " + count);
    }
  }

  private static EventLogStats logStats(Analytics analytics) {
    return analytics.stats().eventLog().orElseThrow();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited " + DEADLINE + " for: " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  private static void postgres(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The value below which {@code percent} of the sorted values lie, in milliseconds. */
  private static double percentile(long[] sortedMicros, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sortedMicros.length) - 1;
    return sortedMicros[Math.max(0, index)] / 1_000.0;
  }

  private static void summary(Map<String, List<Result>> results) {
    Result direct = Result.median(results.get("direct"));
    System.out.println();
    System.out.println("medians over the rounds; ratio = mode / direct");
    System.out.println("mode     events/s  ratio  sat. median  sat. p99  | steady events/s  "
        + "median  ratio     p99  ratio");
    for (Map.Entry<String, List<Result>> entry : results.entrySet()) {
      Result m = Result.median(entry.getValue());
      System.out.printf("%-7s %9.0f %6.2f %9.0f ms %7.0f ms | %15.0f %6.1f ms %5.1f %5.0f ms"
              + " %5.1f%n", entry.getKey(), m.perSecond, m.perSecond / direct.perSecond,
          m.saturatedMedian, m.saturatedP99, m.offered, m.steadyMedian,
          m.steadyMedian / direct.steadyMedian, m.steadyP99, m.steadyP99 / direct.steadyP99);
    }
  }

  /** One run's figures; delays in milliseconds. */
  private record Result(double perSecond, double saturatedMedian, double saturatedP99,
      double offered, double steadyMedian, double steadyP99) {

    /** Each figure's median over the runs, on its own. */
    static Result median(List<Result> runs) {
      return new Result(median(runs, Result::perSecond), median(runs, Result::saturatedMedian),
          median(runs, Result::saturatedP99), median(runs, Result::offered),
          median(runs, Result::steadyMedian), median(runs, Result::steadyP99));
    }

    private static double median(List<Result> runs, ToDoubleFunction<Result> figure) {
      double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
      int half = values.length / 2;
      return values.length % 2 == 1 ? values[half] : (values[half - 1] + values[half]) / 2;
    }

    @Override
    public String toString() {
      return String.format("saturation %,8.0f events/s, delay median %,6.0f ms, p99 %,6.0f ms |"
              + " steady %,6.0f events/s, delay median %,6.1f ms, p99 %,6.1f ms",
          perSecond, saturatedMedian, saturatedP99, offered, steadyMedian, steadyP99);
    }
  }

  /** Each stored event's delay from {@code track}, and when the last write returned; shared. */
  private static final class Delays {
    private final long[] micros;
    private int count;
    private long lastWrite;

    Delays(int capacity) {
      micros = new long[capacity];
    }

    synchronized void stored(List<Event> events) {
      Instant now = Instant.now();
      for (Event event : events) {
        if (count < micros.length) {
          micros[count] = Duration.between(event.timestamp(), now).toNanos() / 1_000;
        }
        count++;
      }
      lastWrite = System.nanoTime();
    }

    synchronized void reset() {
      count = 0;
    }

    synchronized int count() {
      return count;
    }

    synchronized long lastWrite() {
      return lastWrite;
    }

    synchronized long[] sorted() {
      long[] values = Arrays.copyOf(micros, Math.min(count, micros.length));
      Arrays.sort(values);
      return values;
    }
  }

  /** A storage that delegates everything and tells {@link Delays} about every stored event. */
  private static final class Timed extends ForwardingStorage {
    private final Delays delays;

    Timed(Storage delegate, Delays delays) {
      super(delegate);
      this.delays = delays;
    }

    @Override
    public void write(List<Event> events, Collection<Session> sessions) {
      super.write(events, sessions);
      delays.stored(events);
    }

    @Override
    public void write(List<Event> events, Collection<Session> sessions,
        Collection<LogPosition> positions) {
      super.write(events, sessions, positions);
      delays.stored(events);
    }
  }
}
