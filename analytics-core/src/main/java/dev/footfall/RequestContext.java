package dev.footfall;

import dev.footfall.internal.CountryCodes;
import java.util.Objects;

/**
 * Where a tracked event came from: the client's IP address, its User-Agent and, optionally, a
 * country already known to the caller (from a CDN header, say).
 *
 * <p>The IP address and the User-Agent are used in memory to derive a daily visitor id, the browser,
 * the operating system and the device type. They are never stored or logged, and {@link
 * #toString()} leaves them out.
 *
 * @since 0.1
 */
public final class RequestContext {
  private static final RequestContext NONE = new RequestContext("", "", "");

  private final String clientIp;
  private final String userAgent;
  private final String country;

  private RequestContext(String clientIp, String userAgent, String country) {
    this.clientIp = clientIp;
    this.userAgent = userAgent;
    this.country = country;
  }

  /** Returns a context with no IP address, User-Agent or country, for server-side events. */
  public static RequestContext none() {
    return NONE;
  }

  /**
   * Returns a context for a client.
   *
   * @param clientIp the client's IP address as text (IPv4 or IPv6), or an empty string if unknown
   * @param userAgent the raw {@code User-Agent} header, or an empty string if there was none
   */
  public static RequestContext of(String clientIp, String userAgent) {
    return new RequestContext(
        Objects.requireNonNull(clientIp, "clientIp"), Objects.requireNonNull(userAgent, "userAgent"), "");
  }

  /**
   * Returns a copy with a country code. Anything but two ASCII letters, or a placeholder such as
   * {@code XX}, becomes the empty string, meaning unknown.
   */
  public RequestContext withCountry(String country) {
    return new RequestContext(clientIp, userAgent, CountryCodes.normalize(country));
  }

  /** Returns the client's IP address, or an empty string. */
  public String clientIp() {
    return clientIp;
  }

  /** Returns the raw User-Agent, or an empty string. */
  public String userAgent() {
    return userAgent;
  }

  /** Returns the ISO 3166-1 alpha-2 country code in upper case, or an empty string. */
  public String country() {
    return country;
  }

  /** Returns a description that leaves out the IP address and the User-Agent. */
  @Override
  public String toString() {
    return "RequestContext{clientIp=<redacted>, userAgent=<redacted>, country=" + country + "}";
  }
}
