package dev.footfall.internal;

import java.util.Locale;
import java.util.Set;

/** Normalizes country codes from headers and databases to ISO 3166-1 alpha-2 or empty. */
public final class CountryCodes {
  /** Codes that CDNs and IP databases use for "unknown", "Tor", or a region rather than a country. */
  private static final Set<String> PLACEHOLDERS = Set.of("XX", "ZZ", "T1", "EU", "AP", "A1", "A2", "O1");

  private CountryCodes() {}

  /** Returns the upper-case code, or empty for anything but two letters or a placeholder. */
  public static String normalize(String code) {
    if (code == null || code.length() != 2) {
      return "";
    }
    String upper = code.toUpperCase(Locale.ROOT);
    boolean letters = upper.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    return letters && !PLACEHOLDERS.contains(upper) ? upper : "";
  }
}
