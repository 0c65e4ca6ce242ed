package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.spi.Salt;
import dev.footfall.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Daily salts on H2: rotation at UTC midnight, visits across midnight, deletion after 48 hours. */
final class SaltRotationTest {
  private static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static final Instant BEFORE_MIDNIGHT = Instant.parse("2026-11-20T23:55:00Z");

  private final MutableClock clock = MutableClock.at(BEFORE_MIDNIGHT);
  private Analytics analytics;

  @BeforeEach
  void open() {
    analytics = Analytics.builder()
        .storage(JdbiStorage.pooled("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", ""))
        .clock(clock)
        .build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("UTC"), "", Instant.EPOCH));
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  private Event trackAndRead(String path, String ip) {
    analytics.tracker().track(TrackRequest.pageview("shop", path)
        .context(RequestContext.of(ip, UA)).build());
    analytics.flush(Duration.ofMinutes(5));
    List<Event> events = analytics.storage().events()
        .list("shop", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 0, 1000);
    return events.stream().filter(e -> e.pathname().equals(path)).findFirst().orElseThrow();
  }

  @Test
  void visitAcrossMidnight_keepsVisitorAndSession() {
    Event before = trackAndRead("/before", "203.0.113.5");
    clock.advance(Duration.ofMinutes(10));
    Event after = trackAndRead("/after", "203.0.113.5");

    assertThat(after.visitorId()).isEqualTo(before.visitorId());
    assertThat(after.sessionId()).isEqualTo(before.sessionId());
    assertThat(analytics.storage().salts().list()).extracting(Salt::day)
        .containsExactly(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21));
  }

  @Test
  void nextDayAfterTheVisitEnded_newVisitorId() {
    Event before = trackAndRead("/before", "203.0.113.5");
    clock.advance(Duration.ofMinutes(50));
    Event after = trackAndRead("/after", "203.0.113.5");

    assertThat(after.visitorId()).isNotEqualTo(before.visitorId());
    assertThat(after.sessionId()).isNotEqualTo(before.sessionId());
  }

  @Test
  void newVisitorAfterMidnight_getsTodaysId() {
    trackAndRead("/before", "203.0.113.5");
    clock.advance(Duration.ofMinutes(10));
    Event other = trackAndRead("/other", "203.0.113.6");
    Event again = trackAndRead("/again", "203.0.113.6");
    assertThat(again.visitorId()).isEqualTo(other.visitorId());
  }

  @Test
  void saltsOlderThanYesterdayAreDeleted() {
    trackAndRead("/d0", "203.0.113.5");
    clock.advance(Duration.ofDays(1));
    trackAndRead("/d1", "203.0.113.5");
    clock.advance(Duration.ofDays(1));
    trackAndRead("/d2", "203.0.113.5");

    assertThat(analytics.storage().salts().list()).extracting(Salt::day)
        .containsExactly(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 22));
  }
}
