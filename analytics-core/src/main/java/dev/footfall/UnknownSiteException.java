package dev.footfall;

/**
 * Thrown when a report or an admin operation names a site that is not registered.
 *
 * @since 0.1
 */
public final class UnknownSiteException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String siteId;

  /** Creates the exception for the site id that names no site. */
  public UnknownSiteException(String siteId) {
    super("site '" + siteId + "' is not registered");
    this.siteId = siteId;
  }

  /** Returns the site id that names no site. */
  public String siteId() {
    return siteId;
  }
}
