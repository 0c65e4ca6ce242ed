package dev.footfall.examples;

import dev.footfall.Analytics;
import dev.footfall.kafka.KafkaEventLog;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-alone ingester for cluster mode, for teams that separate tracking from ingestion: a
 * member of the consumer group that stores the events tracking instances (such as demos started
 * with {@code FOOTFALL_KAFKA_CONSUME=false}) append to Kafka. It also runs Footfall's jobs
 * (rollups, retention), which leases keep to one instance at a time. Configured by environment
 * variables:
 *
 * <ul>
 *   <li>{@code FOOTFALL_KAFKA}: Kafka's bootstrap servers ({@code host:port}, comma-separated);
 *   <li>{@code FOOTFALL_DB}: the JDBC URL of the shared PostgreSQL or MariaDB database.
 * </ul>
 *
 * <p>Start as many as the topic has partitions (12); SIGTERM or Ctrl-C stops one after it stored
 * the batch in hand, and the others take its partitions over.
 */
public final class Ingester {
  private Ingester() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> env = System.getenv();
    String db = env.getOrDefault("FOOTFALL_DB", "");
    String servers = env.getOrDefault("FOOTFALL_KAFKA", "");
    if (!db.startsWith("jdbc:") || servers.isBlank()) {
      System.err.println("Set FOOTFALL_KAFKA to Kafka's bootstrap servers and FOOTFALL_DB to the"
          + " JDBC URL of the shared database.");
      System.exit(2);
    }
    KafkaEventLog log = KafkaEventLog.builder(servers).build();
    Analytics analytics = Analytics.builder().storage(Demo.openStorage(db)).eventLog(log).build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      analytics.close();
      System.out.println("Footfall ingester stopped.");
      stopped.countDown();
    }, "footfall-ingester-shutdown"));
    System.out.printf("Footfall ingester storing %s into %s; Ctrl-C stops it.%n", log.name(), db);
    stopped.await();
  }
}
