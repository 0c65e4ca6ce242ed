package dev.footfall.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * Leases that let one of several application instances on the same database run a job at a time.
 * A lease is a named row with an owner and an expiry; it is free once it expired or its owner
 * released it. Thread-safe and safe across processes (the database arbitrates); failures throw
 * {@link dev.footfall.StorageException}.
 *
 * @since 0.1
 */
public interface LeaseStore {

  /**
   * Takes the lease for {@code owner} until {@code now + ttl} if it is free or already
   * {@code owner}'s.
   *
   * @return whether {@code owner} holds the lease now
   */
  boolean tryAcquire(String name, String owner, Instant now, Duration ttl);

  /** Frees the lease if {@code owner} holds it. */
  void release(String name, String owner);
}
