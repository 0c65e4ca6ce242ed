package dev.footfall;

import java.time.Duration;

/**
 * What one {@link Job} did on this instance since {@link Analytics} was built, by its schedule or
 * by hand ({@link Jobs#run}). A run that did not start (another instance held the job's lease, or
 * the job has nothing to do in this configuration) is not counted.
 *
 * @param runs how many runs started, failed ones included
 * @param failures how many of them failed (threw; the scheduler tries again at the next run)
 * @param time the time all those runs took
 * @since 0.4
 */
public record JobStats(long runs, long failures, Duration time) {}
