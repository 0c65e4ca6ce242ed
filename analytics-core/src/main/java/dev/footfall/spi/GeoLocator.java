package dev.footfall.spi;

import dev.footfall.internal.CountryCodes;
import java.net.InetAddress;
import java.util.List;

/**
 * Finds the country of a public IP address, for visitors whose request did not already carry one
 * from a trusted proxy header. Footfall never asks about private, loopback, link-local, CGNAT,
 * documentation or other reserved addresses: they get no country.
 *
 * <p>Called on Footfall's ingest thread for every event that needs it, so implementations must be
 * thread-safe and fast (cache if a lookup is slow). A failure is reported to the {@code
 * ErrorListener} and the event is stored without a country.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface GeoLocator {

  /** A locator that knows no country; the default. */
  GeoLocator NONE = address -> "";

  /**
   * Returns a locator that asks each of these in order and answers with the first country code
   * (a placeholder such as {@code XX} counts as none): for instance a commercial database first,
   * then the bundled open one for the addresses it lacks.
   */
  static GeoLocator firstOf(GeoLocator... locators) {
    List<GeoLocator> chain = List.of(locators);
    return address -> {
      for (GeoLocator locator : chain) {
        String country = CountryCodes.normalize(locator.countryOf(address));
        if (!country.isEmpty()) {
          return country;
        }
      }
      return "";
    };
  }

  /**
   * Returns the ISO 3166-1 alpha-2 code of the address's country, or an empty string if unknown.
   * Codes such as {@code XX}, {@code ZZ}, {@code EU} or {@code AP} are treated as unknown.
   */
  String countryOf(InetAddress address);
}
