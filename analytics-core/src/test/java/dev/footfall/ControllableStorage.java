package dev.footfall;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.EventStore;
import dev.footfall.spi.LeaseStore;
import dev.footfall.spi.LogPosition;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.SaltStore;
import dev.footfall.spi.SessionStore;
import dev.footfall.spi.SiteStore;
import dev.footfall.spi.Storage;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory storage whose writes can be made to fail, wait or refuse data, for failure tests. */
final class ControllableStorage implements Storage {
  final InMemoryStorage delegate = InMemoryStorage.create();
  final AtomicInteger failuresToInject = new AtomicInteger();
  final AtomicInteger writes = new AtomicInteger();
  volatile CountDownLatch gate = new CountDownLatch(0);
  /** How long each write takes before it is carried out: a slow storage. */
  volatile long writeMillis;
  /** Once this many writes have succeeded, every further write fails: storage goes down. */
  volatile int downAfterWrites = Integer.MAX_VALUE;
  /** Writes holding an event with this path fail as a database refusing the data would. */
  volatile String refusedPath;
  /**
   * This many writes are stored and then fail, as when a connection breaks during the commit and
   * its acknowledgement is lost.
   */
  final AtomicInteger lostAcknowledgements = new AtomicInteger();

  @Override
  public SiteStore sites() {
    return delegate.sites();
  }

  @Override
  public EventStore events() {
    return delegate.events();
  }

  @Override
  public SessionStore sessions() {
    return delegate.sessions();
  }

  @Override
  public SaltStore salts() {
    return delegate.salts();
  }

  @Override
  public AggregateStore aggregates() {
    return delegate.aggregates();
  }

  @Override
  public RollupStore rollups() {
    return delegate.rollups();
  }

  @Override
  public LeaseStore leases() {
    return delegate.leases();
  }

  @Override
  public void write(List<Event> events, Collection<Session> sessions) {
    write(events, sessions, List.of());
  }

  @Override
  public void write(List<Event> events, Collection<Session> sessions,
      Collection<LogPosition> positions) {
    try {
      gate.await();
      Thread.sleep(writeMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted", e);
    }
    if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0
        || writes.get() >= downAfterWrites) {
      throw new StorageException("injected failure", null);
    }
    if (events.stream().anyMatch(e -> e.pathname().equals(refusedPath))) {
      throw new StorageException("value too long", null, "22001");
    }
    writes.incrementAndGet();
    delegate.write(events, sessions, positions);
    if (lostAcknowledgements.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new StorageException("connection broken during the commit", null);
    }
  }

  @Override
  public Map<String, Long> logPositions(Collection<String> partitions) {
    return delegate.logPositions(partitions);
  }

  @Override
  public void close() {}
}
