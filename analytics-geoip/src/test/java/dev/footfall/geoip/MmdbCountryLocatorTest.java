package dev.footfall.geoip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The record shapes the locator reads. (Lookups in a real database are tested in
 * analytics-geoip-data, which ships one.)
 */
final class MmdbCountryLocatorTest {

  @Test
  void countryCode_ipLocationDbShape() {
    assertThat(MmdbCountryLocator.countryCode(Map.of("country_code", "DE"))).isEqualTo("DE");
  }

  @Test
  void countryCode_geoLite2AndDbIpShape() {
    assertThat(MmdbCountryLocator.countryCode(Map.of(
        "continent", Map.of("code", "EU"),
        "country", Map.of("iso_code", "FR", "geoname_id", 3017382L),
        "registered_country", Map.of("iso_code", "DE")))).isEqualTo("FR");
  }

  @Test
  void countryCode_registeredCountryWhenTheCountryIsAbsent() {
    assertThat(MmdbCountryLocator.countryCode(Map.of(
        "continent", Map.of("code", "EU"),
        "registered_country", Map.of("iso_code", "NL")))).isEqualTo("NL");
  }

  @Test
  void countryCode_noCountry_empty() {
    assertThat(MmdbCountryLocator.countryCode(Map.of("continent", Map.of("code", "AS"))))
        .isEmpty();
    assertThat(MmdbCountryLocator.countryCode(Map.of("country", Map.of("names", Map.of()))))
        .isEmpty();
  }
}
