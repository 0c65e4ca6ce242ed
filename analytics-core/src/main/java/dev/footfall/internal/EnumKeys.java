package dev.footfall.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The lower-case keys that Footfall's report enums use in JSON and query strings. */
public final class EnumKeys {
  private EnumKeys() {}

  /** Returns a constant's key: its name in lower case, such as {@code bounce_rate}. */
  public static String key(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the constant with this key.
   *
   * @param what what the constant is, for the message, such as {@code metric}
   * @throws IllegalArgumentException naming the allowed keys if there is none
   */
  public static <E extends Enum<E>> E fromKey(Class<E> type, String key, String what) {
    for (E constant : type.getEnumConstants()) {
      if (key(constant).equals(key)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(what + " must be one of " + Arrays.stream(
        type.getEnumConstants()).map(EnumKeys::key).collect(Collectors.joining(", "))
        + " but was '" + key + "'");
  }
}
