package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * Decides whether a request may use the admin API ({@code /admin/...}). The host application can
 * supply its own (checking its session, say) through {@link HttpSettings.Builder#authenticator};
 * the default, {@link #bearerKey}, checks an API key. With neither configured every admin request
 * is refused with {@code 403}: the admin API is never open by default. Tracking endpoints do not
 * ask it. Implementations must be thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Authenticator {

  /** Returns whether the request may use the admin API; if not, it gets {@code 401}. */
  boolean authenticate(HttpExchange exchange);

  /**
   * Returns an authenticator that admits requests carrying {@code Authorization: Bearer <key>}.
   * The comparison takes the same time wherever the keys differ.
   *
   * @throws IllegalArgumentException if the key is shorter than 16 characters
   */
  static Authenticator bearerKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.strip().length() < 16) {
      throw new IllegalArgumentException("admin API key must be at least 16 characters but was "
          + key.strip().length());
    }
    byte[] expected = ("Bearer " + key.strip()).getBytes(UTF_8);
    return exchange -> {
      String header = exchange.requestHeader("Authorization");
      return header != null && MessageDigest.isEqual(expected, header.strip().getBytes(UTF_8));
    };
  }
}
