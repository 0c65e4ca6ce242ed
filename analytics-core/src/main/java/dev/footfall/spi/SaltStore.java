package dev.footfall.spi;

import java.time.LocalDate;
import java.util.List;

/**
 * Stores the daily salts that key visitor-id hashes. Salts are secrets: implementations never log
 * or export them. Thread-safe; failures throw {@link dev.footfall.StorageException}.
 *
 * @since 0.1
 */
public interface SaltStore {

  /**
   * Returns the salt of a UTC day, storing {@code candidate} first if the day has none yet. When
   * several instances race, exactly one candidate wins and every caller gets the winner.
   */
  Salt getOrCreate(LocalDate day, byte[] candidate);

  /** Returns every stored salt, oldest first. */
  List<Salt> list();

  /**
   * Deletes the salts of days before {@code day}.
   *
   * @return how many salts were deleted
   */
  int deleteBefore(LocalDate day);
}
