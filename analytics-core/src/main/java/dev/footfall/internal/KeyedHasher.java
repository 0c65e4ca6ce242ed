package dev.footfall.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed 63-bit hash: the first eight bytes of HMAC-SHA256, sign bit cleared so ids stay positive
 * in every database and JSON client. Without the key, a hash cannot be recomputed from a guessed
 * input, so a stored visitor id cannot be matched to an IP address once the day's salt is deleted.
 * Thread-safe: each thread gets its own {@link Mac}.
 */
public final class KeyedHasher {
  private static final String ALGORITHM = "HmacSHA256";

  private final ThreadLocal<Mac> mac;

  public KeyedHasher(byte[] key) {
    SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
    this.mac = ThreadLocal.withInitial(() -> newMac(spec));
  }

  /** Hashes the parts, separated by a zero byte so that ("ab", "c") and ("a", "bc") differ. */
  public long hash(String... parts) {
    Mac m = mac.get();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        m.update((byte) 0);
      }
      m.update(parts[i].getBytes(UTF_8));
    }
    return ByteBuffer.wrap(m.doFinal()).getLong() & Long.MAX_VALUE;
  }

  /** An unkeyed 63-bit SHA-256 hash of the parts, for ids the client chose itself. */
  public static long unkeyed(String... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(String.join("\0", parts).getBytes(UTF_8));
      return ByteBuffer.wrap(digest.digest()).getLong() & Long.MAX_VALUE;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static Mac newMac(SecretKeySpec spec) {
    try {
      Mac m = Mac.getInstance(ALGORITHM);
      m.init(spec);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is missing from this JVM", e);
    }
  }
}
