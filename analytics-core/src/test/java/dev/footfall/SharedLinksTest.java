package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.ForwardingStorage;
import dev.footfall.spi.StoredSharedLink;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating, listing, resolving and revoking shared links, and their passwords and passes. */
final class SharedLinksTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00.123456Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
  private InMemoryStorage storage;
  private Analytics analytics;
  private SharedLinks links;

  @BeforeEach
  void open() {
    storage = InMemoryStorage.create();
    analytics = Analytics.builder().storage(storage).clock(new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    }).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop", Instant.EPOCH));
    analytics.sites().save(Site.of("blog", "blog.example", ZoneOffset.UTC, "Blog", Instant.EPOCH));
    links = analytics.sharedLinks();
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  @Test
  void create_returnsTheTokenOnce_andStoresOnlyItsHash() {
    SharedLink link = links.create("shop", "  Board  ", Optional.empty());

    String token = link.token().orElseThrow();
    assertThat(token).matches("[A-Za-z0-9_-]{43}"); // 256 bits, URL-safe base64
    assertThat(link.siteId()).isEqualTo("shop");
    assertThat(link.name()).isEqualTo("Board");
    assertThat(link.passwordProtected()).isFalse();
    assertThat(link.createdAt()).isEqualTo(Instant.parse("2026-12-06T12:00:00.123Z"));
    now.set(NOW.plusSeconds(1)); // a later link: listed after the first
    assertThat(links.create("shop", "", Optional.empty()).token()).isNotEqualTo(link.token());

    StoredSharedLink stored = storage.sharedLinks().list("shop").get(0);
    assertThat(stored.tokenHash()).isEqualTo(SharedLinks.tokenHash(token)).doesNotContain(token)
        .hasSize(64);
    assertThat(stored.passwordHash()).isEmpty();
    assertThat(links.list("shop")).extracting(SharedLink::name)
        .containsExactly("Board", "Shared link");
    assertThat(links.list("shop")).allSatisfy(l -> assertThat(l.token()).isEmpty());
    assertThat(links.list("blog")).isEmpty();
  }

  @Test
  void resolve_findsTheLinkByItsToken_andNothingForAnyOtherOrARevokedOne() {
    SharedLink link = links.create("shop", "Board", Optional.empty());
    String token = link.token().orElseThrow();

    assertThat(links.resolve(token)).map(SharedLink::siteId).contains("shop");
    assertThat(links.resolve(token)).map(SharedLink::id).contains(link.id());
    assertThat(links.admits(token, null)).isTrue();
    assertThat(links.unlock(token, "anything")).as("no password, no pass needed").contains("");
    assertThat(links.resolve(token.substring(1))).isEmpty();
    assertThat(links.resolve("")).isEmpty();
    assertThat(links.resolve("x".repeat(10_000))).isEmpty();

    assertThat(links.revoke("blog", link.id())).as("another site's link").isFalse();
    assertThat(links.resolve(token)).isPresent();
    assertThat(links.revoke("shop", link.id())).isTrue();
    assertThat(links.revoke("shop", link.id())).isFalse();
    assertThat(links.resolve(token)).isEmpty();
    assertThat(links.admits(token, null)).isFalse();
    assertThat(links.list("shop")).isEmpty();
  }

  @Test
  void password_isStoredAsASlowSaltedHash_andUnlocksAPassThatExpires() {
    SharedLink link = links.create("shop", "Board", Optional.of("correct horse"));
    String token = link.token().orElseThrow();
    assertThat(link.passwordProtected()).isTrue();
    String hash = storage.sharedLinks().list("shop").get(0).passwordHash();
    assertThat(hash).startsWith("pbkdf2-sha256$" + SharedLinks.ITERATIONS + "$")
        .doesNotContain("correct horse");
    assertThat(SharedLinks.ITERATIONS).isGreaterThanOrEqualTo(600_000);

    assertThat(links.admits(token, null)).isFalse();
    assertThat(links.unlock(token, "wrong")).isEmpty();
    assertThat(links.unlock("no such token", "correct horse")).isEmpty();
    String pass = links.unlock(token, "correct horse").orElseThrow();
    assertThat(links.admits(token, pass)).isTrue();
    assertThat(links.admits(token, pass + "x")).isFalse();
    assertThat(links.admits(token, "99999999999." + pass.substring(pass.indexOf('.') + 1)))
        .as("a later expiry with the same signature").isFalse();
    assertThat(links.admits(token, "garbage")).isFalse();

    SharedLink other = links.create("shop", "Other", Optional.of("correct horse"));
    assertThat(links.admits(other.token().orElseThrow(), pass)).as("another link's pass")
        .isFalse();

    now.set(NOW.plus(SharedLinks.PASS_LIFETIME));
    assertThat(links.admits(token, pass)).as("expired").isFalse();

    links.revoke("shop", link.id());
    assertThat(links.unlock(token, "correct horse")).isEmpty();
  }

  @Test
  void create_refusesBadInputAndUnknownSites() {
    assertThatThrownBy(() -> links.create("nope", "x", Optional.empty()))
        .isInstanceOf(UnknownSiteException.class);
    assertThatThrownBy(() -> links.create("shop", "x".repeat(121), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must be at most 120 characters but had 121");
    assertThatThrownBy(() -> links.create("shop", "x", Optional.of(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("password must not be blank");
    assertThatThrownBy(() -> links.list("nope")).isInstanceOf(UnknownSiteException.class);
    assertThatThrownBy(() -> links.revoke("nope", "id"))
        .isInstanceOf(UnknownSiteException.class);
  }

  @Test
  void deletingASite_revokesItsLinks() {
    String token = links.create("shop", "Board", Optional.empty()).token().orElseThrow();
    analytics.sites().delete("shop");

    assertThat(links.resolve(token)).isEmpty();
    assertThat(storage.sharedLinks().findByTokenHash(SharedLinks.tokenHash(token))).isEmpty();
  }

  @Test
  void aStorageWithoutSharedLinks_throwsUnsupportedOperation() {
    Analytics without = Analytics.builder().storage(new ForwardingStorage(InMemoryStorage.create()) {
      @Override
      public dev.footfall.spi.SharedLinkStore sharedLinks() {
        throw new UnsupportedOperationException("no shared links here");
      }
    }).build();
    try {
      assertThatThrownBy(() -> without.sharedLinks().resolve("token"))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessage("the storage does not store shared links");
    } finally {
      without.close();
    }
  }
}
