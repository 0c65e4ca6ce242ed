package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory is bounded by the heap: Footfall with its default settings, in a JVM with a small heap,
 * takes a flood of distinct visitors (one request each from as many IPv6 addresses, which is cheap
 * for an attacker) through {@code POST /api/event} and keeps working — the sessions, the
 * rate limiter's buckets and the ingest buffer each stay within their share of the heap; sessions
 * that do not fit are evicted and counted, requests the full buffer refuses are counted — with no
 * {@link OutOfMemoryError} anywhere. {@link SmallHeapFlood} runs in the child JVM and checks the
 * counts; its outcome does not depend on the machine's speed.
 */
final class SmallHeapFloodIT {
  /**
   * A small heap. yauaa's User-Agent analyzer alone holds about 140 MB of it, so Footfall does not
   * start below about 150 MB; this flood still fits in 176 MB and ran out of memory in 160 MB, so 256
   * MB leaves a margin. With the former fixed defaults (1,000,000 sessions, 100,000 rate-limiter
   * clients) the same flood ran out of memory in 256 MB, after a minute of collecting garbage.
   */
  private static final String HEAP = "-Xmx256m";
  /** Three times the sessions that 10 % of 256 MB holds, four times the rate limiter's clients. */
  private static final int VISITORS = 150_000;

  @Test
  void floodOfDistinctVisitors_keepsWorkingWithinTheHeap(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("child.log");
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        HEAP, "-XX:+ExitOnOutOfMemoryError", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"),
        SmallHeapFlood.class.getName(), String.valueOf(VISITORS))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = child.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly().waitFor();
    }
    String output = Files.readString(log);
    System.out.println(output);

    assertThat(ended).as("the child ended: " + output).isTrue();
    assertThat(output).doesNotContain("OutOfMemoryError");
    // -XX:+ExitOnOutOfMemoryError: an OutOfMemoryError in any thread ends the child with code 3.
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("flood ok");
  }
}
