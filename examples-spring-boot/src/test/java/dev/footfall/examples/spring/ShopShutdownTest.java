package dev.footfall.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.jdbc.JdbiStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Closing the application stores every event it accepted, without a flush by anyone. */
final class ShopShutdownTest {
  @TempDir
  Path dir;

  @Test
  void close_storesEveryAcceptedEvent() throws Exception {
    int sent = 50;
    long accepted;
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
        ShopApplication.class).run("--server.port=0",
            "--footfall.storage.h2-directory=" + dir,
            "--footfall.http.rate-limit.enabled=false")) {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      HttpClient client = HttpClient.newHttpClient();
      for (int i = 0; i < sent; i++) {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/event"))
            .header("User-Agent", ShopApplicationTest.FIREFOX)
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("{\"n\":\"pageview\",\"u\":"
                + "\"https://shop.example/p/" + i + "\",\"d\":\"shop.example\"}"))
            .build();
        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
            .isEqualTo(202);
      }
      accepted = context.getBean(Analytics.class).stats().accepted();
    }
    assertThat(accepted).isEqualTo(sent);

    try (Analytics reopened = Analytics.builder()
        .storage(JdbiStorage.h2(dir.resolve("footfall"))).build()) {
      assertThat(reopened.storage().events().list(ShopApplication.SITE_ID, Instant.EPOCH,
          Instant.now().plus(Duration.ofDays(1)), 0, 1_000)).hasSize(sent);
    }
  }
}
