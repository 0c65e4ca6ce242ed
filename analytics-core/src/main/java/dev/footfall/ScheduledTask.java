package dev.footfall;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A background task that a module adds to the {@link Analytics} scheduler with {@link
 * Analytics.Builder#task}, such as {@code analytics-email}'s report sender. It runs as a {@link
 * Job} does: every {@link #interval()} (the first time one interval after start-up), and by hand
 * with {@link Jobs#runTask}; each run first takes the lease {@code task:<name>} in the storage, so
 * that with several instances on one database the task runs on one instance at a time, and its
 * runs, failures and time are counted in {@link AnalyticsStats#tasks()}. A run that throws is
 * reported to the {@link ErrorListener} and tried again at the next interval.
 *
 * <p>Implementations must be thread-safe: a run by hand may overlap a scheduled run on another
 * instance (the lease keeps them from overlapping on one database).
 *
 * @since 0.4
 */
public interface ScheduledTask {

  /**
   * Returns a task of this name and interval that runs a function.
   *
   * @param name 1 to 40 lower-case letters, digits and hyphens (checked by {@link
   *     Analytics.Builder#task})
   * @param interval how long to wait between runs
   * @param run does the work once and says what it did
   */
  static ScheduledTask of(String name, Duration interval, Function<Analytics, String> run) {
    return new FunctionTask(Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(interval, "interval"), Objects.requireNonNull(run, "run"));
  }

  /**
   * Returns the task's name: 1 to 40 lower-case letters, digits and hyphens, such as {@code
   * email-reports}; unique among an instance's tasks.
   */
  String name();

  /** Returns how long to wait after one run ends before the next starts; positive. */
  Duration interval();

  /**
   * Does the task's work once, holding the lease.
   *
   * @param analytics the instance that runs the task, to read reports and stores from
   * @return what it did, in a few words, for the admin API and logs
   */
  String run(Analytics analytics);
}
