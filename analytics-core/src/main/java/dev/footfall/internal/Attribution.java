package dev.footfall.internal;

import dev.footfall.Utm;
import java.util.Map;
import java.util.Set;

/**
 * Works out where a pageview came from, as DESIGN's "Attribution" section defines: the page's
 * hostname and pathname, the stored referrer, and the {@code referrer_source}, decided in this order:
 * {@code utm_source}, then the {@code source} or {@code ref} query parameter, then a known name for
 * the referrer's host, then the bare referrer host. A referrer on the site's own host, on {@code
 * localhost}, or with a scheme other than http, https or android-app counts as none. Thread-safe.
 */
public final class Attribution {
  private static final Set<String> REFERRER_SCHEMES = Set.of("http", "https", "android-app");
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
  /** Longer than any real host name (253); what the {@code hostname} columns hold. */
  static final int MAX_HOSTNAME_LENGTH = 255;

  private final ReferrerSources sources;

  public Attribution(ReferrerSources sources) {
    this.sources = sources;
  }

  /**
   * Attributes one event.
   *
   * @param url the page's URL, or just its path
   * @param referrer the referrer as sent, or empty
   * @param siteDomain the site's domain, used as the hostname when the URL is a bare path
   */
  public Attributed attribute(String url, String referrer, String siteDomain) {
    ParsedUrl page = ParsedUrl.parse(url);
    String host = page.host().isEmpty() ? siteDomain : page.hostWithoutWww();
    String hostname = host.length() > MAX_HOSTNAME_LENGTH ? host.substring(0, MAX_HOSTNAME_LENGTH)
        : host;
    Map<String, String> query = page.query();
    Utm utm = new Utm(
        query.getOrDefault("utm_source", ""),
        query.getOrDefault("utm_medium", ""),
        query.getOrDefault("utm_campaign", ""),
        query.getOrDefault("utm_content", ""),
        query.getOrDefault("utm_term", ""));
    if (utm.equals(Utm.NONE)) {
      utm = Utm.NONE; // shared, so that sessions held in memory do not each keep an empty copy
    }

    ParsedUrl ref = externalReferrer(referrer, hostname, siteDomain);
    String storedReferrer = ref == null ? "" : storedForm(ref);
    String source = firstNonEmpty(utm.source(), query.get("source"), query.get("ref"));
    if (source.isEmpty() && ref != null) {
      source = sources.nameOf(ref.hostWithoutWww()).orElse(ref.hostWithoutWww());
    }
    return new Attributed(hostname, page.path(), storedReferrer, source, utm);
  }

  /** Returns the parsed referrer, or {@code null} when it counts as none. */
  private static ParsedUrl externalReferrer(String referrer, String hostname, String siteDomain) {
    if (referrer.isBlank()) {
      return null;
    }
    ParsedUrl ref = ParsedUrl.parse(referrer);
    String host = ref.hostWithoutWww();
    boolean ignored = !REFERRER_SCHEMES.contains(ref.scheme()) || host.isEmpty()
        || LOCAL_HOSTS.contains(host) || host.endsWith(".localhost")
        || host.equals(hostname) || host.equals(siteDomain);
    return ignored ? null : ref;
  }

  /** Host and path, without {@code www.}, query or trailing slash. */
  private static String storedForm(ParsedUrl ref) {
    String path = ref.path();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return ref.hostWithoutWww() + path;
  }

  private static String firstNonEmpty(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return "";
  }

  /**
   * The result of attribution.
   *
   * @param hostname the page's host without {@code www.}
   * @param pathname the page's decoded path
   * @param referrer the referrer's host and path, or empty
   * @param referrerSource the source name, or empty for direct traffic
   * @param utm the page's UTM parameters
   */
  public record Attributed(
      String hostname, String pathname, String referrer, String referrerSource, Utm utm) {}
}
