package dev.footfall.kafka;

import dev.footfall.ErrorListener;
import dev.footfall.spi.EventLog;
import dev.footfall.spi.LogPositionConflictException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consuming thread: one member of the consumer group, handing what it reads to Footfall's
 * {@link EventLog.Ingest} and resuming partitions from storage when they are assigned or a store
 * failed.
 *
 * <p>Offsets: a partition is read from its stored position when it has one (storage is the truth);
 * the group's committed offsets follow each successful store, for monitoring tools. Failures: a
 * batch that could not be stored pauses its partitions; after a back-off (100 ms doubling up to 30
 * s, polling meanwhile so that the group keeps this member) they are resumed from storage, so
 * nothing is skipped and nothing counted twice. An outage is reported once.
 */
final class LogConsumer implements ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventLog.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final EventLog.Ingest ingest;
  private final ErrorListener errors;
  private final LongAdder consumed = new LongAdder();
  private volatile long lag;
  private volatile int owned;
  private volatile boolean running = true;
  private volatile boolean halted;
  private Thread thread;
  // Used by the consuming thread only.
  /** Partitions to resume from storage, with where to read from if storage has no position. */
  private final Map<TopicPartition, Long> toResume = new HashMap<>();
  private Duration backoff = FIRST_BACKOFF;
  private long resumeAt;
  private boolean failing;

  LogConsumer(Properties properties, String topic, EventLog.Ingest ingest, ErrorListener errors) {
    Properties p = new Properties();
    p.putAll(properties);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    this.topic = topic;
    this.ingest = ingest;
    this.errors = errors;
  }

  void start(String name) {
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  long consumed() {
    return consumed.sum();
  }

  long lag() {
    return lag;
  }

  int owned() {
    return owned;
  }

  /** Stops after the batch in hand is stored, and leaves the group; after a halt, does nothing. */
  void close() {
    if (!thread.isAlive()) {
      return;
    }
    running = false;
    consumer.wakeup();
    join();
  }

  /** Stops without storing the batch in hand and without leaving the group, as a crash would. */
  void halt() {
    halted = true;
    running = false;
    consumer.wakeup();
    join();
  }

  private void join() {
    try {
      thread.join(CLOSE_TIMEOUT.multipliedBy(3).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), this);
      while (running) {
        try {
          step();
        } catch (WakeupException e) {
          return; // close or halt
        } catch (RuntimeException e) {
          errors.onError("consume Kafka topic " + topic, e);
          sleep(FIRST_BACKOFF);
        }
      }
    } finally {
      consumer.close(halted
          ? CloseOptions.groupMembershipOperation(
              CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP).withTimeout(Duration.ZERO)
          : CloseOptions.timeout(CLOSE_TIMEOUT));
    }
  }

  private void step() {
    if (!toResume.isEmpty() && System.nanoTime() - resumeAt >= 0) {
      resume();
    }
    ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
    if (halted) {
      return;
    }
    owned = consumer.assignment().size();
    lag = currentLag();
    if (!polled.isEmpty()) {
      consumed.add(polled.count());
      store(polled);
    }
  }

  private void store(ConsumerRecords<byte[], byte[]> polled) {
    List<EventLog.Record> records = new ArrayList<>(polled.count());
    Map<Integer, Long> next = new HashMap<>();
    Map<TopicPartition, Long> first = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : polled) {
      first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
      next.put(r.partition(), r.offset() + 1);
      try {
        records.add(new EventLog.Record(r.partition(), r.offset(), EntryCodec.decode(r.value())));
      } catch (IOException | RuntimeException e) {
        // Not the parser's message: it may quote the record.
        errors.onError("read Kafka topic " + topic, new IllegalArgumentException("the record at"
            + " partition " + r.partition() + ", offset " + r.offset() + " is not a Footfall"
            + " event; skipped"));
      }
    }
    try {
      ingest.store(new EventLog.Batch(records, next));
    } catch (RuntimeException e) {
      failed("store events from Kafka topic " + topic, e);
      consumer.pause(first.keySet());
      toResume.putAll(first);
      return;
    }
    recovered();
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    next.forEach((p, offset) -> commit.put(new TopicPartition(topic, p),
        new OffsetAndMetadata(offset)));
    consumer.commitAsync(commit, null);
  }

  /** Takes the paused partitions up again from their stored positions. */
  private void resume() {
    toResume.keySet().retainAll(consumer.assignment());
    Map<TopicPartition, Long> resuming = new HashMap<>(toResume);
    if (resuming.isEmpty()) {
      return;
    }
    Map<Integer, Long> stored;
    try {
      stored = ingest.assigned(partitions(resuming.keySet()));
    } catch (RuntimeException e) {
      failed("resume Kafka topic " + topic + " from storage", e);
      return;
    }
    resuming.forEach((tp, from) -> {
      Long at = stored.getOrDefault(tp.partition(), from);
      if (at != null) {
        consumer.seek(tp, at);
      }
    });
    consumer.resume(resuming.keySet());
    toResume.clear();
    recovered();
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    try {
      Map<Integer, Long> stored = ingest.assigned(partitions(partitions));
      for (TopicPartition tp : partitions) {
        Long at = stored.get(tp.partition());
        if (at != null) {
          consumer.seek(tp, at);
        }
      }
    } catch (RuntimeException e) {
      failed("take over partitions of Kafka topic " + topic, e);
      consumer.pause(partitions);
      partitions.forEach(tp -> toResume.put(tp, null));
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    ingest.revoked(partitions(partitions));
    toResume.keySet().removeAll(partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    onPartitionsRevoked(partitions);
  }

  /**
   * Reports a failure, once per outage; a partition that another instance stored first is no
   * failure but a rebalance this member has not heard of yet. Sets the next back-off.
   */
  private void failed(String what, RuntimeException e) {
    if (e instanceof LogPositionConflictException) {
      LOG.info("Another instance stored a partition of {} first; resuming it from storage", topic);
    } else if (!failing) {
      errors.onError(what + " (retried until it works; reported once)", e);
      failing = true;
    }
    resumeAt = System.nanoTime() + backoff.toNanos();
    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
        : backoff.multipliedBy(2);
  }

  private void recovered() {
    if (failing) {
      LOG.info("Storing events from Kafka topic {} works again", topic);
      failing = false;
    }
    backoff = FIRST_BACKOFF;
  }

  private long currentLag() {
    long sum = 0;
    for (TopicPartition tp : consumer.assignment()) {
      sum += consumer.currentLag(tp).orElse(0);
    }
    return sum;
  }

  private static List<Integer> partitions(Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::partition).toList();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
