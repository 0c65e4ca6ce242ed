package dev.footfall.internal;

import java.util.Locale;
import java.util.Set;

/** Normalizes country codes from headers and databases to ISO 3166-1 alpha-2 or empty. */
public final class CountryCodes {
  /** Codes that CDNs and IP databases use for "unknown", "Tor", or a region rather than a country. */
  private static final Set<String> PLACEHOLDERS = Set.of("XX", "ZZ", "T1", "EU", "AP", "A1", "A2", "O1");
  /**
   * One instance of each two-letter code, returned for all of them, so that the sessions and
   * requests held in memory do not each keep their own copy.
   */
  private static final String[] CODES = new String[26 * 26];

  static {
    for (char first = 'A'; first <= 'Z'; first++) {
      for (char second = 'A'; second <= 'Z'; second++) {
        CODES[(first - 'A') * 26 + second - 'A'] = String.valueOf(new char[] {first, second});
      }
    }
  }

  private CountryCodes() {}

  /** Returns the upper-case code, or empty for anything but two letters or a placeholder. */
  public static String normalize(String code) {
    if (code == null || code.length() != 2) {
      return "";
    }
    String upper = code.toUpperCase(Locale.ROOT);
    boolean letters = upper.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    return letters && !PLACEHOLDERS.contains(upper)
        ? CODES[(upper.charAt(0) - 'A') * 26 + upper.charAt(1) - 'A'] : "";
  }
}
