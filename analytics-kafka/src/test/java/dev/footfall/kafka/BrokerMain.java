package dev.footfall.kafka;

import java.io.IOException;
import java.io.InputStream;

/**
 * The entry point of {@link KafkaBroker}'s child JVM: runs Kafka's own {@code kafka.Kafka}, and halts
 * the JVM as soon as its standard input ends, which happens when the test JVM that started it is
 * gone, even when that one was killed and ran no shutdown hook. No broker outlives a test run.
 */
public final class BrokerMain {
  private BrokerMain() {}

  /** Runs the broker with Kafka's arguments (the path of {@code server.properties}). */
  public static void main(String[] args) throws ReflectiveOperationException {
    Thread watch = new Thread(BrokerMain::haltAtEndOfInput, "parent-watch");
    watch.setDaemon(true);
    watch.start();
    // The broker's Scala entry point, called by name: kafka_2.13's classes are no API to compile to.
    Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
  }

  private static void haltAtEndOfInput() {
    InputStream in = System.in;
    try {
      while (in.read() != -1) {
        // The test JVM never writes; it only holds the pipe open.
      }
    } catch (IOException e) {
      // A broken pipe ends the input too.
    }
    Runtime.getRuntime().halt(1);
  }
}
