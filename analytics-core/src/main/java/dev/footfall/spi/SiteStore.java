package dev.footfall.spi;

import dev.footfall.Site;
import java.util.List;
import java.util.Optional;

/**
 * Stores {@link Site sites}. Thread-safe; failures throw {@link dev.footfall.StorageException}.
 *
 * @since 0.1
 */
public interface SiteStore {

  /** Inserts the site, or replaces the stored site with the same id. */
  void save(Site site);

  /** Returns the site with this id. */
  Optional<Site> find(String id);

  /** Returns every site, ordered by id. */
  List<Site> list();

  /**
   * Deletes the site record and its {@linkplain dev.footfall.EventType#ENGAGEMENT engagements}
   * (since 0.3), in one transaction; its events stay until retention removes them.
   *
   * @return whether a site was deleted
   */
  boolean delete(String id);
}
