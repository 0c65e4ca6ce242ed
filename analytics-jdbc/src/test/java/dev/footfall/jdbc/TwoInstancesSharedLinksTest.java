package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.SharedLink;
import dev.footfall.Site;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two application instances on one database: a shared link created on one opens on the other, a
 * pass unlocked on one is honoured by the other, and a link revoked on one stops working on the
 * other at once, since no instance caches links.
 */
final class TwoInstancesSharedLinksTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @Test
  void sharedLinks_revokedOnOneInstance_stopWorkingOnTheOtherAtOnce() {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    try (Analytics a = Analytics.builder().storage(JdbiStorage.pooled(url, "", "")).clock(clock)
        .build()) {
      a.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop", Instant.EPOCH));
      try (Analytics b = Analytics.builder().storage(JdbiStorage.pooled(url, "", ""))
          .clock(clock).build()) {
        SharedLink open = a.sharedLinks().create("shop", "Board", Optional.empty());
        SharedLink locked = a.sharedLinks().create("shop", "Investors", Optional.of("pw"));
        String openToken = open.token().orElseThrow();
        String lockedToken = locked.token().orElseThrow();

        assertThat(b.sharedLinks().resolve(openToken)).map(SharedLink::id).contains(open.id());
        assertThat(b.sharedLinks().admits(openToken, null)).isTrue();
        String pass = a.sharedLinks().unlock(lockedToken, "pw").orElseThrow();
        assertThat(b.sharedLinks().admits(lockedToken, pass)).isTrue();

        assertThat(a.sharedLinks().revoke("shop", open.id())).isTrue();
        assertThat(a.sharedLinks().revoke("shop", locked.id())).isTrue();

        assertThat(b.sharedLinks().resolve(openToken)).isEmpty();
        assertThat(b.sharedLinks().admits(openToken, null)).isFalse();
        assertThat(b.sharedLinks().admits(lockedToken, pass)).isFalse();
      }
    }
  }
}
