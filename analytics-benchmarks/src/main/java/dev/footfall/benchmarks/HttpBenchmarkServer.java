package dev.footfall.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Analytics;
import dev.footfall.Site;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.servlet.AnalyticsServlet;
import dev.footfall.servlet.HttpSettings;
import dev.footfall.spi.Storage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * The server side of the HTTP load test ({@code analytics-benchmarks/http-benchmark.sh} drives it
 * with wrk): on 127.0.0.1, either a bare Jetty servlet that parses the same JSON and answers 202
 * (the ceiling), or Footfall's {@code /api/event} over an H2 file database ({@code footfall}) or over
 * the in-memory store ({@code footfall-memory}, the HTTP layer's own cost). On SIGTERM it stops
 * Jetty, closes Footfall (storing every accepted event) and prints the counters.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.footfall.benchmarks.HttpBenchmarkServer
 * bare|footfall|footfall-memory PORT [H2_PATH]}.
 */
public final class HttpBenchmarkServer {
  private HttpBenchmarkServer() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    Server server = new Server(new InetSocketAddress("127.0.0.1", port));
    ServletContextHandler context = new ServletContextHandler();
    Analytics analytics = null;
    if (mode.equals("bare")) {
      context.addServlet(new ServletHolder(new BareServlet()), "/*");
    } else {
      Storage storage = mode.equals("footfall-memory") ? InMemoryStorage.create()
          : JdbiStorage.h2(Path.of(args[2]));
      analytics = Analytics.builder().storage(storage).build();
      analytics.sites().save(Site.of(SampleTraffic.SITE, SampleTraffic.DOMAIN, ZoneId.of("UTC"),
          "", Instant.now()));
      // wrk sends an X-Forwarded-For per request to stand for 5,000 visitors, so trust loopback.
      // A dedicated ingestion server: requests wait for buffer room rather than lose events.
      HttpSettings settings = HttpSettings.builder().noRateLimit()
          .trustedProxies(List.of("127.0.0.1")).maxBackpressureWait(Duration.ofSeconds(1)).build();
      context.addServlet(new ServletHolder(new AnalyticsServlet(analytics, settings)), "/*");
    }
    server.setHandler(context);
    server.start();
    System.out.println("ready " + mode + " on " + port);

    CountDownLatch stopped = new CountDownLatch(1);
    Analytics footfall = analytics;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop();
      } catch (Exception e) {
        System.out.println("stopping jetty failed: " + e);
      }
      if (footfall != null) {
        footfall.flush(Duration.ofMinutes(5));
        long rows = footfall.storage().events().count(SampleTraffic.SITE, Instant.EPOCH,
            Instant.now().plusSeconds(60));
        footfall.close();
        System.out.println("stats " + footfall.stats() + " rowsInDatabase=" + rows);
      }
      stopped.countDown();
    }));
    stopped.await();
  }

  /** Parses the body as Footfall does and answers 202: the ceiling for the HTTP layer. */
  private static final class BareServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      JsonNode body = JSON.readTree(request.getInputStream().readNBytes(64 * 1024));
      if (body == null || !body.isObject() || !body.has("n")) {
        response.setStatus(400);
        return;
      }
      byte[] ok = "ok".getBytes(UTF_8);
      response.setStatus(202);
      response.setContentType("text/plain; charset=utf-8");
      response.setContentLength(ok.length);
      response.getOutputStream().write(ok);
    }
  }
}
