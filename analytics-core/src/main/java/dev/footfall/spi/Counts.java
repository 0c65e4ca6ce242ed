package dev.footfall.spi;

/**
 * The sums every metric is computed from, for one group of matching events. The event sums count
 * the matching events themselves; the session sums count the sessions those events belong to, read
 * from the stored sessions (a session not yet stored is left out of them).
 *
 * @param visitors distinct visitor ids
 * @param pageviews pageview events
 * @param events events of any type
 * @param visits distinct session ids
 * @param conversions distinct visitor ids among the events named as the goal
 * @param sessions stored sessions among those session ids
 * @param sessionPageviews the sum of those sessions' pageviews
 * @param bounces how many of those sessions bounced
 * @param durationSeconds the sum of those sessions' durations, a bounce counting as 0
 * @since 0.1
 */
public record Counts(long visitors, long pageviews, long events, long visits, long conversions,
    long sessions, long sessionPageviews, long bounces, long durationSeconds) {

  /** Counts of no events. */
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Returns these event sums with the given session sums. */
  public Counts withSessions(long sessions, long sessionPageviews, long bounces,
      long durationSeconds) {
    return new Counts(visitors, pageviews, events, visits, conversions, sessions, sessionPageviews,
        bounces, durationSeconds);
  }
}
