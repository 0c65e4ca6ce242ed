package dev.footfall.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class GeoLocatorTest {

  @Test
  void firstOf_asksInOrderUntilACountryIsFound() throws Exception {
    List<String> asked = new ArrayList<>();
    GeoLocator unknown = address -> {
      asked.add("unknown");
      return "";
    };
    GeoLocator placeholder = address -> {
      asked.add("placeholder");
      return "XX";
    };
    GeoLocator german = address -> {
      asked.add("german");
      return "de";
    };
    GeoLocator never = address -> {
      asked.add("never");
      return "FR";
    };

    String country = GeoLocator.firstOf(unknown, placeholder, german, never)
        .countryOf(InetAddress.getByName("80.128.0.1"));

    assertThat(country).isEqualTo("DE");
    assertThat(asked).containsExactly("unknown", "placeholder", "german");
  }

  @Test
  void firstOf_noneKnows_empty() throws Exception {
    assertThat(GeoLocator.firstOf(GeoLocator.NONE, address -> "EU")
        .countryOf(InetAddress.getByName("80.128.0.1"))).isEmpty();
  }
}
