package dev.footfall;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether this {@link Analytics} instance can do its work, from {@link Analytics#health()}: for a
 * load balancer's or an orchestrator's health check, and for Spring Boot's actuator. Immutable.
 *
 * @since 0.4
 */
public final class Health {
  private final boolean storageReachable;
  private final boolean writerStalled;
  private final Optional<Boolean> eventLogReachable;

  Health(boolean storageReachable, boolean writerStalled, Optional<Boolean> eventLogReachable) {
    this.storageReachable = storageReachable;
    this.writerStalled = writerStalled;
    this.eventLogReachable = Objects.requireNonNull(eventLogReachable, "eventLogReachable");
  }

  /** Returns whether everything below is well. */
  public boolean healthy() {
    return storageReachable && !writerStalled && eventLogReachable.orElse(true);
  }

  /** Returns whether the storage answered a read just now. */
  public boolean storageReachable() {
    return storageReachable;
  }

  /**
   * Returns whether the writer is stuck: its last write failed (it keeps retrying, and nothing
   * accepted is lost until shutdown gives up), or a batch has waited for it longer than a minute.
   */
  public boolean writerStalled() {
    return writerStalled;
  }

  /**
   * Returns whether cluster mode's event log answered its last check (every few seconds); empty on
   * a single instance.
   */
  public Optional<Boolean> eventLogReachable() {
    return eventLogReachable;
  }

  /** Returns what is wrong, in a few words, or an empty string when healthy. */
  public String problem() {
    StringBuilder problem = new StringBuilder();
    if (!storageReachable) {
      problem.append("the storage does not answer");
    }
    if (writerStalled) {
      problem.append(problem.isEmpty() ? "" : "; ").append("the writer is not storing events");
    }
    if (!eventLogReachable.orElse(true)) {
      problem.append(problem.isEmpty() ? "" : "; ").append("the event log's servers do not answer");
    }
    return problem.toString();
  }

  @Override
  public String toString() {
    return healthy() ? "Health{healthy}" : "Health{" + problem() + "}";
  }
}
