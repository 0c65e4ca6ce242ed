package dev.footfall.internal;

/**
 * Sizes Footfall's in-memory structures to the JVM's heap ({@link Runtime#maxMemory()}), for their
 * defaults: a flood of distinct visitors fills each to its bound, so each bound must be a share of
 * the heap, not a fixed count.
 */
public final class HeapShare {
  private HeapShare() {}

  /**
   * Returns how many entries of {@code bytesEach} fit in {@code percent} of the heap, at least one
   * and at most {@code max}.
   */
  public static long count(int percent, long bytesEach, long max) {
    return count(Runtime.getRuntime().maxMemory(), percent, bytesEach, max);
  }

  static long count(long heap, int percent, long bytesEach, long max) {
    return Math.max(1, Math.min(max, heap / 100 * percent / bytesEach));
  }
}
