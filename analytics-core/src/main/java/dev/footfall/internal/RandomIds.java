package dev.footfall.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random identifiers from a {@link SecureRandom}: unguessable tokens (256 bits, URL-safe base64
 * without padding: 43 characters) for links that open something, and short ids (64 bits, hex) for
 * rows. Thread-safe.
 */
public final class RandomIds {
  private static final int TOKEN_BYTES = 32;
  private static final int ID_BYTES = 8;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random = new SecureRandom();

  /** Returns a new 43-character token. */
  public String token() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }

  /** Returns a new 16-character hex id. */
  public String id() {
    byte[] bytes = new byte[ID_BYTES];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
