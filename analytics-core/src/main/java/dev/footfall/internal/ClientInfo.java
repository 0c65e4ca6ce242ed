package dev.footfall.internal;

/**
 * What a User-Agent says about the client, reduced to the fields Footfall stores plus what the bot
 * filter needs. Text is never {@code null}; unknown is the empty string.
 *
 * @param deviceClass yauaa's DeviceClass, such as {@code Desktop}, {@code Phone} or {@code Robot}
 * @param agentClass yauaa's AgentClass, such as {@code Browser} or {@code Robot}
 * @param browser the browser name
 * @param browserVersion the browser's major version
 * @param os the operating system name
 * @param osVersion the operating system's major version
 * @param deviceType {@code desktop}, {@code mobile}, {@code tablet} or {@code other}
 * @param listedBot whether the User-Agent matches the bundled bot-pattern list ({@link
 *     BotPatterns}); looked up only when yauaa's classes do not already mark a robot or hacker
 */
public record ClientInfo(
    String deviceClass,
    String agentClass,
    String browser,
    String browserVersion,
    String os,
    String osVersion,
    String deviceType,
    boolean listedBot) {

  /** Nothing is known: the request carried no User-Agent. */
  public static final ClientInfo UNKNOWN = new ClientInfo("", "", "", "", "", "", "", false);
}
