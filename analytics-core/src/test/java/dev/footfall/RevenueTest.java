package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Revenue keeps amounts exactly, within the stored precision, in ISO 4217 currencies only. */
final class RevenueTest {

  @Test
  void amountsAreExactAndEqualWhateverTheirTrailingZeros() {
    assertThat(Revenue.of("15.990", "USD")).isEqualTo(Revenue.of("15.99", "USD"));
    assertThat(Revenue.of("100", "JPY").amount()).isEqualTo(new BigDecimal("100"));
    assertThat(Revenue.of(" -5.5 ", "EUR").amount()).isEqualTo(new BigDecimal("-5.5"));
    assertThat(Revenue.of("0.1", "USD").amount().add(Revenue.of("0.2", "USD").amount()))
        .isEqualTo(new BigDecimal("0.3"));
  }

  @Test
  void badAmountsAndCurrenciesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> Revenue.of("1e", "USD"))
        .hasMessage("revenue amount must be a decimal number but was '1e'");
    assertThatThrownBy(() -> Revenue.of("0.0001", "USD"))
        .hasMessage("revenue amount must have at most 3 digits after the point but was 0.0001");
    assertThatThrownBy(() -> Revenue.of("1234567890123456", "USD"))
        .hasMessage("revenue amount must have at most 15 digits before the point but was"
            + " 1234567890123456");
    assertThatThrownBy(() -> Revenue.of("1", "usd"))
        .hasMessage("revenue currency must be an ISO 4217 code of three capital letters, such as"
            + " USD, but was 'usd'");
    assertThatThrownBy(() -> Revenue.of("1", "ABC"))
        .hasMessage("revenue currency must be an ISO 4217 code, such as USD, but was 'ABC'");
  }

  @Test
  void aPageviewCannotCarryRevenue() {
    assertThatThrownBy(() -> TrackRequest.pageview("shop", "/").revenue(Revenue.of("1", "USD"))
            .build())
        .isInstanceOf(InvalidTrackRequestException.class)
        .hasMessageContaining("revenue is for custom events, not pageviews");
  }
}
