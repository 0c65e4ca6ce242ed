package dev.footfall;

/**
 * The counters of cluster mode's event log ({@link dev.footfall.spi.EventLog}) on this instance.
 * Events the log refused are counted in {@link AnalyticsStats#droppedByReason()} ({@link
 * DropReason#LOG_FULL}, {@link DropReason#LOG_UNAVAILABLE}, {@link DropReason#LOG_REJECTED}).
 *
 * @param appended events this instance's tracking side appended and the log acknowledged
 * @param partitions how many of the log's partitions this instance owns now
 * @param consumed records this instance read from the partitions it owns (a record read again
 *     after a failure or a rebalance counts again)
 * @param lag records in the partitions this instance owns that it has not read yet, as of its last
 *     read; 0 when it owns none or consumes nothing
 * @param reachable whether the log's servers answered the last check (every few seconds)
 * @since 0.3
 */
public record EventLogStats(long appended, int partitions, long consumed, long lag,
    boolean reachable) {}
