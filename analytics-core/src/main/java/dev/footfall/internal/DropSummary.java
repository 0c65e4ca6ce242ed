package dev.footfall.internal;

import dev.footfall.DropReason;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how many events were dropped since its last line, by reason: one line a run, none when
 * nothing was dropped, so that a drop is seen in the log without a line per event. The line is a
 * warning when accepted or arriving events were lost for want of capacity or storage, and
 * information for the filtering that is expected (bots, unknown sites). It holds counts only.
 */
public final class DropSummary implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.footfall.drops");
  private static final Set<DropReason> LOSSES = EnumSet.of(DropReason.BUFFER_FULL,
      DropReason.STORAGE_FAILURE, DropReason.REJECTED_BY_STORAGE, DropReason.INTERNAL_ERROR,
      DropReason.LOG_FULL, DropReason.LOG_UNAVAILABLE, DropReason.LOG_REJECTED);

  private final IngestCounters counters;
  private Map<DropReason, Long> reported = Map.of();

  public DropSummary(IngestCounters counters) {
    this.counters = counters;
  }

  @Override
  public void run() {
    nextLine().ifPresent(line -> {
      if (line.loss()) {
        LOG.warn(line.text());
      } else {
        LOG.info(line.text());
      }
    });
  }

  /** Returns the line for the drops since the last call, or empty if there were none. */
  synchronized Optional<Line> nextLine() {
    Map<DropReason, Long> now = counters.dropped();
    Map<DropReason, Long> since = new EnumMap<>(DropReason.class);
    now.forEach((reason, count) -> {
      long added = count - reported.getOrDefault(reason, 0L);
      if (added > 0) {
        since.put(reason, added);
      }
    });
    reported = now;
    if (since.isEmpty()) {
      return Optional.empty();
    }
    long total = since.values().stream().mapToLong(Long::longValue).sum();
    String reasons = since.entrySet().stream()
        .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + "=" + e.getValue())
        .collect(Collectors.joining(", "));
    boolean loss = since.keySet().stream().anyMatch(LOSSES::contains);
    return Optional.of(new Line("footfall: dropped " + total + " events since the last summary ("
        + reasons + "); totals in Analytics.stats()", loss));
  }

  /** A summary line, and whether it reports events lost rather than filtered. */
  record Line(String text, boolean loss) {}
}
