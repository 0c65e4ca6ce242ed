package dev.footfall.spi;

import dev.footfall.Event;
import dev.footfall.Session;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A storage backend: the stores for each kind of record, and the atomic write that ingestion uses.
 *
 * <p>Footfall's ingest thread calls {@link #write} with batches; jobs and the API call the stores.
 * All methods may be called concurrently. {@link #close()} is called once, by {@code
 * Analytics.close()}, after the last write.
 *
 * @since 0.1
 */
public interface Storage extends AutoCloseable {

  /** Returns the site store. */
  SiteStore sites();

  /** Returns the event store. */
  EventStore events();

  /** Returns the session store. */
  SessionStore sessions();

  /** Returns the salt store. */
  SaltStore salts();

  /** Returns the store that counts events for reports. */
  AggregateStore aggregates();

  /** Returns the day rollups. */
  RollupStore rollups();

  /** Returns the job leases. */
  LeaseStore leases();

  /**
   * Returns the goals and funnels. The default stores none: it throws {@link
   * UnsupportedOperationException}.
   *
   * @since 0.3
   */
  default GoalStore goals() {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " does not store goals and funnels");
  }

  /**
   * Returns the shared links. The default stores none: it throws {@link
   * UnsupportedOperationException}.
   *
   * @since 0.4
   */
  default SharedLinkStore sharedLinks() {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " does not store shared links");
  }

  /**
   * Returns the imported stats. The default stores none: it throws {@link
   * UnsupportedOperationException}.
   *
   * @since 0.4
   */
  default ImportStore imports() {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " does not store imports");
  }

  /**
   * Returns the recipients of email reports and the ledger of reports sent. The default stores
   * none: it throws {@link UnsupportedOperationException}.
   *
   * @since 0.4
   */
  default EmailReportStore emailReports() {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " does not store email report recipients");
  }

  /**
   * Returns whether {@link #aggregates()} answers every report fast straight from the raw events,
   * whatever its period, filters and grouping, even over years of events. Footfall then reads
   * every report from {@link #aggregates()}, never rolls up days ({@link #rollups()} is not used)
   * and holds no days in memory for reports; and raw events, being the whole history, are kept
   * until a retention is set. The default, {@code false}, suits Footfall's own stores: even
   * DuckDB, a column store, takes seconds to count exact distinct visitors and visits over
   * millions of events, which the day rollups answer in milliseconds.
   *
   * @since 0.2
   */
  default boolean countsRawEventsFast() {
    return false;
  }

  /**
   * Appends the events and upserts the session snapshots in one transaction: either all of it is
   * stored or none of it is, so that a failed write can be retried without storing an event twice.
   * The store assigns event ids. A snapshot replaces the stored session with its id unless that one
   * is newer ({@link dev.footfall.Session#isNewer}), so that two instances writing one session
   * never put older numbers over newer ones.
   *
   * <p>{@linkplain dev.footfall.EventType#ENGAGEMENT Engagements} come in {@code events} too, with
   * the session id of the visitor's open session (0 if none); a store keeps them apart from the
   * events, in the same transaction, where no event read or count sees them ({@link EventStore},
   * {@link AggregateStore#total} and the other counts), and counts them only for {@link
   * AggregateStore#engagement}. (Since 0.3; a store written before then would store them as
   * events.)
   *
   * @param events events to append, in order, with engagements among them
   * @param sessions session snapshots, at most one per session id
   * @throws dev.footfall.StorageException if the write failed and nothing was stored
   */
  void write(List<Event> events, Collection<Session> sessions);

  /**
   * Like {@link #write(List, Collection)}, and in the same transaction moves each partition's
   * stored position from {@link LogPosition#from()} to {@link LogPosition#to()}: cluster mode
   * stores what it read from an event log and how far it read in one step, so that after a crash
   * or a rebalance the log is read again from exactly where the stored events end. If a partition's
   * stored position is not {@code from} (or {@code from} is {@link LogPosition#NONE} and one is
   * stored), nothing is stored and {@link LogPositionConflictException} is thrown: another
   * instance stored that partition meanwhile. Concurrent writes for one partition are serialised,
   * so that at most one of two writes from the same position succeeds.
   *
   * <p>The default supports no positions: it calls {@link #write(List, Collection)} when there are
   * none and throws {@link UnsupportedOperationException} otherwise.
   *
   * @param positions at most one per partition
   * @throws LogPositionConflictException if a stored position differed; nothing was stored
   * @throws dev.footfall.StorageException if the write failed and nothing was stored
   * @since 0.3
   */
  default void write(List<Event> events, Collection<Session> sessions,
      Collection<LogPosition> positions) {
    if (!positions.isEmpty()) {
      throw new UnsupportedOperationException(getClass().getSimpleName()
          + " does not store event log positions, which cluster mode needs");
    }
    write(events, sessions);
  }

  /**
   * Returns the stored positions of these log partitions, by partition name; partitions with none
   * stored are absent. The default supports no positions and throws {@link
   * UnsupportedOperationException}, even for no partitions: that is how cluster mode finds out.
   *
   * @throws dev.footfall.StorageException if the read failed
   * @since 0.3
   */
  default Map<String, Long> logPositions(Collection<String> partitions) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " does not store event log positions, which cluster mode needs");
  }

  /** Releases the backend's resources, such as a connection pool it owns. */
  @Override
  void close();
}
