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

  private BundledCountryDatabase() {}

  /**
   * Returns the shared locator over the bundled database.
   *
   * @throws UncheckedIOException if the bundled file cannot be read (a broken jar)
   */
  public static MmdbCountryLocator locator() {
    return Holder.LOCATOR;
  }

  /** Returns the attribution its licence requires wherever the data is used. */
  public static String attribution() {
    return Holder.INFO.getProperty("attribution");
  }

  /** Returns the database's provenance: {@code source}, {@code version}, {@code sha256}, {@code licence}. */
  public static Properties info() {
    Properties copy = new Properties();
    copy.putAll(Holder.INFO);
    return copy;
  }

  /** Loads on first use, once. */
  private static final class Holder {
    static final Properties INFO = loadInfo();
    static final MmdbCountryLocator LOCATOR = load(INFO.getProperty("file"));

    private static Properties loadInfo() {
      try (InputStream in = resource("database.properties")) {
        Properties info = new Properties();
        info.load(in);
        return info;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bundled database's properties", e);
      }
    }

    private static MmdbCountryLocator load(String file) {
      try (InputStream in = resource(file)) {
        return MmdbCountryLocator.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bundled country database " + file, e);
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
}
