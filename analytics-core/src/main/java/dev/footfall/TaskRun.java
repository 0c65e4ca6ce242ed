package dev.footfall;

/**
 * What one run of a {@link ScheduledTask} did.
 *
 * @param task the task's name
 * @param ran whether it ran; {@code false} when it was running already (here or on another
 *     instance)
 * @param summary what it did, or why it did not run
 * @since 0.4
 */
public record TaskRun(String task, boolean ran, String summary) {}
