package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.SiteStore;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class SiteRegistryTest {
  private static final Site SHOP = Site.of("shop", "shop.example", ZoneId.of("Europe/Berlin"),
      "Shop", Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void aSaveDuringARefresh_doesNotWaitForItAndIsNotUndoneByIt() throws Exception {
    HeldList store = new HeldList(InMemoryStorage.create().sites());
    SiteRegistry registry = new SiteRegistry(store);
    CompletableFuture<Void> refresh = CompletableFuture.runAsync(registry::refresh);
    assertThat(store.listed.await(5, TimeUnit.MINUTES)).as("refresh read the store").isTrue();

    // The refresh holds a list without the site; the save must not wait for it to finish (the
    // bound only catches a save that would wait for ever).
    CompletableFuture.runAsync(() -> registry.save(SHOP)).get(5, TimeUnit.MINUTES);
    assertThat(registry.find("shop")).contains(SHOP);

    store.release.countDown();
    refresh.get(5, TimeUnit.MINUTES);
    assertThat(registry.find("shop")).as("the refresh's older list is dropped").contains(SHOP);
    registry.refresh();
    assertThat(registry.list()).containsExactly(SHOP);
  }

  /** A site store whose second list (the refresh's) is held until released, after reading. */
  private static final class HeldList implements SiteStore {
    final CountDownLatch listed = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final SiteStore target;
    private int lists;

    HeldList(SiteStore target) {
      this.target = target;
    }

    @Override
    public List<Site> list() {
      List<Site> sites = target.list();
      boolean hold;
      synchronized (this) {
        hold = ++lists == 2;
      }
      if (hold) {
        listed.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return sites;
    }

    @Override
    public void save(Site site) {
      target.save(site);
    }

    @Override
    public Optional<Site> find(String id) {
      return target.find(id);
    }

    @Override
    public boolean delete(String id) {
      return target.delete(id);
    }
  }
}
