package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.Site;
import dev.footfall.memory.InMemoryStorage;
import jakarta.servlet.DispatcherType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * Registration by class name, as {@code web.xml} does it: the container instantiates the filter
 * and the servlet with their no-argument constructors, and they find the {@link Analytics} (and
 * the {@link HttpSettings}) in servlet-context attributes.
 */
final class WebXmlRegistrationIT {

  @Test
  void filterAndServletFindAnalyticsInTheServletContext() throws Exception {
    try (Analytics analytics = Analytics.builder().storage(InMemoryStorage.create()).build()) {
      analytics.sites().save(Site.of("a", "a.example", ZoneId.of("UTC"), "", Instant.EPOCH));
      Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
      ServletContextHandler context = new ServletContextHandler();
      context.setAttribute(AnalyticsServlet.ANALYTICS_ATTRIBUTE, analytics);
      context.setAttribute(AnalyticsServlet.SETTINGS_ATTRIBUTE,
          HttpSettings.builder().noRateLimit().build());
      context.addFilter(AnalyticsFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST));
      context.addServlet(AnalyticsServlet.class, "/footfall/*");
      server.setHandler(context);
      server.start();
      try {
        String base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0])
            .getLocalPort();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> viaFilter = client.send(HttpRequest.newBuilder(
                URI.create(base + "/analytics.js")).build(),
            HttpResponse.BodyHandlers.ofString(UTF_8));
        HttpResponse<String> viaServlet = client.send(HttpRequest.newBuilder(
                URI.create(base + "/footfall/api/event"))
                .header("User-Agent", JettyFixture.CHROME)
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"n\":\"pageview\",\"u\":\"https://a.example/web-xml\",\"d\":\"a.example\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString(UTF_8));
        HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(
                URI.create(base + "/footfall/nothing-here")).build(),
            HttpResponse.BodyHandlers.ofString(UTF_8));

        assertThat(viaFilter.statusCode()).isEqualTo(200);
        assertThat(viaServlet.statusCode()).isEqualTo(202);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"no such endpoint\"}");
        analytics.flush(Duration.ofMinutes(5));
        assertThat(analytics.storage().events().list("a", Instant.EPOCH,
            Instant.now().plusSeconds(60), 0, 10)).extracting(e -> e.pathname())
            .containsExactly("/web-xml");
      } finally {
        server.stop();
      }
    }
  }
}
