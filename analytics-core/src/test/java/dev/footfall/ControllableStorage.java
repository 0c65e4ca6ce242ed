package dev.footfall;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.ForwardingStorage;
import dev.footfall.spi.LogPosition;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory storage whose writes can be made to fail, wait or refuse data, for failure tests. */
final class ControllableStorage extends ForwardingStorage {
  final InMemoryStorage delegate;
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

  ControllableStorage() {
    this(InMemoryStorage.create());
  }

  private ControllableStorage(InMemoryStorage delegate) {
    super(delegate);
    this.delegate = delegate;
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
    super.write(events, sessions, positions);
    if (lostAcknowledgements.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new StorageException("connection broken during the commit", null);
    }
  }
}
