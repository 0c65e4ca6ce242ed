package dev.footfall;

/**
 * What one run of a {@link Job} did.
 *
 * @param job the job
 * @param ran whether it ran; {@code false} when another instance held its lease, or when the job
 *     has nothing to do in this configuration (no rollups to make, no retention set)
 * @param summary what it did, such as {@code deleted 1200 events and 300 sessions}, or why it did
 *     not run
 * @since 0.1
 */
public record JobRun(Job job, boolean ran, String summary) {}
