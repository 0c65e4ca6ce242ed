package dev.footfall.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A shared link as stored: never the token itself, only its SHA-256 hash (hex), so that a copy of
 * the database opens no dashboard; and the password's slow hash, or {@code ""} for a link without
 * one. Immutable.
 *
 * @since 0.4
 */
public final class StoredSharedLink {
  private final String id;
  private final String siteId;
  private final String name;
  private final String tokenHash;
  private final String passwordHash;
  private final Instant createdAt;

  /** Creates the record; every argument is required. */
  public StoredSharedLink(String id, String siteId, String name, String tokenHash,
      String passwordHash, Instant createdAt) {
    this.id = Objects.requireNonNull(id, "id");
    this.siteId = Objects.requireNonNull(siteId, "siteId");
    this.name = Objects.requireNonNull(name, "name");
    this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
    this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Returns the link's id, unique among all links: what revoking names. */
  public String id() {
    return id;
  }

  /** Returns the site whose reports the link shows. */
  public String siteId() {
    return siteId;
  }

  /** Returns the name the link was given. */
  public String name() {
    return name;
  }

  /** Returns the SHA-256 hash of the token, 64 lower-case hex digits. */
  public String tokenHash() {
    return tokenHash;
  }

  /** Returns the password's hash, or {@code ""} if the link has no password. */
  public String passwordHash() {
    return passwordHash;
  }

  /** Returns when the link was created, to the millisecond. */
  public Instant createdAt() {
    return createdAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredSharedLink other && id.equals(other.id)
        && siteId.equals(other.siteId) && name.equals(other.name)
        && tokenHash.equals(other.tokenHash) && passwordHash.equals(other.passwordHash)
        && createdAt.equals(other.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, siteId, name, tokenHash, passwordHash, createdAt);
  }

  @Override
  public String toString() {
    // No hashes: they are secrets' fingerprints, not for logs.
    return "StoredSharedLink[id=" + id + ", siteId=" + siteId + ", name=" + name + "]";
  }
}
