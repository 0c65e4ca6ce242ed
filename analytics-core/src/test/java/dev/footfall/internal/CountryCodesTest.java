package dev.footfall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class CountryCodesTest {

  @Test
  void normalize_upperCasesTwoLettersAndDropsTheRest() {
    assertThat(CountryCodes.normalize("de")).isEqualTo("DE");
    assertThat(CountryCodes.normalize("XX")).isEmpty();
    assertThat(CountryCodes.normalize("D1")).isEmpty();
    assertThat(CountryCodes.normalize("DEU")).isEmpty();
    assertThat(CountryCodes.normalize(null)).isEmpty();
  }

  @Test
  void normalize_returnsOneSharedInstancePerCode() {
    assertThat(CountryCodes.normalize(new String("fr"))).isSameAs(CountryCodes.normalize("FR"));
  }
}
