package dev.footfall.spi;

import dev.footfall.DropReason;
import dev.footfall.ErrorListener;
import dev.footfall.Event;
import dev.footfall.EventLogStats;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A durable, partitioned log between tracking and storage: <em>cluster mode</em>, in which several
 * application instances share the traffic and every visitor has exactly one owner. Footfall's
 * tracking side enriches each request (bot filter, device, source, country, hashed visitor id) and
 * {@linkplain #append appends} the derived event, keyed by site and visitor; the log delivers each
 * partition's records, in order, to the one instance of a group that owns the partition, through
 * {@link Ingest}, which assigns sessions and stores them. The {@code analytics-kafka} module
 * implements it on Apache Kafka.
 *
 * <p>What a log carries is derived data only: never a raw IP address or User-Agent.
 *
 * @since 0.3
 */
public interface EventLog extends AutoCloseable {

  /**
   * Returns the log's name, unique among the logs that share a database, such as {@code
   * kafka:footfall-events}; partitions' stored positions are named after it.
   */
  String name();

  /** Returns the partition that a visitor's events go to: the same on every instance. */
  int partitionOf(String siteId, long visitorId);

  /**
   * Starts the log: from now on {@link #append} may be called and, if this instance consumes, the
   * log delivers records to {@code ingest}. Called once, by {@code Analytics.Builder.build()}.
   *
   * @param errors where failures go, each outage once rather than once per event
   */
  void start(Ingest ingest, ErrorListener errors);

  /**
   * Appends an event without blocking for longer than the log's configured bound (a full buffer
   * or a broker that does not answer). {@code outcome} is called exactly once, from any thread:
   * with an empty value once the log has durably taken the event, or with the reason it was
   * dropped ({@link DropReason#LOG_FULL}, {@link DropReason#LOG_UNAVAILABLE}, {@link
   * DropReason#LOG_REJECTED}).
   */
  void append(Entry entry, Consumer<Optional<DropReason>> outcome);

  /**
   * Waits until every event appended before this call has its outcome.
   *
   * @return whether that happened within the timeout
   */
  boolean flush(Duration timeout) throws InterruptedException;

  /** Returns the log's counters. */
  EventLogStats stats();

  /**
   * Stops appending and consuming: it waits for appended events as {@link #flush} does (up to the
   * log's own bound), lets a batch being stored finish, and leaves the group so that others take
   * its partitions over at once. Called by {@code Analytics.close()} before the storage closes.
   */
  @Override
  void close();

  /**
   * An enriched event as the log carries it.
   *
   * @param event the event, without id or session
   * @param previousVisitorId the visitor's id under yesterday's salt, if there is one: the owner
   *     keeps that id when the visitor's session under it is still open, so that a visit across
   *     midnight continues
   */
  record Entry(Event event, OptionalLong previousVisitorId) {
    /** Checks the values. */
    public Entry {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(previousVisitorId, "previousVisitorId");
    }
  }

  /**
   * An entry read back from the log.
   *
   * @param partition the partition it was read from
   * @param offset its position in the partition
   */
  record Record(int partition, long offset, Entry entry) {
    /** Checks the values. */
    public Record {
      Objects.requireNonNull(entry, "entry");
    }
  }

  /**
   * What one read returned: the readable records, in order within each partition, and, per
   * partition read, the offset after the last record read (readable or not; a record the log
   * could not read is reported to the error listener by the log and skipped).
   */
  record Batch(List<Record> records, Map<Integer, Long> nextOffsets) {
    /** Copies the values. */
    public Batch {
      records = List.copyOf(records);
      nextOffsets = Map.copyOf(nextOffsets);
    }
  }

  /**
   * Footfall's side of consumption, implemented by Footfall and called by the log from one thread
   * at a time.
   */
  interface Ingest {

    /**
     * Takes partitions over: loads the open sessions of their visitors from storage and returns
     * their stored positions (partitions with none stored are absent), from which the log must
     * deliver them. Also called again for partitions already held after {@link #store} failed,
     * to resume them from storage.
     *
     * @throws dev.footfall.StorageException if storage could not be read; the log retries later
     */
    Map<Integer, Long> assigned(Collection<Integer> partitions);

    /** Lets partitions go, which this instance no longer owns; everything delivered is stored. */
    void revoked(Collection<Integer> partitions);

    /**
     * Assigns sessions to a batch's events and stores them, their sessions and the partitions' new
     * positions in one transaction. Records before a partition's stored position were stored
     * before and are skipped.
     *
     * @throws dev.footfall.StorageException if nothing was stored; the log then resumes the
     *     batch's partitions through {@link #assigned}
     */
    void store(Batch batch);
  }
}
