package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.footfall.Analytics;
import dev.footfall.Site;
import dev.footfall.memory.InMemoryStorage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * {@link AnalyticsHandler} needs no servlet container: here it runs inside the JDK's own HTTP
 * server through a small {@link HttpExchange} adapter, as it would inside Spring WebFlux,
 * Javalin or Vert.x.
 */
final class FrameworkNeutralHandlerTest {

  /** The whole adapter a framework needs. */
  private static HttpExchange adapt(com.sun.net.httpserver.HttpExchange jdk) {
    return new HttpExchange() {
      @Override public String method() { return jdk.getRequestMethod(); }
      @Override public String path() { return jdk.getRequestURI().getPath(); }
      @Override public String requestHeader(String name) {
        return jdk.getRequestHeaders().getFirst(name);
      }
      @Override public String remoteAddress() {
        return jdk.getRemoteAddress().getAddress().getHostAddress();
      }
      @Override public long contentLength() {
        String length = jdk.getRequestHeaders().getFirst("Content-Length");
        return length == null ? -1 : Long.parseLong(length);
      }
      @Override public InputStream body() { return jdk.getRequestBody(); }
      @Override public void responseHeader(String name, String value) {
        jdk.getResponseHeaders().set(name, value);
      }
      @Override public void respond(int status, String contentType, byte[] body)
          throws IOException {
        if (contentType != null) {
          jdk.getResponseHeaders().set("Content-Type", contentType);
        }
        jdk.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        jdk.getResponseBody().write(body);
        jdk.close();
      }
    };
  }

  @Test
  void handler_worksInsideAnotherHttpServer() throws Exception {
    try (Analytics analytics = Analytics.builder().storage(InMemoryStorage.create()).build()) {
      analytics.sites().save(Site.of("a", "a.example", ZoneId.of("UTC"), "", Instant.EPOCH));
      AnalyticsHandler handler = AnalyticsHandler.create(analytics);
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        if (!handler.handle(adapt(exchange))) {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        }
      });
      server.start();
      try {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/api/event"))
                .header("User-Agent", JettyFixture.CHROME)
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"n\":\"pageview\",\"u\":\"https://a.example/neutral\",\"d\":\"a.example\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString(UTF_8));

        assertThat(response.statusCode()).isEqualTo(202);
        analytics.flush(Duration.ofMinutes(5));
        assertThat(analytics.storage().events().list("a", Instant.EPOCH,
            Instant.now().plusSeconds(60), 0, 10)).extracting(e -> e.pathname())
            .containsExactly("/neutral");
      } finally {
        server.stop(0);
      }
    }
  }
}
