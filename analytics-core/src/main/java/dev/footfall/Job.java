package dev.footfall;

import dev.footfall.internal.EnumKeys;
import java.util.Objects;

/**
 * The background jobs {@link Analytics} runs on its scheduler, and that {@link Jobs#run} runs by
 * hand. With several application instances on one database, each job runs on one instance at a
 * time.
 *
 * @since 0.1
 */
public enum Job {
  /** Marks sessions idle for the session timeout as ended (every 5 minutes by default). */
  FINALIZE_SESSIONS,
  /** Deletes raw events, and ended sessions, older than the retention period (hourly). */
  RETENTION,
  /**
   * Rolls up each site's completed days that are not rolled up yet (every 10 minutes, and a minute
   * after start-up); see {@link Rollups}.
   */
  ROLLUP,
  /** Creates the day's visitor-hash salt and deletes salts older than yesterday's (every 10 minutes). */
  ROTATE_SALTS;

  /** Returns the name used in the admin API and in lease rows, such as {@code retention}. */
  public String key() {
    return EnumKeys.key(this);
  }

  /**
   * Returns the job with this {@linkplain #key() key}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public static Job fromKey(String key) {
    return EnumKeys.fromKey(Job.class, Objects.requireNonNull(key, "key"), "job");
  }
}
