package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.Site;
import dev.footfall.memory.InMemoryStorage;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty 12 server on 127.0.0.1 with {@link AnalyticsFilter} in front of a tiny application
 * (HTML at {@code /page} and {@code /private/page}, JSON at {@code /data}, 404 elsewhere), over an
 * in-memory store with sites {@code a} ({@code a.example}) and {@code b} ({@code b.example}).
 */
final class JettyFixture implements AutoCloseable {
  static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  final Analytics analytics;
  final Server server;
  final HttpClient client = HttpClient.newHttpClient();
  final String base;
  final int port;

  JettyFixture(HttpSettings settings) throws Exception {
    this(settings, (Duration) null);
  }

  /** A server whose connector gives up on a silent connection after {@code idleTimeout}. */
  JettyFixture(HttpSettings settings, Duration idleTimeout) throws Exception {
    this(settings, idleTimeout, Analytics.builder().storage(InMemoryStorage.create()).build());
    analytics.sites().save(Site.of("a", "a.example", ZoneId.of("UTC"), "", Instant.EPOCH));
    analytics.sites().save(Site.of("b", "b.example", ZoneId.of("UTC"), "", Instant.EPOCH));
  }

  /** A server over the caller's analytics (closed with the server), with no site added. */
  JettyFixture(HttpSettings settings, Analytics analytics) throws Exception {
    this(settings, null, analytics);
  }

  private JettyFixture(HttpSettings settings, Duration idleTimeout, Analytics analytics)
      throws Exception {
    this.analytics = analytics;
    server = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(new AnalyticsFilter(analytics, settings)), "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new ApplicationServlet()), "/");
    server.setHandler(context);
    if (idleTimeout != null) {
      ((ServerConnector) server.getConnectors()[0]).setIdleTimeout(idleTimeout.toMillis());
    }
    server.start();
    port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    base = "http://127.0.0.1:" + port;
  }

  HttpResponse<String> post(String path, String contentType, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("User-Agent", CHROME)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  HttpResponse<String> postJson(String path, String body, String... headers)
      throws IOException, InterruptedException {
    return post(path, "application/json", body, headers);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request.header("User-Agent", CHROME).build(),
        HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  /** How many client connections the server holds open. */
  int openConnections() {
    return ((ServerConnector) server.getConnectors()[0]).getConnectedEndPoints().size();
  }

  /** Every stored event of a site, after everything accepted so far is stored. */
  List<Event> events(String site) {
    analytics.flush(Duration.ofMinutes(5));
    return analytics.storage().events().list(site, Instant.EPOCH,
        Instant.now().plusSeconds(3600), 0, 100_000);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop Jetty", e);
    }
    analytics.close();
  }

  /** The host application behind the filter. */
  private static final class ApplicationServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String path = request.getRequestURI();
      if (path.equals("/page") || path.equals("/private/page")) {
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write("<!doctype html><title>page</title><p>hello");
      } else if (path.equals("/data")) {
        response.setContentType("application/json");
        response.getWriter().write("{}");
      } else {
        response.sendError(404);
      }
    }
  }
}
