package dev.footfall.spi;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * The random secret of one UTC day. {@link #toString()} never shows the key.
 *
 * @since 0.1
 */
public final class Salt {
  private final LocalDate day;
  private final byte[] key;

  /**
   * Creates a salt.
   *
   * @throws IllegalArgumentException if the key is shorter than 16 bytes
   */
  public Salt(LocalDate day, byte[] key) {
    this.day = Objects.requireNonNull(day, "day");
    Objects.requireNonNull(key, "key");
    if (key.length < 16) {
      throw new IllegalArgumentException("salt key must be at least 16 bytes but was " + key.length);
    }
    this.key = key.clone();
  }

  /** Returns the UTC day the salt belongs to. */
  public LocalDate day() {
    return day;
  }

  /** Returns a copy of the secret key. */
  public byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Salt && ((Salt) o).day.equals(day) && Arrays.equals(((Salt) o).key, key);
  }

  @Override
  public int hashCode() {
    return day.hashCode();
  }

  @Override
  public String toString() {
    return "Salt{day=" + day + ", key=<secret>}";
  }
}
