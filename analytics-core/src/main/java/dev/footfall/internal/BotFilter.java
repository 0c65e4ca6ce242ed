package dev.footfall.internal;

import dev.footfall.DropReason;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a request came from something other than a person's browser: yauaa's robot,
 * hacker and spy classes, headless browsers (which yauaa marks only in the agent class), User-Agents
 * on the bundled bot-pattern list ({@link BotPatterns}: HTTP libraries, link-preview fetchers, audit
 * and automation tools, monitors that yauaa takes for browsers or leaves unknown), and empty or
 * absurd User-Agents. Stateless and thread-safe.
 */
public final class BotFilter {
  /** Longer than any real browser's User-Agent by a wide margin. */
  public static final int MAX_USER_AGENT_LENGTH = 1_024;

  private static final Set<String> ROBOT_CLASSES = Set.of(
      "Robot", "Robot Mobile", "Robot Imitator", "Spy", "Cloud Application");

  private BotFilter() {}

  /**
   * Whether yauaa's classes alone decide the drop (robot, spy, hacker), so that the pattern list
   * need not be consulted.
   */
  static boolean droppedByClass(String deviceClass, String agentClass) {
    return ROBOT_CLASSES.contains(deviceClass) || ROBOT_CLASSES.contains(agentClass)
        || deviceClass.equals("Hacker") || agentClass.equals("Hacker");
  }

  /**
   * Returns why a request must be dropped, or empty to keep it.
   *
   * @param userAgent the raw User-Agent, possibly empty
   * @param client the classification of a non-empty User-Agent, or {@link ClientInfo#UNKNOWN}
   * @param hasClientVisitorId whether the caller supplied a visitor id; server-side and imported
   *     events often have no User-Agent, and are then kept
   */
  public static Optional<DropReason> check(
      String userAgent, ClientInfo client, boolean hasClientVisitorId) {
    if (userAgent.isBlank()) {
      return hasClientVisitorId ? Optional.empty() : Optional.of(DropReason.INVALID_USER_AGENT);
    }
    if (userAgent.length() > MAX_USER_AGENT_LENGTH
        || client.deviceClass().equals("Hacker") || client.agentClass().equals("Hacker")) {
      return Optional.of(DropReason.INVALID_USER_AGENT);
    }
    if (userAgent.toLowerCase(Locale.ROOT).contains("headless")) {
      return Optional.of(DropReason.HEADLESS_BROWSER);
    }
    if (ROBOT_CLASSES.contains(client.deviceClass()) || ROBOT_CLASSES.contains(client.agentClass())
        || client.listedBot()) {
      return Optional.of(DropReason.BOT);
    }
    return Optional.empty();
  }
}
