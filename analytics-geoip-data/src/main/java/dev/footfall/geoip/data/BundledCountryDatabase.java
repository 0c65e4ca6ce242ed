package dev.footfall.geoip.data;

import dev.footfall.geoip.MmdbCountryLocator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The country database this module ships, so that countries work with no account, key or
 * download: ip-location-db's geo-whois-asn-country (IPv4 and IPv6 in one file), CC BY 4.0 by the
 * Number Resource Organization. Using it requires the attribution in {@link #attribution()} (the
 * README and the module's {@code NOTICE} carry it).
 *
 * <pre>{@code
 * Analytics.builder().geoLocator(BundledCountryDatabase.locator())
 * }</pre>
 *
 * <p>The database is read into memory (about 8 MB) on first use and shared. Its source, version and
 * checksum are in {@code database.properties} next to it, its build date in its own metadata
 * ({@code locator().buildTime()}); maintainers refresh it with {@code
 * analytics-geoip-data/refresh-database.sh}.
 *
 * @since 0.1
 */
public final class BundledCountryDatabase {
  private static final String DIRECTORY = "/dev/footfall/geoip/data/";
  private static MmdbCountryLocator locator;

  private BundledCountryDatabase() {}

  /**
   * Returns the shared locator over the bundled database, reading it on the first call.
   *
   * @throws UncheckedIOException if the bundled file cannot be read (a broken jar)
   */
  public static synchronized MmdbCountryLocator locator() {
    if (locator == null) {
      try (InputStream in = resource(info().getProperty("file"))) {
        locator = MmdbCountryLocator.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bundled country database", e);
      }
    }
    return locator;
  }

  /** Returns the attribution its licence requires wherever the data is used. */
  public static String attribution() {
    return info().getProperty("attribution");
  }

  /**
   * Returns the database's provenance: {@code file}, {@code source}, {@code version}, {@code
   * sha256}, {@code licence}, {@code attribution}.
   *
   * @throws UncheckedIOException if the properties cannot be read (a broken jar)
   */
  public static Properties info() {
    try (InputStream in = resource("database.properties")) {
      Properties info = new Properties();
      info.load(in);
      return info;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled database's properties", e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = BundledCountryDatabase.class.getResourceAsStream(DIRECTORY + name);
    if (in == null) {
      throw new IOException(DIRECTORY + name + " is missing from the classpath");
    }
    return in;
  }
}
