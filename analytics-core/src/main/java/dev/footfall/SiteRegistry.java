package dev.footfall;

import dev.footfall.spi.SiteStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registered sites, kept in memory in front of the {@link SiteStore} so that tracking never
 * waits on the database to find a site. Changes made through this registry apply at once; changes
 * made by another application instance on the same database appear after {@link #refresh()}, which
 * {@link Analytics} runs every second. Thread-safe.
 *
 * @since 0.1
 */
public final class SiteRegistry {
  private final SiteStore store;
  /**
   * Counts the {@link #save}s and {@link #delete}s done, each counted after its new snapshot is in
   * place: a refresh that sees the count change while it read the store may have read the store
   * before the change, and drops what it read.
   */
  private final AtomicLong changes = new AtomicLong();
  private volatile Snapshot snapshot;

  SiteRegistry(SiteStore store) {
    this.store = store;
    this.snapshot = new Snapshot(store.list());
  }

  /**
   * Registers a site, or replaces the site with the same id.
   *
   * @throws IllegalArgumentException if another site already has the same domain
   * @throws StorageException if the store failed
   */
  public synchronized void save(Site site) {
    Objects.requireNonNull(site, "site");
    Site sameDomain = snapshot.byDomain.get(site.domain());
    if (sameDomain != null && !sameDomain.id().equals(site.id())) {
      throw new IllegalArgumentException("site domain '" + site.domain()
          + "' is already registered to site '" + sameDomain.id() + "'");
    }
    store.save(site);
    snapshot = new Snapshot(store.list());
    changes.incrementAndGet();
  }

  /**
   * Removes a site. Its events stay in storage until retention deletes them.
   *
   * @return whether a site was removed
   * @throws StorageException if the store failed
   */
  public synchronized boolean delete(String id) {
    boolean deleted = store.delete(Objects.requireNonNull(id, "id"));
    snapshot = new Snapshot(store.list());
    changes.incrementAndGet();
    return deleted;
  }

  /** Returns the site with this id. */
  public Optional<Site> find(String id) {
    return Optional.ofNullable(snapshot.byId.get(id));
  }

  /** Returns the site with this domain; a leading {@code www.} and letter case are ignored. */
  public Optional<Site> findByDomain(String domain) {
    return Optional.ofNullable(snapshot.byDomain.get(Site.normalizeDomain(domain)));
  }

  /** Returns every site, ordered by id. */
  public List<Site> list() {
    return snapshot.all;
  }

  /**
   * Reloads the sites from the store. The store is read without holding the registry's lock, so
   * that {@link #save} and {@link #delete} never wait on a slow store behind a refresh; a list read
   * while one of them ran is dropped, as it may miss its change.
   *
   * @throws StorageException if the store failed; the registry then keeps what it had
   */
  public void refresh() {
    long before = changes.get();
    List<Site> sites = store.list();
    synchronized (this) {
      if (changes.get() == before) {
        snapshot = new Snapshot(sites);
      }
    }
  }

  private static final class Snapshot {
    final List<Site> all;
    final Map<String, Site> byId = new HashMap<>();
    final Map<String, Site> byDomain = new HashMap<>();

    Snapshot(List<Site> sites) {
      this.all = List.copyOf(sites);
      for (Site site : sites) {
        byId.put(site.id(), site);
        byDomain.put(site.domain(), site);
      }
    }
  }
}
