package dev.footfall.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A real KRaft broker in a child JVM carries records, and keeps them across a hard stop. */
final class KafkaBrokerTest {
  private static final String TOPIC = "events";
  private static final int PARTITIONS = 3;
  /** Generous: the machine may be busy; only a broken broker reaches it. */
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @Test
  void restart_keepsRecordsAndCommittedOffsets() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start()) {
      createTopic(broker);
      Map<String, String> sent = new LinkedHashMap<>();
      for (int i = 0; i < 100; i++) {
        sent.put("key-" + i, "value-" + i);
      }

      assertThat(produce(broker, sent)).as("partitions written").containsExactly(0, 1, 2);
      assertThat(consume(broker, "first", sent.size())).isEqualTo(sent);

      broker.stop();
      assertSendTimesOut(broker);

      broker.restart();
      Map<String, String> later = Map.of("key-after-restart", "value-after-restart");
      produce(broker, later);
      assertThat(consume(broker, "first", 1))
          .as("the group's committed offsets survived the restart")
          .containsExactly(entry("key-after-restart", "value-after-restart"));
      Map<String, String> all = new HashMap<>(sent);
      all.putAll(later);
      assertThat(consume(broker, "second", all.size()))
          .as("a new group reads the records from before the stop")
          .isEqualTo(all);
    }
  }

  private static void createTopic(KafkaBroker broker) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
          .all()
          .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertThat(
              admin
                  .describeTopics(List.of(TOPIC))
                  .allTopicNames()
                  .get(DEADLINE.toSeconds(), TimeUnit.SECONDS)
                  .get(TOPIC)
                  .partitions())
          .hasSize(PARTITIONS);
    }
  }

  /** Sends the records with acks=all, waiting for each; returns the partitions written. */
  private static Set<Integer> produce(KafkaBroker broker, Map<String, String> records)
      throws Exception {
    try (Producer<String, String> producer = producer(broker, Map.of())) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      records.forEach(
          (key, value) -> sends.add(producer.send(new ProducerRecord<>(TOPIC, key, value))));
      Set<Integer> partitions = new TreeSet<>();
      for (Future<RecordMetadata> send : sends) {
        partitions.add(send.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).partition());
      }
      return partitions;
    }
  }

  /** With the broker down, a send fails after max.block.ms instead of hanging. */
  private static void assertSendTimesOut(KafkaBroker broker) {
    try (Producer<String, String> producer =
        producer(broker, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000))) {
      ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "key-stopped", "value");
      assertThatThrownBy(() -> producer.send(record).get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class)
          .hasMessageContaining("not present in metadata after 2000 ms");
    }
  }

  /**
   * Polls as {@code group} from the group's committed offsets (or the start) until {@code
   * expected} records came or the deadline passed, then commits; returns them by key and checks
   * that no key came twice.
   */
  private static Map<String, String> consume(KafkaBroker broker, String group, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (Consumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (received.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
      }
      consumer.commitSync();
    }
    Map<String, String> byKey = new HashMap<>();
    received.forEach(record -> byKey.put(record.key(), record.value()));
    assertThat(byKey).as("records by key, one each").hasSize(received.size());
    return byKey;
  }

  private static Producer<String, String> producer(
      KafkaBroker broker, Map<String, Object> settings) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }
}
