package dev.footfall.spi;

import java.util.List;
import java.util.Objects;

/**
 * The key of one group of {@link AggregateStore#groups}: the group's value of each dimension, in
 * the order the dimensions were asked for ({@code ""} for an empty value), and its time bucket's
 * {@linkplain TimeBuckets#keyOf key} when grouped by time.
 *
 * @param values one value per dimension
 * @param bucket the time bucket's key, 0 when not grouped by time
 * @since 0.3
 */
public record GroupKey(List<String> values, long bucket) {

  /** Validates and copies the values. */
  public GroupKey {
    values = List.copyOf(Objects.requireNonNull(values, "values"));
  }
}
