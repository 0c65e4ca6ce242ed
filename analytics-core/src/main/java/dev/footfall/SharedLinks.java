package dev.footfall;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.footfall.internal.RandomIds;
import dev.footfall.spi.SharedLinkStore;
import dev.footfall.spi.StoredSharedLink;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Manages the {@linkplain SharedLink shared links}: read-only dashboards of one site under an
 * unguessable URL, optionally behind a password. Obtain it from {@link Analytics#sharedLinks()};
 * the admin API adapts it to HTTP and serves the links under {@code /share/{token}}.
 *
 * <p>Secrets: a token is 256 bits from {@link SecureRandom}, URL-safe base64; only its SHA-256
 * hash is stored and looked up, so that a copy of the database opens no link. A password is stored
 * as a PBKDF2WithHmacSHA256 hash ({@value #ITERATIONS} iterations, a random 16-byte salt). A
 * correct password is exchanged for a <em>pass</em> ({@link #unlock}): an expiry and an
 * HMAC-SHA256 of the token hash and the expiry, keyed by the stored password hash, valid for
 * {@link #PASS_LIFETIME}. Every instance sharing the storage can check it, and it dies with the
 * link.
 *
 * <p>Revocation: nothing is cached. {@link #resolve} and {@link #admits} read the storage each
 * time (one lookup by the token hash's key), so a link revoked here, or on another instance sharing
 * the storage, stops working at the next request. Deleting a site deletes its links.
 *
 * <p>Thread-safe. On a storage that stores no shared links ({@link
 * dev.footfall.spi.Storage#sharedLinks()}) every method throws {@link
 * UnsupportedOperationException}.
 *
 * @since 0.4
 */
public final class SharedLinks {
  /** How long a pass from {@link #unlock} opens a password-protected link. */
  public static final Duration PASS_LIFETIME = Duration.ofHours(1);
  /** The longest name of a link, and of a password. */
  public static final int MAX_LENGTH = 120;
  static final int ITERATIONS = 600_000;
  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SiteRegistry sites;
  private final SharedLinkStore store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final RandomIds ids = new RandomIds();

  /** @param store the storage's shared-link store, or null if it stores none */
  SharedLinks(SiteRegistry sites, SharedLinkStore store, Clock clock) {
    this.sites = sites;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Creates a link to the site's dashboard and returns it with its {@linkplain SharedLink#token()
   * token}, which is not stored and cannot be read again.
   *
   * @param name what the link is for, at most {@value #MAX_LENGTH} characters; blank names it
   *     "Shared link"
   * @param password the password that opening the link asks for, if any: 1 to {@value #MAX_LENGTH}
   *     characters, not blank
   * @throws IllegalArgumentException if the name or password is too long, or the password blank
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public SharedLink create(String siteId, String name, Optional<String> password) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(password, "password");
    String stripped = name.strip().isEmpty() ? "Shared link" : name.strip();
    if (stripped.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("name must be at most " + MAX_LENGTH
          + " characters but had " + stripped.length());
    }
    password.ifPresent(p -> {
      if (p.isBlank()) {
        throw new IllegalArgumentException("password must not be blank");
      }
      if (p.length() > MAX_LENGTH) {
        throw new IllegalArgumentException("password must be at most " + MAX_LENGTH
            + " characters but had " + p.length());
      }
    });
    site(siteId);
    String token = ids.token();
    String id = ids.id();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String passwordHash = password.map(this::hashPassword).orElse("");
    store().add(new StoredSharedLink(id, siteId, stripped, tokenHash(token), passwordHash, now));
    return new SharedLink(id, siteId, stripped, !passwordHash.isEmpty(), now, token);
  }

  /**
   * Returns the site's links, oldest first, without their tokens.
   *
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public List<SharedLink> list(String siteId) {
    return store().list(site(siteId)).stream().map(SharedLinks::link).toList();
  }

  /**
   * Revokes the site's link with this id: it stops working at once, on every instance sharing the
   * storage.
   *
   * @return whether the site had that link
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public boolean revoke(String siteId, String id) {
    Objects.requireNonNull(id, "id");
    return store().delete(site(siteId), id);
  }

  /**
   * Returns the link that this token opens, whether or not it has a password; empty for an unknown
   * or revoked token, or one whose site is no longer registered.
   *
   * @throws StorageException if the storage failed
   */
  public Optional<SharedLink> resolve(String token) {
    return stored(token).map(SharedLinks::link);
  }

  /**
   * Returns whether this token opens a link and the request may read it: the link has no password,
   * or {@code pass} is a pass from {@link #unlock} for it that has not expired.
   *
   * @param pass the pass the viewer holds, or null
   * @throws StorageException if the storage failed
   */
  public boolean admits(String token, String pass) {
    Optional<StoredSharedLink> link = stored(token);
    if (link.isEmpty()) {
      return false;
    }
    if (link.get().passwordHash().isEmpty()) {
      return true;
    }
    if (pass == null) {
      return false;
    }
    int dot = pass.indexOf('.');
    long expires;
    try {
      expires = Long.parseLong(pass.substring(0, Math.max(dot, 0)));
    } catch (NumberFormatException e) {
      return false;
    }
    if (clock.instant().getEpochSecond() >= expires) {
      return false;
    }
    String expected = pass(link.get(), expires);
    return MessageDigest.isEqual(expected.getBytes(UTF_8), pass.getBytes(UTF_8));
  }

  /**
   * Checks a password against the link's and answers a pass, to be given to {@link #admits} with
   * each request for the next {@link #PASS_LIFETIME}. Slow on purpose (a PBKDF2 hash): callers that
   * face the network must limit how often one client may try.
   *
   * @return the pass ({@code ""} for a link without a password, which needs none), or empty if
   *     the token opens no link or the password is wrong
   * @throws StorageException if the storage failed
   */
  public Optional<String> unlock(String token, String password) {
    Objects.requireNonNull(password, "password");
    Optional<StoredSharedLink> link = stored(token);
    if (link.isEmpty() || !link.get().passwordHash().isEmpty()
        && !passwordMatches(password, link.get().passwordHash())) {
      return Optional.empty();
    }
    if (link.get().passwordHash().isEmpty()) {
      return Optional.of(""); // a link without a password needs no pass
    }
    long expires = clock.instant().plus(PASS_LIFETIME).getEpochSecond();
    return Optional.of(pass(link.get(), expires));
  }

  private Optional<StoredSharedLink> stored(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    return store().findByTokenHash(tokenHash(token))
        .filter(link -> sites.find(link.siteId()).isPresent());
  }

  private static SharedLink link(StoredSharedLink stored) {
    return new SharedLink(stored.id(), stored.siteId(), stored.name(),
        !stored.passwordHash().isEmpty(), stored.createdAt(), null);
  }

  /** The SHA-256 of the token's characters, in hex. */
  static String tokenHash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** {@code <expiry epoch second>.<HMAC-SHA256(password hash; token hash "." expiry)>}. */
  private static String pass(StoredSharedLink link, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(link.passwordHash().getBytes(UTF_8), "HmacSHA256"));
      byte[] tag = mac.doFinal((link.tokenHash() + "." + expires).getBytes(UTF_8));
      return expires + "." + BASE64URL.encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  /** {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, salt and hash in URL-safe base64. */
  private String hashPassword(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return SCHEME + "$" + ITERATIONS + "$" + BASE64URL.encodeToString(salt) + "$"
        + BASE64URL.encodeToString(pbkdf2(password, salt, ITERATIONS));
  }

  private static boolean passwordMatches(String password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return false;
    }
    byte[] expected = Base64.getUrlDecoder().decode(parts[3]);
    byte[] actual = pbkdf2(password, Base64.getUrlDecoder().decode(parts[2]),
        Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has PBKDF2WithHmacSHA256", e);
    }
  }

  private SharedLinkStore store() {
    if (store == null) {
      throw new UnsupportedOperationException("the storage does not store shared links");
    }
    return store;
  }

  private String site(String siteId) {
    Objects.requireNonNull(siteId, "siteId");
    if (sites.find(siteId).isEmpty()) {
      throw new UnknownSiteException(siteId);
    }
    return siteId;
  }
}
