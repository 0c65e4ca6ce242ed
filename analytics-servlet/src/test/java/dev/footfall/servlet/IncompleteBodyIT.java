package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request bodies that stop arriving or are cut short, sent over raw sockets to a real Jetty whose
 * connector gives up on a silent connection after half a second: every endpoint that reads a body
 * answers {@code 408} (stopped) or {@code 400} (cut short) with a neutral JSON body, and the log
 * gets at most one line a minute for each kind, never a stack trace. Nothing here depends on timing
 * but Jetty's idle timeout being reached: answers (and the server's own noticing of a closed
 * connection) are awaited for up to 5 minutes.
 */
final class IncompleteBodyIT {
  private static final String KEY = "it-admin-key-0123456789";
  private static final Duration IDLE_TIMEOUT = Duration.ofMillis(500);
  private static final String NEUTRAL = "{\"error\":\"request body incomplete\"}";
  private static final String SLOW_LINE = "footfall: slow request body";
  private static final String TRUNCATED_LINE = "footfall: truncated request body";

  private JettyFixture jetty;
  private CapturedLog log;

  @BeforeEach
  void start() throws Exception {
    jetty = new JettyFixture(HttpSettings.builder().noRateLimit().adminApiKey(KEY).build(),
        IDLE_TIMEOUT);
    log = CapturedLog.start();
  }

  @AfterEach
  void stop() {
    log.close();
    jetty.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/event", "/web/analytics/track", "/admin/websites",
      "/admin/analytics-events", "/admin/analytics-events/batch"})
  void contentLengthNotReached_408NeutralBody(String path) throws Exception {
    try (RawClient client = new RawClient(jetty.port)) {
      client.send(head(path, "Content-Length: 500") + "{\"n\":");

      Answer answer = client.answer();

      assertNeutral(answer, 408);
      assertThat(answer.headers.get("content-type")).startsWith("application/json");
      assertThat(client.in.read()).as("the connection ends; the rest is not read as a request")
          .isEqualTo(-1);
    }
    assertLoggedOnceWithoutTrace(SLOW_LINE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/event", "/web/analytics/track", "/admin/analytics-events"})
  void chunkedBodyThatNeverEnds_408NeutralBody(String path) throws Exception {
    try (RawClient client = new RawClient(jetty.port)) {
      client.send(head(path, "Transfer-Encoding: chunked") + "5\r\n{\"n\":\r\n");

      Answer answer = client.answer();

      assertNeutral(answer, 408);
    }
    assertLoggedOnceWithoutTrace(SLOW_LINE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/event", "/web/analytics/track", "/admin/analytics-events"})
  void clientStopsSendingHalfWay_400NeutralBody(String path) throws Exception {
    try (RawClient client = new RawClient(jetty.port)) {
      client.send(head(path, "Content-Length: 500") + "{\"n\":");
      client.socket.shutdownOutput(); // the body ends here, 495 bytes short; answers still arrive

      Answer answer = client.answer();

      assertNeutral(answer, 400);
    }
    assertLoggedOnceWithoutTrace(TRUNCATED_LINE);
  }

  @Test
  void brokenChunkFraming_400NeutralBody() throws Exception {
    try (RawClient client = new RawClient(jetty.port)) {
      client.send(head("/api/event", "Transfer-Encoding: chunked") + "zz\r\n{\r\n");

      Answer answer = client.answer();

      assertNeutral(answer, 400);
    }
    assertLoggedOnceWithoutTrace(TRUNCATED_LINE);
  }

  @Test
  void clientClosesHalfWay_noStackTraceInTheLog() throws Exception {
    try (RawClient client = new RawClient(jetty.port)) {
      client.send(head("/api/event", "Content-Length: 500") + "{\"n\":");
      client.socket.setSoLinger(true, 0); // close with a reset, as a crashed client would
    }
    try (RawClient client = new RawClient(jetty.port)) {
      client.send(head("/web/analytics/track", "Content-Length: 500") + "{\"n\":");
    }
    // The server notices the closed connections on its own, logs the first, and lets them go.
    await(() -> !log.lines(TRUNCATED_LINE).isEmpty() && jetty.openConnections() == 0);

    assertThat(log.lines(TRUNCATED_LINE)).hasSize(1);
    assertThat(jetty.openConnections()).isZero();

    assertThat(log.text()).doesNotContain("Exception", "\tat ");
    assertThat(jetty.postJson("/api/event",
        "{\"n\":\"pageview\",\"u\":\"https://a.example/after\",\"d\":\"a.example\"}").statusCode())
        .as("the server still serves").isEqualTo(202);
  }

  @Test
  void manySlowBodies_oneLogLine() throws Exception {
    int requests = 8;
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    try {
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        String path = i % 2 == 0 ? "/api/event" : "/web/analytics/track";
        boolean chunked = i % 4 < 2;
        answers.add(pool.submit(() -> {
          try (RawClient client = new RawClient(jetty.port)) {
            client.send(chunked
                ? head(path, "Transfer-Encoding: chunked") + "1\r\n{\r\n"
                : head(path, "Content-Length: 500") + "{");
            return client.answer();
          }
        }));
      }
      for (Future<Answer> answer : answers) {
        assertThat(answer.get().status).isEqualTo(408);
      }
    } finally {
      pool.shutdownNow();
    }
    try (RawClient client = new RawClient(jetty.port)) {
      client.send(head("/api/event", "Content-Length: 500") + "{");
      client.socket.shutdownOutput();
      assertThat(client.answer().status).isEqualTo(400);
    }

    assertThat(log.lines(SLOW_LINE)).as("%s slow bodies within a minute", requests).hasSize(1);
    assertThat(log.lines(TRUNCATED_LINE)).as("another kind has its own line").hasSize(1);
    assertThat(log.text()).doesNotContain("Exception", "\tat ");
  }

  /** Waits up to 5 minutes for something the server does in its own time. */
  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
      Thread.sleep(20);
    }
  }

  private static void assertNeutral(Answer answer, int status) {
    assertThat(answer.status).isEqualTo(status);
    assertThat(answer.body).isEqualTo(NEUTRAL);
  }

  private void assertLoggedOnceWithoutTrace(String line) {
    assertThat(log.text()).doesNotContain("Exception", "\tat ");
    assertThat(log.lines(line)).hasSize(1);
  }

  private static String head(String path, String framing) {
    return "POST " + path + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\n"
        + "User-Agent: " + JettyFixture.CHROME + "\r\n"
        + "Authorization: Bearer " + KEY + "\r\n"
        + "Content-Type: application/json\r\n"
        + framing + "\r\n"
        + "\r\n";
  }

  /** The status, headers (lower-case names) and body of a response. */
  private record Answer(int status, Map<String, String> headers, String body) {}

  /** HTTP/1.1 over a socket, to send what no HTTP client would: a body that stops. */
  private static final class RawClient implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout((int) Duration.ofMinutes(5).toMillis());
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
      out.write(text.getBytes(ISO_8859_1));
      out.flush();
    }

    Answer answer() throws IOException {
      String statusLine = line();
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = line(); !line.isEmpty(); line = line()) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).strip());
      }
      byte[] body;
      if (headers.containsKey("content-length")) {
        body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(), 16); size > 0;
            size = Integer.parseInt(line(), 16)) {
          chunks.write(in.readNBytes(size));
          line();
        }
        body = chunks.toByteArray();
      } else {
        body = in.readAllBytes();
      }
      return new Answer(status, headers, new String(body, UTF_8));
    }

    private String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("the connection closed mid-response: " + line);
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * What this JVM logs while a test runs: slf4j-simple (the test binding) writes to whatever
   * {@code System.err} is at the time, which this copies, still passing it on.
   */
  private static final class CapturedLog implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    static CapturedLog start() {
      CapturedLog log = new CapturedLog();
      System.setErr(new PrintStream(new OutputStream() {
        @Override
        public void write(int b) {
          synchronized (log.copy) {
            log.copy.write(b);
          }
          log.original.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          synchronized (log.copy) {
            log.copy.write(b, off, len);
          }
          log.original.write(b, off, len);
        }
      }, true, UTF_8));
      return log;
    }

    String text() {
      synchronized (copy) {
        return copy.toString(UTF_8);
      }
    }

    List<String> lines(String containing) {
      return text().lines().filter(l -> l.contains(containing)).toList();
    }

    @Override
    public void close() {
      System.setErr(original);
    }
  }
}
