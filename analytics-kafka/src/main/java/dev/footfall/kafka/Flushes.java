package dev.footfall.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The producer's flushes, which block without a timeout, run on their own thread so that a caller
 * can wait for one with a timeout. A flush covers the sends made before it began; a caller reuses
 * the running one when it covers the sends it waits for, so that repeated short waits during an
 * outage do not pile flushes up.
 */
final class Flushes {
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "footfall-kafka-flush");
    t.setDaemon(true);
    return t;
  });
  private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);
  private long runningCovers = -1;

  /**
   * Returns a flush that covers the first {@code sends} sends: the running one if it does, else a
   * new one.
   */
  synchronized CompletableFuture<Void> covering(long sends, Runnable flush) {
    if (runningCovers >= sends) {
      return running;
    }
    runningCovers = sends;
    running = running.isDone() ? CompletableFuture.runAsync(flush, thread)
        : running.thenRunAsync(flush, thread);
    return running;
  }

  void close() {
    thread.shutdownNow();
  }
}
