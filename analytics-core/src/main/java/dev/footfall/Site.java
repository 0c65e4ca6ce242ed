package dev.footfall;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * A website whose traffic is counted. A host application links its own website entity to
 * analytics by using its id as the site id. Reports are computed in the site's timezone.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Site {
  private final String id;
  private final String domain;
  private final ZoneId timezone;
  private final String name;
  private final Instant createdAt;

  private Site(String id, String domain, ZoneId timezone, String name, Instant createdAt) {
    this.id = id;
    this.domain = domain;
    this.timezone = timezone;
    this.name = name;
    this.createdAt = createdAt;
  }

  /**
   * Creates a site.
   *
   * @param id the site id: 1 to 100 characters of letters, digits, {@code .}, {@code _} or {@code -}
   * @param domain the site's host name, such as {@code example.com}; a leading {@code www.} is dropped
   * @param timezone the timezone its days are counted in
   * @param name a display name; blank means the domain
   * @param createdAt when it was registered
   * @throws IllegalArgumentException if the id or domain is malformed
   */
  public static Site of(String id, String domain, ZoneId timezone, String name, Instant createdAt) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException("site id must be 1 to 100 letters, digits, '.', '_' or '-'"
          + " but was '" + id + "'");
    }
    String host = normalizeDomain(domain);
    if (!host.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?")) {
      throw new IllegalArgumentException("site domain must be a host name such as 'example.com'"
          + " but was '" + domain + "'");
    }
    return new Site(id, host, timezone, name.isBlank() ? host : name.strip(), createdAt);
  }

  /** Returns the domain in the form sites are looked up by: lower case, without {@code www.}. */
  public static String normalizeDomain(String domain) {
    String host = domain.strip().toLowerCase(Locale.ROOT);
    return host.startsWith("www.") ? host.substring(4) : host;
  }

  public String id() {
    return id;
  }

  /** Returns the host name, lower case, without {@code www.}. */
  public String domain() {
    return domain;
  }

  public ZoneId timezone() {
    return timezone;
  }

  public String name() {
    return name;
  }

  public Instant createdAt() {
    return createdAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Site && ((Site) o).id.equals(id) && ((Site) o).domain.equals(domain)
        && ((Site) o).timezone.equals(timezone) && ((Site) o).name.equals(name)
        && ((Site) o).createdAt.equals(createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, domain, timezone, name, createdAt);
  }

  @Override
  public String toString() {
    return "Site{id=" + id + ", domain=" + domain + ", timezone=" + timezone + "}";
  }
}
