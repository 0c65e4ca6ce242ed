package dev.footfall;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Tracker#track} did with a request: accepted it, or dropped it with a reason.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TrackResult {
  private static final TrackResult ACCEPTED = new TrackResult(null);
  private static final Map<DropReason, TrackResult> DROPPED = new EnumMap<>(DropReason.class);

  static {
    for (DropReason reason : DropReason.values()) {
      DROPPED.put(reason, new TrackResult(reason));
    }
  }

  private final DropReason dropReason;

  private TrackResult(DropReason dropReason) {
    this.dropReason = dropReason;
  }

  /** Returns the result of an accepted request. */
  public static TrackResult accepted() {
    return ACCEPTED;
  }

  /** Returns the result of a request dropped for {@code reason}. */
  public static TrackResult dropped(DropReason reason) {
    return DROPPED.get(reason);
  }

  /** Returns whether the event was put in the buffer for storage. */
  public boolean isAccepted() {
    return dropReason == null;
  }

  /** Returns why the event was dropped, or empty if it was accepted. */
  public Optional<DropReason> dropReason() {
    return Optional.ofNullable(dropReason);
  }

  @Override
  public String toString() {
    return dropReason == null ? "accepted" : "dropped(" + dropReason + ")";
  }
}
