package dev.footfall.internal;

import dev.footfall.ErrorListener;
import dev.footfall.spi.Salt;
import dev.footfall.spi.SaltStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The salts in use: today's (UTC) and yesterday's. A new random salt is stored for each day through
 * the {@link SaltStore} (so every instance on one database agrees), and salts of days before
 * yesterday are deleted, so none lives more than 48 hours. Yesterday's salt is kept so that a visit
 * that crosses midnight can continue.
 *
 * <p>If the store fails, the ring reports it and uses a random key for the day held only in memory
 * (never an older day's key: ids must not link across days), keeping the previous day's key as
 * {@code previous} so that visits across midnight continue; it tries the store again after {@link
 * #RETRY_INTERVAL}. Thread-safe.
 */
public final class SaltRing {
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);
  private static final int KEY_BYTES = 32;

  private final SaltStore store;
  private final ErrorListener errors;
  private final SecureRandom random = new SecureRandom();
  private volatile Keys keys;
  private Instant nextAttempt = Instant.MIN;

  public SaltRing(SaltStore store, ErrorListener errors) {
    this.store = store;
    this.errors = errors;
  }

  /** Returns the keys for the UTC day of {@code now}, rotating first if the day changed. */
  public Keys keysAt(Instant now) {
    Keys current = keys;
    if (current != null && current.persisted && current.day.equals(utcDay(now))) {
      return current;
    }
    return rotate(now);
  }

  /**
   * Stores and loads the day's salt, loads yesterday's, and deletes older ones; does nothing if that
   * is already done. Also run by a scheduled job so that old salts go even without traffic.
   */
  public synchronized Keys rotate(Instant now) {
    LocalDate day = utcDay(now);
    Keys current = keys;
    if (current != null && current.persisted && current.day.equals(day)) {
      return current;
    }
    if (current != null && current.day.equals(day) && now.isBefore(nextAttempt)) {
      return current;
    }
    try {
      Salt today = store.getOrCreate(day, newKey());
      Optional<Salt> yesterday =
          store.list().stream().filter(s -> s.day().equals(day.minusDays(1))).findFirst();
      store.deleteBefore(day.minusDays(1));
      keys = new Keys(day, new KeyedHasher(today.key()),
          yesterday.map(s -> new KeyedHasher(s.key())).orElse(null), true);
    } catch (RuntimeException e) {
      errors.onError("rotate salts", e);
      nextAttempt = now.plus(RETRY_INTERVAL);
      if (current == null || !current.day.equals(day)) {
        KeyedHasher previous = current != null && current.day.equals(day.minusDays(1))
            ? current.current : null;
        keys = new Keys(day, new KeyedHasher(newKey()), previous, false);
      }
    }
    return keys;
  }

  private byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    return key;
  }

  private static LocalDate utcDay(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC);
  }

  /**
   * The hashers of one day.
   *
   * @param day the UTC day of {@code current}
   * @param current the day's hasher
   * @param previous the previous day's hasher, or {@code null} if there is no salt for it
   * @param persisted whether the key is the stored one (false for a stand-in while storage fails)
   */
  public record Keys(LocalDate day, KeyedHasher current, KeyedHasher previous, boolean persisted) {}
}
