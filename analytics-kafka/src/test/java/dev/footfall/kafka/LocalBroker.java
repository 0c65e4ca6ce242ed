package dev.footfall.kafka;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * A local Kafka broker for trying cluster mode, from Kafka's own jars (no Docker): one KRaft node
 * on 127.0.0.1:9092 (or the port given as the only argument), with its data in a temporary
 * directory that is deleted when it stops. Run from the repository's root with {@code mvn -q -pl
 * analytics-kafka -am test-compile exec:exec -Plocal-broker}; Ctrl-C stops it.
 */
public final class LocalBroker {
  private LocalBroker() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
    KafkaBroker broker = KafkaBroker.start(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        broker.close();
      } catch (IOException e) {
        System.err.println("could not delete the broker's data: " + e.getMessage());
      }
      stopped.countDown();
    }, "local-broker-shutdown"));
    System.out.println("Kafka broker running on " + broker.bootstrapServers()
        + " (set FOOTFALL_KAFKA=" + broker.bootstrapServers() + "); Ctrl-C stops it.");
    stopped.await();
  }
}
