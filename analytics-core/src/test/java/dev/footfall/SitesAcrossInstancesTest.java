package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.SiteStore;
import dev.footfall.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link Analytics} instances on one storage, as two application instances on one database: a
 * site saved or deleted on one is honoured by the other at its next site refresh, and a refresh
 * that keeps failing is reported once per outage.
 */
final class SitesAcrossInstancesTest {
  /**
   * Far above {@link Analytics#SITE_REFRESH} for a busy machine, and below the minute sites were
   * refreshed in before: these tests fail with a refresh that rare.
   */
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final Site SHOP = Site.of("shop", "shop.example", ZoneId.of("Europe/Berlin"),
      "Shop", Instant.parse("2026-01-01T00:00:00Z"));

  private final List<Analytics> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Analytics::close);
  }

  private Analytics open(Storage storage, ErrorListener errors) {
    Analytics analytics = Analytics.builder().storage(storage).errorListener(errors).build();
    opened.add(analytics);
    return analytics;
  }

  private static TrackResult trackPageview(Analytics analytics) {
    return analytics.tracker().track(TrackRequest.pageview("shop", "https://shop.example/")
        .context(RequestContext.of("203.0.113.9", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"))
        .build());
  }

  @Test
  void aSiteSavedOrDeletedOnOneInstance_isHonouredByTheOther() throws InterruptedException {
    Storage shared = InMemoryStorage.create();
    Analytics first = open(shared, ErrorListener.logging());
    Analytics second = open(shared, ErrorListener.logging());
    assertThat(trackPageview(second).dropReason()).contains(DropReason.UNKNOWN_SITE);

    first.sites().save(SHOP);
    assertThat(await(() -> trackPageview(second).isAccepted())).as("accepted by the other").isTrue();
    assertThat(second.sites().find("shop")).contains(SHOP);

    first.sites().delete("shop");
    assertThat(await(() -> trackPageview(second).dropReason().equals(Optional.of(
        DropReason.UNKNOWN_SITE)))).as("dropped by the other").isTrue();
  }

  @Test
  void aRefreshThatKeepsFailing_isReportedOncePerOutage() throws InterruptedException {
    FailingSites sites = new FailingSites(InMemoryStorage.create());
    List<String> reports = new CopyOnWriteArrayList<>();
    open(sites.storage(), (operation, error) -> reports.add(operation));

    sites.failing.set(true);
    int before = sites.failedLists.get();
    assertThat(await(() -> sites.failedLists.get() >= before + 3)).isTrue();
    assertThat(reports).containsExactly("refresh sites");

    sites.failing.set(false);
    int listed = sites.lists.get();
    assertThat(await(() -> sites.lists.get() > listed)).isTrue();
    sites.failing.set(true);
    int again = sites.failedLists.get();
    assertThat(await(() -> sites.failedLists.get() >= again + 3)).isTrue();
    assertThat(reports).containsExactly("refresh sites", "refresh sites");
  }

  /** Polls the condition until it holds or {@link #WAIT} has passed. */
  private static boolean await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  /** A storage whose site list fails while {@link #failing} is set, counting lists. */
  private static final class FailingSites implements SiteStore {
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger lists = new AtomicInteger();
    final AtomicInteger failedLists = new AtomicInteger();
    private final Storage target;

    FailingSites(Storage target) {
      this.target = target;
    }

    Storage storage() {
      return Delegating.of(Storage.class, target, name -> name.equals("sites") ? this : null);
    }

    @Override
    public List<Site> list() {
      if (failing.get()) {
        failedLists.incrementAndGet();
        throw new StorageException("cannot list sites (test outage)", null, null);
      }
      lists.incrementAndGet();
      return target.sites().list();
    }

    @Override
    public void save(Site site) {
      target.sites().save(site);
    }

    @Override
    public Optional<Site> find(String id) {
      return target.sites().find(id);
    }

    @Override
    public boolean delete(String id) {
      return target.sites().delete(id);
    }
  }
}
