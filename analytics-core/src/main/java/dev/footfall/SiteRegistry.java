package dev.footfall;

import dev.footfall.spi.SiteStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
  private volatile Snapshot snapshot;

  SiteRegistry(SiteStore store) {
    this.store = store;
    refresh();
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
    refresh();
  }

  /**
   * Removes a site. Its events stay in storage until retention deletes them.
   *
   * @return whether a site was removed
   * @throws StorageException if the store failed
   */
  public synchronized boolean delete(String id) {
    boolean deleted = store.delete(Objects.requireNonNull(id, "id"));
    refresh();
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
   * Reloads the sites from the store.
   *
   * @throws StorageException if the store failed; the registry then keeps what it had
   */
  public synchronized void refresh() {
    snapshot = new Snapshot(store.list());
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
