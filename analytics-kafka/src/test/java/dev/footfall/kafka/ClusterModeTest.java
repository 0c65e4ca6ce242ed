package dev.footfall.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.AnalyticsStats;
import dev.footfall.Dimension;
import dev.footfall.DropReason;
import dev.footfall.ErrorListener;
import dev.footfall.EventLogStats;
import dev.footfall.Metric;
import dev.footfall.Period;
import dev.footfall.ReportQuery;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.jdbc.JdbiStorage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cluster mode end to end: a real Kafka broker (a child JVM), a real PostgreSQL or MariaDB
 * database, and several {@link Analytics} instances in this JVM, each with its own producer and
 * consumer, as several application instances behind a load balancer. The traffic is compared with
 * the same traffic through one instance without Kafka: visitors, visits, pageviews, bounce rate,
 * visit duration, entry and exit pages must be exactly equal. Nothing waits a fixed time for a
 * result: every wait is for a condition, with a generous deadline.
 */
class ClusterModeTest {
  private static final int VISITORS = 500;
  private static final int PARTITIONS = 12;
  private static final String SITE = "shop";
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static KafkaBroker broker;

  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(opened);
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void threeInstancesCountLikeOneInstanceWithoutKafka(Databases kind) throws Exception {
    List<TrackRequest> traffic = Visits.of(SITE, VISITORS, start());
    Map<String, Object> expected = report(alone(kind, traffic));
    assertThat(expected.get("pages").toString()).containsPattern("SCROLL_DEPTH=\\d")
        .containsPattern("TIME_ON_PAGE=[1-9]");
    Databases.Fresh db = fresh(kind);
    String topic = topic();
    List<Analytics> instances = cluster(db, log(topic), log(topic), log(topic));

    send(traffic, instances);

    awaitStored(instances.get(0), traffic.size());
    assertThat(report(instances.get(0))).isEqualTo(expected);
    assertThat(report(instances.get(2))).isEqualTo(expected);
    // Every instance owned partitions and read events; between them they stored each once.
    assertThat(instances).allSatisfy(a -> assertThat(logStats(a).consumed()).isPositive());
    assertThat(instances.stream().mapToLong(a -> a.stats().stored()).sum())
        .isEqualTo(traffic.size());
    assertThat(instances.stream().mapToLong(a -> logStats(a).appended()).sum())
        .isEqualTo(traffic.size());
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void anInstanceStoppedHardMidRunLosesNothingAndSplitsNoVisit(Databases kind) throws Exception {
    List<TrackRequest> traffic = Visits.of(SITE, VISITORS, start());
    Map<String, Object> expected = report(alone(kind, traffic));
    Databases.Fresh db = fresh(kind);
    String topic = topic();
    KafkaEventLog doomed = log(topic);
    List<Analytics> instances = cluster(db, doomed, log(topic), log(topic));
    int half = traffic.size() / 2;

    send(traffic.subList(0, half), instances);
    // What the doomed instance tracked is in Kafka; some of it, and of the rest, is stored.
    assertThat(instances.get(0).flush(DEADLINE)).isTrue();
    await("some events stored", () -> stored(instances.get(1)) >= half / 3);
    doomed.halt();
    send(traffic.subList(half, traffic.size()), instances.subList(1, 3));

    awaitStored(instances.get(1), traffic.size());
    assertThat(report(instances.get(1))).isEqualTo(expected);
    assertThat(report(instances.get(2))).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aBrokerDownForThirtySecondsLosesOnlyWhatTheBufferCannotHold(Databases kind)
      throws Exception {
    Databases.Fresh db = fresh(kind);
    List<String> reported = new CopyOnWriteArrayList<>();
    ErrorListener errors = (operation, error) -> reported.add(operation);
    KafkaEventLog log = KafkaEventLog.builder(broker.bootstrapServers()).topic(topic())
        .groupId(topic()).partitions(2).bufferBytes(64 * 1024).maxBlock(Duration.ofMillis(20))
        .build();
    Analytics analytics = track(Analytics.builder().storage(db.open()).eventLog(log)
        .errorListener(errors).build());
    addSite(List.of(analytics));
    AtomicBoolean sending = new AtomicBoolean(true);
    AtomicLong answered = new AtomicLong();
    Thread traffic = new Thread(() -> {
      for (int i = 0; sending.get(); i++) {
        analytics.tracker().track(TrackRequest
            .pageview(SITE, "https://shop.example/p" + i % 7)
            .context(RequestContext.of(Visits.address(i % 5_000), Visits.USER_AGENTS[i % 3]))
            .build());
        answered.incrementAndGet();
        if (i % 20 == 0) {
          pause(Duration.ofMillis(20)); // steady traffic: about 1,000 requests a second at most
        }
      }
    }, "steady-traffic");
    traffic.start();
    await("traffic stored", () -> stored(analytics) > 100);

    broker.stop();
    Instant down = Instant.now();
    await("the outage seen", () -> !logStats(analytics).reachable());
    assertThat(analytics.health().eventLogReachable()).contains(false);
    assertThat(analytics.health().healthy()).isFalse();
    long answeredBefore = answered.get();
    pause(Duration.ofSeconds(30)); // the outage under traffic: what the test is about
    long answeredDuring = answered.get() - answeredBefore;
    broker.restart();
    await("the broker seen again", () -> logStats(analytics).reachable());
    assertThat(analytics.health().eventLogReachable()).contains(true);
    sending.set(false);
    traffic.join();

    AnalyticsStats stats = analytics.stats();
    long droppedByLog = stats.dropped(DropReason.LOG_FULL)
        + stats.dropped(DropReason.LOG_UNAVAILABLE);
    long keptFor = stats.received() - stats.droppedTotal();
    assertThat(answeredDuring).as("track calls that returned while the broker was down")
        .isPositive();
    assertThat(answered.get()).isEqualTo(stats.received());
    assertThat(droppedByLog + stats.dropped(DropReason.BUFFER_FULL)).isPositive();
    assertThat(analytics.flush(DEADLINE)).isTrue();
    awaitStored(analytics, analytics.stats().received() - analytics.stats().droppedTotal());
    assertThat(keptFor).isPositive();
    assertThat(analytics.storage().events().count(SITE, down, Instant.now()))
        .as("events tracked while the broker was down, stored after it returned").isPositive();
    assertThat(reported.stream().filter(op -> op.startsWith("reach Kafka")).count())
        .as("the outage reported once: " + reported).isEqualTo(1);
  }

  @Test
  void theTopicsRecordsHoldNoAddressOrUserAgent() throws Exception {
    Databases.Fresh db = fresh(Databases.POSTGRESQL);
    String topic = topic();
    Analytics analytics = instance(db, log(topic));
    addSite(List.of(analytics));
    List<TrackRequest> traffic = Visits.of(SITE, 60, start());
    send(traffic, List.of(analytics));
    assertThat(analytics.flush(DEADLINE)).isTrue();
    // On a busy machine the first appends can wait longer for the new topic's metadata than the
    // log blocks, and are dropped as log_unavailable (counted): every request not dropped must be
    // on the topic.
    AnalyticsStats stats = analytics.stats();
    long appended = stats.eventLog().orElseThrow().appended();
    assertThat(appended).isEqualTo(stats.received() - stats.droppedTotal())
        .isEqualTo(traffic.size() - stats.dropped(DropReason.LOG_UNAVAILABLE))
        .isGreaterThan(traffic.size() / 2);

    List<String> records = readRaw(topic, (int) appended);

    assertThat(records).hasSize((int) appended);
    assertThat(records).allSatisfy(record -> {
      assertThat(record).contains("\"pathname\":\"/p");
      assertThat(record).doesNotContain("203.0.");
      for (String userAgent : Visits.USER_AGENTS) {
        assertThat(record).doesNotContain(userAgent).doesNotContain("Mozilla");
      }
    });
  }

  private List<String> readRaw(String topic, int count) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    try (KafkaConsumer<byte[], byte[]> raw = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = raw.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      raw.assign(partitions);
      raw.seekToBeginning(partitions);
      List<String> records = new ArrayList<>();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : raw.poll(Duration.ofMillis(500))) {
          records.add(new String(r.key(), StandardCharsets.UTF_8) + " "
              + new String(r.value(), StandardCharsets.UTF_8));
        }
      }
      return records;
    }
  }

  /** The same traffic through one instance on a database of its own, without Kafka. */
  private Analytics alone(Databases kind, List<TrackRequest> traffic) {
    Analytics analytics = track(Analytics.builder().storage(fresh(kind).open()).build());
    addSite(List.of(analytics));
    send(traffic, List.of(analytics));
    assertThat(analytics.flush(DEADLINE)).isTrue();
    return analytics;
  }

  /** What the tests compare: the visit metrics, visits by entry and exit page, page engagement. */
  private static Map<String, Object> report(Analytics analytics) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Period period = Period.custom(today.minusDays(1), today);
    Map<String, Object> report = new LinkedHashMap<>();
    Map<Metric, Number> totals = new EnumMap<>(Metric.class);
    analytics.reports().aggregate(ReportQuery.builder(SITE).period(period)
            .metrics(Metric.VISITORS, Metric.VISITS, Metric.PAGEVIEWS, Metric.VIEWS_PER_VISIT,
                Metric.BOUNCE_RATE, Metric.VISIT_DURATION)
            .build())
        .metrics().forEach((metric, value) -> totals.put(metric, value.value()));
    report.put("totals", totals);
    for (Dimension dimension : List.of(Dimension.ENTRY_PAGE, Dimension.EXIT_PAGE)) {
      report.put(dimension.key(), analytics.reports().breakdown(ReportQuery.builder(SITE)
              .period(period).breakdown(dimension).metrics(Metric.VISITS, Metric.BOUNCE_RATE)
              .build())
          .results().stream()
          .collect(Collectors.toMap(row -> row.value(), row -> row.metrics().toString())));
    }
    // Engagements went through the log as well, with the visits they belong to.
    report.put("pages", analytics.reports().breakdown(ReportQuery.builder(SITE).period(period)
            .breakdown(Dimension.PAGE).metrics(Metric.VISITORS, Metric.SCROLL_DEPTH,
                Metric.TIME_ON_PAGE).build())
        .results().stream()
        .collect(Collectors.toMap(row -> row.value(), row -> row.metrics().toString())));
    return report;
  }

  private static void send(List<TrackRequest> traffic, List<Analytics> instances) {
    for (int i = 0; i < traffic.size(); i++) {
      Analytics to = instances.get(i % instances.size());
      while (to.tracker().track(traffic.get(i)).dropReason().isPresent()) {
        // Only a full buffer drops these (the site is known): wait for room, then send again.
        to.tracker().awaitCapacity(Duration.ofSeconds(1));
      }
    }
  }

  private static void addSite(List<Analytics> instances) {
    instances.get(0).sites().save(Site.of(SITE, "shop.example", ZoneOffset.UTC, "Shop",
        Instant.now()));
    await("every instance knows the site",
        () -> instances.stream().allMatch(a -> a.sites().find(SITE).isPresent()));
  }

  /**
   * Starts an instance on {@code db} for each log, registers the site, and waits until the
   * instances share the topic's partitions.
   */
  private List<Analytics> cluster(Databases.Fresh db, KafkaEventLog... logs) {
    List<Analytics> instances = new ArrayList<>();
    for (KafkaEventLog log : logs) {
      instances.add(instance(db, log));
    }
    addSite(instances);
    awaitPartitionsShared(instances);
    return instances;
  }

  /** Waits until each instance owns some of the topic's partitions, and all are owned. */
  private static void awaitPartitionsShared(List<Analytics> instances) {
    await("the partitions shared", () -> instances.stream()
        .allMatch(a -> logStats(a).partitions() > 0)
        && instances.stream().mapToInt(a -> logStats(a).partitions()).sum() == PARTITIONS);
  }

  private static void awaitStored(Analytics analytics, long count) {
    await(count + " events stored", () -> stored(analytics) >= count);
    assertThat(stored(analytics)).isEqualTo(count);
  }

  /** Returns how many events and engagements (which no event count includes) are stored. */
  private static long stored(Analytics analytics) {
    long engagements = ((JdbiStorage) analytics.storage()).jdbi().withHandle(h -> h
        .createQuery("SELECT COUNT(*) FROM engagement WHERE site_id = :site").bind("site", SITE)
        .mapTo(Long.class).one());
    return analytics.storage().events().count(SITE, Instant.EPOCH, Instant.now().plusSeconds(60))
        + engagements;
  }

  private static EventLogStats logStats(Analytics analytics) {
    return analytics.stats().eventLog().orElseThrow();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < deadline).as("waited " + DEADLINE + " for: " + what).isTrue();
      pause(Duration.ofMillis(100));
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Twenty minutes ago: the visits are open, within the session timeout of now. */
  private static Instant start() {
    return Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
  }

  private static String topic() {
    return "footfall-test-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private KafkaEventLog log(String topic) {
    return KafkaEventLog.builder(broker.bootstrapServers()).topic(topic).groupId(topic)
        .partitions(PARTITIONS).build();
  }

  private Analytics instance(Databases.Fresh db, KafkaEventLog log) {
    return track(Analytics.builder().storage(db.open()).eventLog(log).build());
  }

  private Databases.Fresh fresh(Databases kind) {
    Databases.Fresh db = kind.create();
    opened.add(db);
    return db;
  }

  private Analytics track(Analytics analytics) {
    opened.add(analytics);
    return analytics;
  }
}
