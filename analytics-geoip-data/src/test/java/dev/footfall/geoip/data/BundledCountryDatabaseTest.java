package dev.footfall.geoip.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.geoip.MmdbCountryLocator;
import dev.footfall.memory.InMemoryStorage;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped database: provenance, well-known addresses, and countries end to end. */
final class BundledCountryDatabaseTest {
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  private static String country(String address) throws Exception {
    return BundledCountryDatabase.locator().countryOf(InetAddress.getByName(address));
  }

  @Test
  void database_isTheRecordedFileWithItsLicence() throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    try (InputStream in = BundledCountryDatabase.class.getResourceAsStream(
        "/dev/footfall/geoip/data/geo-whois-asn-country.mmdb")) {
      sha256.update(in.readAllBytes());
    }

    assertThat(HexFormat.of().formatHex(sha256.digest()))
        .isEqualTo(BundledCountryDatabase.info().getProperty("sha256"));
    assertThat(BundledCountryDatabase.info().getProperty("licence")).startsWith("CC BY 4.0");
    assertThat(BundledCountryDatabase.attribution()).contains("Number Resource Organization")
        .contains("CC BY 4.0");
    assertThat(BundledCountryDatabase.class.getResource("/dev/footfall/geoip/data/NOTICE"))
        .isNotNull();
    MmdbCountryLocator locator = BundledCountryDatabase.locator();
    assertThat(locator.databaseType()).isEqualTo("country ipvAll");
    assertThat(locator.buildTime()).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void wellKnownAddresses_ipv4AndIpv6() throws Exception {
    assertThat(country("8.8.8.8")).isEqualTo("US"); // Google DNS
    assertThat(country("193.0.6.139")).isEqualTo("NL"); // RIPE NCC, Amsterdam
    assertThat(country("80.128.0.1")).isEqualTo("DE"); // Deutsche Telekom
    assertThat(country("210.130.1.1")).isEqualTo("JP"); // IIJ
    assertThat(country("200.160.2.3")).isEqualTo("BR"); // NIC.br
    assertThat(country("2001:4860:4860::8888")).isEqualTo("US"); // Google DNS over IPv6
    assertThat(country("2003::1")).isEqualTo("DE"); // Deutsche Telekom's IPv6 block
  }

  @Test
  void ipv4MappedIpv6_answersAsIpv4() throws Exception {
    assertThat(country("::ffff:80.128.0.1")).isEqualTo("DE");
  }

  @Test
  void analytics_storesTheCountryOfPublicAddressesOnly() {
    InMemoryStorage storage = InMemoryStorage.create();
    try (Analytics analytics = Analytics.builder().storage(storage)
        .geoLocator(BundledCountryDatabase.locator()).build()) {
      analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "", Instant.EPOCH));
      for (String address : List.of("80.128.0.1", "2001:4860:4860::8888", "10.1.2.3", "::1")) {
        analytics.tracker().track(TrackRequest.pageview("shop", "https://shop.example/" + address)
            .context(RequestContext.of(address, CHROME)).build());
      }
      assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();

      assertThat(storage.events().list("shop", Instant.EPOCH, Instant.now().plusSeconds(60), 0, 10))
          .extracting(Event::pathname, Event::country)
          .containsExactlyInAnyOrder(
              tuple("/80.128.0.1", "DE"),
              tuple("/2001:4860:4860::8888", "US"),
              tuple("/10.1.2.3", ""),
              tuple("/::1", ""));
    }
  }
}
