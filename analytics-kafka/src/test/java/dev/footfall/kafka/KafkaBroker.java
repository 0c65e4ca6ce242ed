package dev.footfall.kafka;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * One real Apache Kafka broker for tests, in KRaft mode as its own controller, running in a child
 * JVM: no Docker, no Testcontainers.
 *
 * <p>Process: the child runs Kafka's own command-line entry points ({@code kafka.tools.StorageTool}
 * to format the data directory, then {@code kafka.Kafka} through {@link BrokerMain}, which halts
 * the broker when this JVM is gone) with this JVM's classpath, where the
 * {@code kafka_2.13} test dependency puts the broker. This JVM talks to it only through
 * kafka-clients. The broker listens on 127.0.0.1 on two free ports chosen once, so {@link
 * #restart()} brings it back at the same address on the same data. Its output goes to {@code
 * broker.log} in its temporary directory, and the last lines of that log are in every failure.
 *
 * <p>Timing: the machine may be small and busy, so nothing waits a fixed time. {@link #start()}
 * and {@link #restart()} poll {@code describeCluster()} until the broker reports itself as an
 * unfenced member of its cluster, within {@link #READY_DEADLINE}.
 *
 * <p>Threading: not thread-safe; one test drives it. A shutdown hook kills the child if the test
 * JVM exits without {@link #close()}.
 *
 * <p>Public, in this module's test-jar, for {@code ClusterIngestBenchmark}: {@code kafka_2.13} must
 * then be on the benchmark's classpath too.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final int NODE_ID = 1;
  private static final Duration READY_DEADLINE = Duration.ofSeconds(120);
  private static final Duration FORMAT_DEADLINE = Duration.ofSeconds(120);
  private static final Duration EXIT_DEADLINE = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final int LOG_TAIL_LINES = 40;

  private final Path dir;
  private final int brokerPort;
  private final int controllerPort;
  private final Thread shutdownHook = new Thread(this::kill, "kafka-broker-shutdown");
  private volatile Process process;

  private KafkaBroker(Path dir, int brokerPort, int controllerPort) {
    this.dir = dir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /**
   * Formats a new data directory in a temporary directory and starts a broker on it.
   *
   * @return a broker that answers on {@link #bootstrapServers()}
   * @throws IllegalStateException if the broker did not format or become ready in time
   */
  public static KafkaBroker start() throws IOException, InterruptedException {
    int[] ports = freePorts(2);
    return start(ports[0], ports[1]);
  }

  /**
   * Like {@link #start()}, with clients on a port of the caller's choice, such as Kafka's usual
   * 9092 ({@link LocalBroker}).
   */
  static KafkaBroker start(int brokerPort) throws IOException, InterruptedException {
    int controllerPort = freePorts(1)[0];
    if (controllerPort == brokerPort) {
      throw new IllegalStateException("port " + brokerPort + " is in use");
    }
    return start(brokerPort, controllerPort);
  }

  private static KafkaBroker start(int brokerPort, int controllerPort)
      throws IOException, InterruptedException {
    KafkaBroker broker = new KafkaBroker(Files.createTempDirectory("footfall-kafka-"), brokerPort,
        controllerPort);
    Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
    try {
      broker.writeConfig();
      broker.format();
      broker.launch();
      return broker;
    } catch (Exception e) {
      try {
        broker.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** The address for clients' {@code bootstrap.servers}, the same across restarts. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /**
   * Kills the broker at once (no clean shutdown) and waits for its process to end. Does nothing if
   * it is stopped already.
   *
   * @throws IllegalStateException if the process is still alive after {@link #EXIT_DEADLINE}
   */
  void stop() throws InterruptedException {
    Process running = process;
    if (running == null) {
      return;
    }
    running.destroyForcibly();
    if (!running.waitFor(EXIT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "kafka broker " + describe() + " was still alive " + EXIT_DEADLINE + " after kill");
    }
    process = null;
  }

  /**
   * Starts the stopped broker again, on the same ports and data directory. After a kill this takes
   * about {@code broker.session.timeout.ms} (9 s) longer than {@link #start()}: the controller,
   * restarted from its log, refuses the new registration until the old one's session expires.
   *
   * @throws IllegalStateException if the broker is running, or did not become ready in time
   */
  void restart() throws IOException, InterruptedException {
    if (process != null) {
      throw new IllegalStateException("kafka broker " + describe() + " is running");
    }
    launch();
  }

  /** Stops the broker and deletes its directory, data and log included; safe to call twice. */
  @Override
  public void close() throws IOException {
    try {
      stop();
    } catch (InterruptedException e) {
      // The broker was killed already: its files can go before its process is reaped.
      Thread.currentThread().interrupt();
    }
    // Only once the broker is gone (stop throws otherwise), so that the hook still covers it.
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Called from another shutdown hook (LocalBroker's): the JVM is exiting; the files go anyway.
    }
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** The broker's log: the format's output and every run's, appended. */
  private Path logFile() {
    return dir.resolve("broker.log");
  }

  private void writeConfig() throws IOException {
    String config =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=" + NODE_ID,
            "controller.quorum.voters=" + NODE_ID + "@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:"
                + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "log.dirs=" + dir.resolve("data"),
            "offsets.topic.replication.factor=1",
            // One partition of consumer offsets instead of 50: less to create and load.
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            "");
    Files.writeString(configFile(), config, StandardCharsets.UTF_8);
  }

  /**
   * Formats the data directory for a new cluster. {@code controller.quorum.voters} makes a static
   * quorum, so no {@code --standalone} (which is for a dynamic quorum).
   */
  private void format() throws IOException, InterruptedException {
    Process formatting =
        child(
                "kafka.tools.StorageTool",
                "format",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                configFile().toString())
            .start();
    if (!formatting.waitFor(FORMAT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      formatting.destroyForcibly().waitFor();
      throw failure("did not format its storage within " + FORMAT_DEADLINE);
    }
    if (formatting.exitValue() != 0) {
      throw failure("failed to format its storage (exit code " + formatting.exitValue() + ")");
    }
  }

  private void launch() throws IOException, InterruptedException {
    // Its standard input stays a pipe from this JVM: BrokerMain halts when this JVM is gone.
    process = child(BrokerMain.class.getName(), configFile().toString()).start();
    try {
      awaitReady();
    } catch (InterruptedException | RuntimeException e) {
      try {
        stop();
      } catch (RuntimeException stopFailure) {
        e.addSuppressed(stopFailure);
      }
      throw e;
    }
  }

  /** Polls until the broker lists itself as an unfenced broker of its cluster. */
  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    String lastProblem = "no answer yet";
    try (Admin admin = Admin.create(config)) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw failure("exited with code " + process.exitValue() + " while starting");
        }
        try {
          List<Integer> nodes =
              admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                  .map(Node::id)
                  .toList();
          if (nodes.contains(NODE_ID)) {
            return;
          }
          lastProblem = "cluster lists brokers " + nodes;
        } catch (ExecutionException | TimeoutException e) {
          lastProblem = e.toString();
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    }
    throw failure("was not ready within " + READY_DEADLINE + " (last: " + lastProblem + ")");
  }

  /** A JVM on this JVM's classpath running {@code mainClass}, its output appended to the log. */
  private ProcessBuilder child(String mainClass, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        Stream.concat(
                Stream.of(
                    java,
                    "-Xmx512m",
                    // Test resources quieten Kafka for the test JVM; the broker's log keeps INFO.
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                    "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-cp",
                    classPath(),
                    mainClass),
                Stream.of(args))
            .toList();
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
  }

  /**
   * This JVM's classpath with absolute entries: the child runs in the broker's directory, and a
   * relative entry (such as {@code -cp target/benchmarks.jar}) would not be found from there.
   */
  private static String classPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private Path configFile() {
    return dir.resolve("server.properties");
  }

  private IllegalStateException failure(String what) {
    return new IllegalStateException(
        "kafka broker " + describe() + " " + what + "; last lines of " + logFile() + ":\n"
            + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
      int from = Math.max(0, lines.size() - LOG_TAIL_LINES);
      return String.join("\n", lines.subList(from, lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private String describe() {
    return "(listener=" + bootstrapServers() + ", controller=127.0.0.1:" + controllerPort
        + ", dir=" + dir + ")";
  }

  private void kill() {
    Process running = process;
    if (running != null) {
      running.destroyForcibly();
    }
  }

  /** Ports free on 127.0.0.1 now, distinct because their sockets are open together. */
  private static int[] freePorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }
}
