package dev.footfall.spi;

import java.util.List;
import java.util.Optional;

/**
 * Stores the shared links: read-only dashboards of one site, each opened by a secret token of
 * which only the hash is stored ({@link StoredSharedLink}). Every lookup goes to the storage, so
 * that a link revoked on one instance stops working at once on every instance that shares it; a
 * store must answer {@link #findByTokenHash} with one indexed read. Deleting a site ({@link
 * SiteStore#delete}) deletes its links too. Thread-safe; failures throw {@link
 * dev.footfall.StorageException}.
 *
 * @since 0.4
 */
public interface SharedLinkStore {

  /**
   * Stores a new link.
   *
   * @throws dev.footfall.StorageException if it failed, or a link with its id or token hash is
   *     stored already
   */
  void add(StoredSharedLink link);

  /** Returns the site's links, oldest first. */
  List<StoredSharedLink> list(String siteId);

  /** Returns the link with this token hash, if one is stored. */
  Optional<StoredSharedLink> findByTokenHash(String tokenHash);

  /**
   * Deletes the site's link with this id.
   *
   * @return whether there was one (a link of another site is not deleted)
   */
  boolean delete(String siteId, String id);
}
