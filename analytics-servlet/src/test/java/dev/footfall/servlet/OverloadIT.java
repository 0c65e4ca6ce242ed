package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.RequestContext;
import dev.footfall.Session;
import dev.footfall.Site;
import dev.footfall.StorageException;
import dev.footfall.TrackRequest;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.micrometer.FootfallMetrics;
import dev.footfall.spi.ForwardingStorage;
import dev.footfall.spi.LogPosition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Tracking faster than storage writes: the buffer overflows, and the drops are counted by reason
 * in the Micrometer meter and in {@code GET /admin/stats} alike, while every accepted event is
 * still stored once storage catches up.
 */
final class OverloadIT {
  private static final String KEY = "0123456789abcdef";
  private static final Duration WAIT = Duration.ofMinutes(3);

  @Test
  void overload_dropsCountedByReasonInTheMeterAndAdminStats() throws Exception {
    GatedStorage storage = new GatedStorage();
    Analytics analytics = Analytics.builder().storage(storage).bufferCapacity(10).batchSize(2)
        .build();
    analytics.sites().save(Site.of("a", "a.example", ZoneId.of("UTC"), "", Instant.EPOCH));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new FootfallMetrics(analytics).bindTo(registry);
    HttpSettings settings = HttpSettings.builder().noRateLimit().adminApiKey(KEY).build();

    try (JettyFixture jetty = new JettyFixture(settings, analytics)) {
      int bufferFull = 0;
      for (int i = 0; i < 200; i++) {
        HttpResponse<String> response = jetty.postJson("/api/event", "{\"n\":\"pageview\","
            + "\"u\":\"https://a.example/" + i + "\",\"d\":\"a.example\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        if (response.headers().firstValue(AnalyticsHandler.DROPPED_HEADER).orElse("")
            .equals("buffer_full")) {
          bufferFull++;
        }
      }
      // Server code tracking for a site that is not registered: dropped at once, for its reason.
      analytics.tracker().track(TrackRequest.pageview("nowhere", "https://nowhere.example/")
          .context(RequestContext.of("203.0.113.7", JettyFixture.CHROME)).build());

      // Storage is stuck, so at most the buffer and the batches in hand were taken.
      assertThat(bufferFull).isGreaterThan(150);
      JsonNode stats = adminStats(jetty);
      assertThat(stats.get("received").asLong()).isEqualTo(201);
      assertThat(stats.get("dropped").get("buffer_full").asLong()).isEqualTo(bufferFull);
      assertThat(stats.get("dropped").get("unknown_site").asLong()).isEqualTo(1);
      assertThat(stats.get("dropped").get("bot").asLong()).isZero();
      assertThat(stats.get("dropped_total").asLong()).isEqualTo(bufferFull + 1);
      assertThat(stats.get("queue_depth").asInt()).isEqualTo(10);
      assertThat(registry.get("footfall.events.dropped").tags("reason", "buffer_full")
          .functionCounter().count()).isEqualTo(bufferFull);
      assertThat(registry.get("footfall.events.dropped").tags("reason", "unknown_site")
          .functionCounter().count()).isEqualTo(1);
      assertThat(registry.get("footfall.buffer.depth").gauge().value()).isEqualTo(10);

      storage.gate.countDown();
      assertThat(analytics.flush(WAIT)).isTrue();
      JsonNode after = adminStats(jetty);
      long accepted = after.get("accepted").asLong();
      assertThat(accepted).isEqualTo(200 - bufferFull);
      assertThat(after.get("stored").asLong()).isEqualTo(accepted);
      assertThat(after.get("pending").asLong()).isZero();
      assertThat(jetty.events("a")).hasSize((int) accepted);
      assertThat(after.get("writer").get("batches").get("count").asLong()).isPositive();
      assertThat(after.get("health").get("healthy").asBoolean()).isTrue();
    }
  }

  private static JsonNode adminStats(JettyFixture jetty) throws Exception {
    HttpResponse<String> response = jetty.send(jetty.request("/admin/stats")
        .header("Authorization", "Bearer " + KEY).GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Responses.JSON.readTree(response.body());
  }

  /** An in-memory storage whose writes wait until the gate opens: a storage that is stuck. */
  private static final class GatedStorage extends ForwardingStorage {
    final CountDownLatch gate = new CountDownLatch(1);

    GatedStorage() {
      super(InMemoryStorage.create());
    }

    @Override
    public void write(List<Event> events, Collection<Session> sessions) {
      write(events, sessions, List.of());
    }

    @Override
    public void write(List<Event> events, Collection<Session> sessions,
        Collection<LogPosition> positions) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted", e);
      }
      super.write(events, sessions, positions);
    }
  }
}
