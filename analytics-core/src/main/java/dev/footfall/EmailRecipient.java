package dev.footfall;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone who receives a site's {@linkplain EmailReports email reports} at one {@linkplain
 * ReportCadence cadence}. Managed with {@link EmailReports}. Immutable.
 *
 * @since 0.4
 */
public final class EmailRecipient {
  private final String id;
  private final String siteId;
  private final String address;
  private final ReportCadence cadence;
  private final Instant createdAt;
  private final String unsubscribeToken;

  /** Creates the value; every argument is required. */
  public EmailRecipient(String id, String siteId, String address, ReportCadence cadence,
      Instant createdAt, String unsubscribeToken) {
    this.id = Objects.requireNonNull(id, "id");
    this.siteId = Objects.requireNonNull(siteId, "siteId");
    this.address = Objects.requireNonNull(address, "address");
    this.cadence = Objects.requireNonNull(cadence, "cadence");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.unsubscribeToken = Objects.requireNonNull(unsubscribeToken, "unsubscribeToken");
  }

  /** Returns the recipient's id, unique among all recipients: what {@link EmailReports#remove} names. */
  public String id() {
    return id;
  }

  /** Returns the site whose reports the recipient receives. */
  public String siteId() {
    return siteId;
  }

  /** Returns the email address, as subscribed (its domain in lower case). */
  public String address() {
    return address;
  }

  /** Returns how often the recipient receives a report. */
  public ReportCadence cadence() {
    return cadence;
  }

  /**
   * Returns when the recipient was added, to the millisecond. The first report is the one of the
   * first period that ends after this.
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * Returns the secret token of the recipient's unsubscribe link (URL-safe base64 of 256 random
   * bits), for {@link EmailReports#unsubscribe}. It opens nothing but that.
   */
  public String unsubscribeToken() {
    return unsubscribeToken;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmailRecipient other && id.equals(other.id)
        && siteId.equals(other.siteId) && address.equals(other.address)
        && cadence == other.cadence && createdAt.equals(other.createdAt)
        && unsubscribeToken.equals(other.unsubscribeToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, siteId, address, cadence, createdAt, unsubscribeToken);
  }

  @Override
  public String toString() {
    // Neither the address nor the token: they are not for logs.
    return "EmailRecipient[id=" + id + ", siteId=" + siteId + ", cadence=" + cadence.key()
        + ", createdAt=" + createdAt + "]";
  }
}
