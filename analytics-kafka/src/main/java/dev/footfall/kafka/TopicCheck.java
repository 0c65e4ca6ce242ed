package dev.footfall.kafka;

import dev.footfall.ErrorListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once when the log starts and then every {@value KafkaEventLog#CHECK_SECONDS} seconds: asks the
 * cluster for its nodes, which tells whether it is reachable, and until that succeeded once makes
 * sure the topic exists with the expected partition count. An outage is reported to the error
 * listener once, when it begins; the return is logged once.
 */
final class TopicCheck {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventLog.class);
  private static final long ANSWER_SECONDS = 4;

  private final String bootstrapServers;
  private final String topic;
  private final int partitions;
  private final ErrorListener errors;
  private final Admin admin;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "footfall-kafka-check");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean reachable = true;
  private boolean topicChecked;

  TopicCheck(String bootstrapServers, String topic, int partitions,
      Map<String, String> clientProperties, ErrorListener errors) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.partitions = partitions;
    this.errors = errors;
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(ANSWER_SECONDS * 1000));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ANSWER_SECONDS * 1000));
    this.admin = Admin.create(p);
    check(); // before the first event, so that the topic exists for it
    thread.scheduleWithFixedDelay(this::check, KafkaEventLog.CHECK_SECONDS,
        KafkaEventLog.CHECK_SECONDS, TimeUnit.SECONDS);
  }

  /** Whether the cluster answered the last check (true until a check failed). */
  boolean reachable() {
    return reachable;
  }

  void close() {
    thread.shutdownNow();
    admin.close(Duration.ofSeconds(1));
  }

  private void check() {
    try {
      admin.describeCluster().nodes().get(ANSWER_SECONDS, TimeUnit.SECONDS);
      if (!topicChecked) {
        topicChecked = ensureTopic();
      }
      if (!reachable) {
        LOG.info("Kafka at {} is reachable again", bootstrapServers);
      }
      reachable = true;
    } catch (ExecutionException | TimeoutException e) {
      if (reachable) {
        errors.onError("reach Kafka at " + bootstrapServers, new IllegalStateException(
            "Kafka is unreachable; events wait in the producer's buffer until it returns or"
                + " they are dropped (reported once per outage)"));
      }
      reachable = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      errors.onError("check Kafka topic " + topic, e);
    }
  }

  /**
   * Creates the topic if absent and compares its partition count.
   *
   * @return whether the topic was found or created
   */
  private boolean ensureTopic() throws InterruptedException, ExecutionException,
      TimeoutException {
    try {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
          .all().get(ANSWER_SECONDS, TimeUnit.SECONDS);
      LOG.info("Created Kafka topic {} with {} partitions", topic, partitions);
      return true;
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
        .get(ANSWER_SECONDS, TimeUnit.SECONDS).get(topic);
    int actual = description.partitions().size();
    if (actual != partitions) {
      errors.onError("check Kafka topic " + topic, new IllegalStateException("topic " + topic
          + " has " + actual + " partitions but the event log is set to " + partitions
          + "; visitors are assigned to partitions by that count, so set it to " + actual));
    }
    return true;
  }
}
