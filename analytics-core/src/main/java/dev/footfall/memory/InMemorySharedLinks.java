package dev.footfall.memory;

import dev.footfall.StorageException;
import dev.footfall.spi.SharedLinkStore;
import dev.footfall.spi.StoredSharedLink;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shared links by id. */
final class InMemorySharedLinks implements SharedLinkStore {
  private final Map<String, StoredSharedLink> links = new HashMap<>();

  @Override
  public synchronized void add(StoredSharedLink link) {
    if (links.containsKey(link.id()) || findByTokenHash(link.tokenHash()).isPresent()) {
      throw new StorageException("cannot add a shared link: its id or token hash is"
          + " stored already", null, null);
    }
    links.put(link.id(), link);
  }

  @Override
  public synchronized List<StoredSharedLink> list(String siteId) {
    return links.values().stream().filter(link -> link.siteId().equals(siteId))
        .sorted(Comparator.comparing(StoredSharedLink::createdAt)
            .thenComparing(StoredSharedLink::id))
        .toList();
  }

  @Override
  public synchronized Optional<StoredSharedLink> findByTokenHash(String tokenHash) {
    return links.values().stream().filter(link -> link.tokenHash().equals(tokenHash)).findFirst();
  }

  @Override
  public synchronized boolean delete(String siteId, String id) {
    StoredSharedLink link = links.get(id);
    if (link == null || !link.siteId().equals(siteId)) {
      return false;
    }
    links.remove(id);
    return true;
  }

  /** Deletes every link of the site, when the site is deleted. */
  synchronized void deleteSite(String siteId) {
    links.values().removeIf(link -> link.siteId().equals(siteId));
  }
}
