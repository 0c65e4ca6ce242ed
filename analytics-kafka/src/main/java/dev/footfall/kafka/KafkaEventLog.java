package dev.footfall.kafka;

import dev.footfall.DropReason;
import dev.footfall.ErrorListener;
import dev.footfall.EventLogStats;
import dev.footfall.spi.EventLog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Cluster mode on Apache Kafka: Footfall's {@link EventLog} on a Kafka topic, keyed by site and
 * visitor, read by a consumer group of Footfall instances.
 *
 * <pre>{@code
 * Analytics analytics = Analytics.builder()
 *     .storage(JdbiStorage.pooled("jdbc:postgresql://db/analytics", "footfall", password))
 *     .eventLog(KafkaEventLog.builder("kafka-1:9092,kafka-2:9092").build())
 *     .build();
 * }</pre>
 *
 * <p>Producing: each instance's tracking side appends enriched events (derived fields only, never
 * an IP address or a User-Agent) to the topic, to the partition of the visitor. Appending never
 * blocks the caller: the producer's buffer is bounded ({@link Builder#bufferBytes}), it waits at
 * most {@link Builder#maxBlock} for room or for the topic's metadata, and gives up on an event the
 * broker has not acknowledged within {@link Builder#deliveryTimeout}; such events are dropped and
 * counted ({@link DropReason#LOG_FULL}, {@link DropReason#LOG_UNAVAILABLE}).
 *
 * <p>Consuming: unless {@linkplain Builder#consume turned off}, each instance is a member of the
 * consumer group {@link Builder#groupId} and stores the partitions it owns (see {@link
 * EventLog.Ingest}); the offsets stored with the events are the truth, and the group's committed
 * offsets follow them for monitoring tools. An instance that stops hard loses its partitions
 * after the group's session timeout (10 s by default); their new owners resume from storage.
 *
 * <p>The topic is created if absent, with {@link Builder#partitions} partitions and the broker's
 * default replication factor. The partition of a visitor is computed here from the partition
 * count, so an existing topic must have that count; one that does not is reported.
 *
 * <p>Reachability: a check every {@value #CHECK_SECONDS} seconds asks the cluster for its nodes;
 * an unreachable cluster shows in {@link EventLogStats#reachable()} and is reported once to the
 * error listener, not once per event. Kafka's own client logs each failed connection attempt at
 * WARN under {@code org.apache.kafka}: set that logger to ERROR to keep an outage quiet.
 *
 * @since 0.3
 */
public final class KafkaEventLog implements EventLog {
  static final int CHECK_SECONDS = 5;
  /** How long starting waits at most for the topic's metadata, when the cluster answers. */
  private static final Duration START_WAIT = Duration.ofSeconds(10);

  private final Builder settings;
  private final String instance = UUID.randomUUID().toString().substring(0, 8);
  private final LongAdder appended = new LongAdder();
  /** Sends handed to the producer, for {@link #flush}. */
  private final LongAdder sends = new LongAdder();
  private final Flushes flushes = new Flushes();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile KafkaProducer<byte[], byte[]> producer;
  private volatile LogConsumer consumer;
  private volatile TopicCheck check;

  private KafkaEventLog(Builder settings) {
    this.settings = settings;
  }

  /**
   * Starts configuring a log on the Kafka cluster at these bootstrap servers.
   *
   * @param bootstrapServers {@code host:port} pairs, comma-separated
   * @throws IllegalArgumentException if blank
   */
  public static Builder builder(String bootstrapServers) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    return new Builder(bootstrapServers);
  }

  @Override
  public String name() {
    return "kafka:" + settings.topic;
  }

  @Override
  public int partitionOf(String siteId, long visitorId) {
    // String.hashCode is specified by the language, so every instance and version agrees.
    return Math.floorMod((siteId + ":" + visitorId).hashCode(), settings.partitions);
  }

  @Override
  public void start(Ingest ingest, ErrorListener errors) {
    Objects.requireNonNull(ingest, "ingest");
    Objects.requireNonNull(errors, "errors");
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("the event log was started already");
    }
    producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(),
        new ByteArraySerializer());
    check = new TopicCheck(settings.bootstrapServers, settings.topic, settings.partitions,
        settings.clientProperties, errors);
    if (check.reachable()) {
      fetchMetadata(producer);
    }
    if (settings.consume) {
      consumer = new LogConsumer(consumerProperties(), settings.topic, ingest, errors);
      consumer.start("footfall-kafka-consumer-" + instance);
    }
  }

  @Override
  public void append(Entry entry, Consumer<Optional<DropReason>> outcome) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(outcome, "outcome");
    KafkaProducer<byte[], byte[]> running = producer;
    if (running == null) {
      throw new IllegalStateException("the event log is not started");
    }
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(settings.topic,
        partitionOf(entry.event().siteId(), entry.event().visitorId()),
        EntryCodec.key(entry.event().siteId(), entry.event().visitorId()),
        EntryCodec.encode(entry));
    sends.increment();
    try {
      running.send(record, (metadata, failure) -> {
        if (failure == null) {
          appended.increment();
          outcome.accept(Optional.empty());
        } else {
          outcome.accept(Optional.of(reason(failure)));
        }
      });
    } catch (RuntimeException e) {
      outcome.accept(Optional.of(reason(e))); // what the producer throws rather than reports
    }
  }

  @Override
  public boolean flush(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    KafkaProducer<byte[], byte[]> running = producer;
    if (running == null) {
      return true;
    }
    try {
      flushes.covering(sends.sum(), running::flush)
          .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) { // Kafka's TimeoutException is imported
      return false;
    } catch (ExecutionException e) {
      return true; // a closed producer gave every send its outcome
    }
  }

  @Override
  public EventLogStats stats() {
    LogConsumer reading = consumer;
    TopicCheck checking = check;
    return new EventLogStats(appended.sum(), reading == null ? 0 : reading.owned(),
        reading == null ? 0 : reading.consumed(),
        reading == null ? 0 : reading.lag(), checking != null && checking.reachable());
  }

  @Override
  public void close() {
    LogConsumer reading = consumer;
    if (reading != null) {
      reading.close();
    }
    KafkaProducer<byte[], byte[]> running = producer;
    if (running != null) {
      running.close(settings.closeTimeout);
    }
    TopicCheck checking = check;
    if (checking != null) {
      checking.close();
    }
    flushes.close();
  }

  /**
   * Stops consuming as a crashed process would: the batch in hand is not stored and the group is
   * not told, so the partitions move only after the session timeout. For tests.
   */
  void halt() {
    LogConsumer reading = consumer;
    if (reading != null) {
      reading.halt();
    }
  }

  /**
   * Has the producer fetch the topic's metadata now, within {@link #START_WAIT}, rather than in the
   * first send, which may wait only {@link Builder#maxBlock} for it.
   */
  private void fetchMetadata(KafkaProducer<byte[], byte[]> running) {
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    while (true) {
      try {
        running.partitionsFor(settings.topic);
        return;
      } catch (TimeoutException e) {
        if (System.nanoTime() > deadline) {
          return; // the first events wait for it, each up to maxBlock
        }
      }
    }
  }

  private static DropReason reason(Exception failure) {
    if (failure instanceof BufferExhaustedException) {
      return DropReason.LOG_FULL; // no room within max.block.ms
    }
    // Not acknowledged within the delivery timeout, or no metadata within max.block.ms.
    return failure instanceof RetriableException ? DropReason.LOG_UNAVAILABLE
        : DropReason.LOG_REJECTED;
  }

  private Properties producerProperties() {
    Properties p = new Properties();
    p.putAll(settings.clientProperties);
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "footfall-producer-" + instance);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(settings.bufferBytes));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(settings.maxBlock.toMillis()));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        Long.toString(settings.deliveryTimeout.toMillis()));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Long.toString(Math.min(30_000, settings.deliveryTimeout.toMillis() - 10)));
    return p;
  }

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.putAll(settings.clientProperties);
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
    p.put("client.id", "footfall-consumer-" + instance);
    p.put("group.id", settings.groupId);
    p.putIfAbsent("session.timeout.ms", "10000");
    p.putIfAbsent("heartbeat.interval.ms", "3000");
    return p;
  }

  /**
   * Configures a {@link KafkaEventLog}. Each setter validates its value at once. Not thread-safe.
   *
   * @since 0.3
   */
  public static final class Builder {
    private final String bootstrapServers;
    private String topic = "footfall-events";
    private int partitions = 12;
    private String groupId = "footfall";
    private boolean consume = true;
    private long bufferBytes = 32L * 1024 * 1024;
    private Duration maxBlock = Duration.ofMillis(100);
    private Duration deliveryTimeout = Duration.ofMinutes(2);
    private Duration closeTimeout = Duration.ofSeconds(10);
    private final Map<String, String> clientProperties = new LinkedHashMap<>();

    private Builder(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
    }

    /** Sets the topic (default {@code footfall-events}). */
    public Builder topic(String topic) {
      Objects.requireNonNull(topic, "topic");
      if (!topic.matches("[a-zA-Z0-9._-]{1,200}")) {
        throw new IllegalArgumentException("topic must be 1 to 200 letters, digits, '.', '_' or"
            + " '-' but was '" + topic + "'");
      }
      this.topic = topic;
      return this;
    }

    /**
     * Sets the topic's partition count (default 12): how many instances can consume at once at
     * most. The topic is created with it if absent; an existing topic must have it.
     */
    public Builder partitions(int partitions) {
      if (partitions < 1 || partitions > 10_000) {
        throw new IllegalArgumentException("partitions must be 1 to 10000 but was " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /** Sets the consumer group of the instances that store events (default {@code footfall}). */
    public Builder groupId(String groupId) {
      Objects.requireNonNull(groupId, "groupId");
      if (groupId.isBlank()) {
        throw new IllegalArgumentException("groupId must not be blank");
      }
      this.groupId = groupId;
      return this;
    }

    /**
     * Sets whether this instance consumes, that is stores the partitions it owns (default true).
     * False makes a tracking-only instance, for teams that run stand-alone ingesters.
     */
    public Builder consume(boolean consume) {
      this.consume = consume;
      return this;
    }

    /**
     * Sets the producer's buffer bound in bytes (default 32 MiB): what waits for the broker while
     * it is slow or unreachable. Past it, events are dropped as {@link DropReason#LOG_FULL}.
     */
    public Builder bufferBytes(long bytes) {
      if (bytes < 64 * 1024) {
        throw new IllegalArgumentException("bufferBytes must be at least 65536 but was " + bytes);
      }
      this.bufferBytes = bytes;
      return this;
    }

    /**
     * Sets how long appending may wait for room in the buffer or for the topic's metadata
     * (default 100 ms); it waits on Footfall's ingest thread, never on the caller of {@code track}.
     */
    public Builder maxBlock(Duration maxBlock) {
      this.maxBlock = requirePositive(maxBlock, "maxBlock");
      return this;
    }

    /**
     * Sets how long an appended event may wait for the broker's acknowledgement before it is
     * dropped as {@link DropReason#LOG_UNAVAILABLE} (default 2 minutes): the longest broker outage
     * that loses nothing, as long as the buffer holds.
     */
    public Builder deliveryTimeout(Duration timeout) {
      requirePositive(timeout, "deliveryTimeout");
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("deliveryTimeout must be at least 1 s but was "
            + timeout);
      }
      this.deliveryTimeout = timeout;
      return this;
    }

    /**
     * Sets a Kafka client setting for the producer, the consumer and the admin client, such as
     * {@code security.protocol} or {@code sasl.jaas.config}; Footfall's own settings win.
     */
    public Builder clientProperty(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      clientProperties.put(key, value);
      return this;
    }

    /** Builds the log; {@code Analytics.Builder.build()} starts it. */
    public KafkaEventLog build() {
      if (deliveryTimeout.compareTo(maxBlock) <= 0) {
        throw new IllegalStateException("deliveryTimeout (" + deliveryTimeout
            + ") must be longer than maxBlock (" + maxBlock + ")");
      }
      Builder copy = new Builder(bootstrapServers);
      copy.topic = topic;
      copy.partitions = partitions;
      copy.groupId = groupId;
      copy.consume = consume;
      copy.bufferBytes = bufferBytes;
      copy.maxBlock = maxBlock;
      copy.deliveryTimeout = deliveryTimeout;
      copy.closeTimeout = closeTimeout;
      copy.clientProperties.putAll(clientProperties);
      return new KafkaEventLog(copy);
    }

    private static Duration requirePositive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + value);
      }
      return value;
    }
  }
}
