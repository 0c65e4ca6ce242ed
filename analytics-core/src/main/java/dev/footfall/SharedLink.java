package dev.footfall;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A shared link: a read-only dashboard of one site under an unguessable URL, optionally behind a
 * password. Managed with {@link SharedLinks}. Only the link returned by {@link
 * SharedLinks#create} carries its {@linkplain #token() token}; the token is never stored (only
 * its hash), so it cannot be read again later. Immutable.
 *
 * @since 0.4
 */
public final class SharedLink {
  private final String id;
  private final String siteId;
  private final String name;
  private final boolean passwordProtected;
  private final Instant createdAt;
  private final String token;

  SharedLink(String id, String siteId, String name, boolean passwordProtected, Instant createdAt,
      String token) {
    this.id = Objects.requireNonNull(id, "id");
    this.siteId = Objects.requireNonNull(siteId, "siteId");
    this.name = Objects.requireNonNull(name, "name");
    this.passwordProtected = passwordProtected;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.token = token;
  }

  /** Returns the link's id: not a secret, it names the link to {@link SharedLinks#revoke}. */
  public String id() {
    return id;
  }

  /** Returns the site whose reports the link shows, and no other. */
  public String siteId() {
    return siteId;
  }

  /** Returns the name the link was given, to tell links apart. */
  public String name() {
    return name;
  }

  /** Returns whether opening the link asks for a password. */
  public boolean passwordProtected() {
    return passwordProtected;
  }

  /** Returns when the link was created. */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * Returns the secret token (URL-safe base64 of 256 random bits), only on the link that {@link
   * SharedLinks#create} returned; empty on every link read back.
   */
  public Optional<String> token() {
    return Optional.ofNullable(token);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SharedLink other && id.equals(other.id) && siteId.equals(other.siteId)
        && name.equals(other.name) && passwordProtected == other.passwordProtected
        && createdAt.equals(other.createdAt) && Objects.equals(token, other.token);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, siteId, name, passwordProtected, createdAt, token);
  }

  @Override
  public String toString() {
    return "SharedLink[id=" + id + ", siteId=" + siteId + ", name=" + name
        + ", passwordProtected=" + passwordProtected + ", createdAt=" + createdAt + "]";
  }
}
