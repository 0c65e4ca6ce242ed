package dev.footfall;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What became of the events of one {@link StoredEvents#importEvents import}: how many the tracking
 * pipeline accepted, how many it dropped and why (bots, say, as live tracking would drop them), and
 * whether the accepted ones were stored before the import returned. Immutable and thread-safe.
 *
 * @since 0.3
 */
public final class ImportResult {
  private final int accepted;
  private final Map<DropReason, Integer> dropped;
  private final boolean stored;

  ImportResult(int accepted, Map<DropReason, Integer> dropped, boolean stored) {
    this.accepted = accepted;
    this.dropped = Collections.unmodifiableMap(dropped.isEmpty()
        ? new EnumMap<>(DropReason.class) : new EnumMap<>(dropped));
    this.stored = stored;
  }

  /**
   * Returns how many events were accepted: imported minus dropped. An import that did not finish
   * storing ({@link #stored()} false) counts an event whose outcome was not known yet as accepted.
   *
   * @since 0.3
   */
  public int accepted() {
    return accepted;
  }

  /**
   * Returns how many events were dropped, by reason, in the order of {@link DropReason}; only
   * reasons that dropped an event appear.
   *
   * @since 0.3
   */
  public Map<DropReason, Integer> dropped() {
    return dropped;
  }

  /**
   * Returns whether every accepted event was stored before the import returned; {@code false} if
   * storage did not keep up within the import's timeout (the events are stored once it catches
   * up) or the flush failed.
   *
   * @since 0.3
   */
  public boolean stored() {
    return stored;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImportResult r && accepted == r.accepted && dropped.equals(r.dropped)
        && stored == r.stored;
  }

  @Override
  public int hashCode() {
    return Objects.hash(accepted, dropped, stored);
  }

  @Override
  public String toString() {
    return "ImportResult{accepted=" + accepted + ", dropped=" + dropped + ", stored=" + stored
        + "}";
  }
}
