package dev.footfall.geoip;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import dev.footfall.spi.GeoLocator;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link GeoLocator} over a MaxMind-format ({@code .mmdb}) country database, read with MaxMind's
 * own reader library. It understands the two common record shapes: {@code country.iso_code}
 * (GeoLite2 Country, DB-IP Lite Country; {@code registered_country} when {@code country} is absent)
 * and a top-level {@code country_code} (ip-location-db). IPv4 addresses are looked up in IPv6
 * databases through their IPv4 subtree.
 *
 * <pre>{@code
 * Analytics.builder()
 *     .geoLocator(MmdbCountryLocator.open(Path.of("/var/lib/geoip/GeoLite2-Country.mmdb")))
 * }</pre>
 *
 * <p>Lookups walk the database's search tree (in memory or memory-mapped) and decode through a
 * cache of decoded records, so no further cache is needed; {@code GeoLookupBenchmark} measures them.
 * Footfall never asks about private or reserved addresses, and ignores placeholder codes such as
 * {@code XX} or {@code EU} in answers. Thread-safe.
 *
 * @since 0.1
 */
public final class MmdbCountryLocator implements GeoLocator, Closeable {
  private final Reader reader;

  private MmdbCountryLocator(Reader reader) {
    this.reader = reader;
  }

  /**
   * Opens a database file, memory-mapped.
   *
   * @throws IOException if the file cannot be read or is not a MaxMind database
   */
  public static MmdbCountryLocator open(Path file) throws IOException {
    return new MmdbCountryLocator(new Reader(file.toFile(), new CHMCache()));
  }

  /**
   * Reads a database from a stream into memory (for a database on the classpath, say). Does not
   * close the stream.
   *
   * @throws IOException if the stream fails or does not hold a MaxMind database
   */
  public static MmdbCountryLocator read(InputStream database) throws IOException {
    return new MmdbCountryLocator(new Reader(Objects.requireNonNull(database, "database"),
        new CHMCache()));
  }

  @Override
  public String countryOf(InetAddress address) {
    Map<?, ?> record;
    try {
      record = reader.get(address, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException("country database is corrupt", e);
    }
    return record == null ? "" : countryCode(record);
  }

  /** Reads the code from either record shape; empty if it has none. */
  static String countryCode(Map<?, ?> record) {
    if (record.get("country_code") instanceof String code) {
      return code;
    }
    for (String key : new String[] {"country", "registered_country"}) {
      if (record.get(key) instanceof Map<?, ?> country
          && country.get("iso_code") instanceof String code) {
        return code;
      }
    }
    return "";
  }

  /** Returns the database's type from its metadata, such as {@code GeoLite2-Country}. */
  public String databaseType() {
    return reader.getMetadata().databaseType();
  }

  /** Returns when the database was built, from its metadata. */
  public Instant buildTime() {
    return reader.getMetadata().buildTime();
  }

  /** Closes the database (unmaps the file). */
  @Override
  public void close() throws IOException {
    reader.close();
  }
}
