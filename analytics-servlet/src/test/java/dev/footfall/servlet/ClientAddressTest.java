package dev.footfall.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ClientAddressTest {
  private static final List<IpRange> PROXIES =
      List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("::1"));
  private final ClientAddress behindProxy = new ClientAddress(PROXIES, null, List.of("CF-IPCountry"));

  @Test
  void untrustedPeer_headersIgnored() {
    FakeExchange exchange = new FakeExchange().from("198.51.100.7")
        .header("X-Forwarded-For", "203.0.113.9")
        .header("CF-Connecting-IP", "203.0.113.10")
        .header("CF-IPCountry", "DE");
    assertThat(behindProxy.clientIp(exchange)).isEqualTo("198.51.100.7");
    assertThat(behindProxy.country(exchange)).isEmpty();
  }

  @Test
  void trustedPeer_rightmostUntrustedForwardedForWins() {
    FakeExchange exchange = new FakeExchange().from("10.1.2.3")
        .header("X-Forwarded-For", "1.1.1.1, 203.0.113.9, 10.0.0.5")
        .header("CF-IPCountry", "de");
    // 1.1.1.1 may have been written by the client itself; 203.0.113.9 is what our proxy saw.
    assertThat(behindProxy.clientIp(exchange)).isEqualTo("203.0.113.9");
    assertThat(behindProxy.country(exchange)).isEqualTo("de");
  }

  @Test
  void trustedPeer_firstPresentCountryHeaderWins() {
    ClientAddress cdns = new ClientAddress(PROXIES, null,
        List.of("CF-IPCountry", "CloudFront-Viewer-Country", "X-Vercel-IP-Country"));

    assertThat(cdns.country(new FakeExchange().from("10.0.0.1")
        .header("CloudFront-Viewer-Country", "FR").header("X-Vercel-IP-Country", "DE")))
        .isEqualTo("FR");
    assertThat(cdns.country(new FakeExchange().from("10.0.0.1")
        .header("X-Vercel-IP-Country", "DE"))).isEqualTo("DE");
    assertThat(cdns.country(new FakeExchange().from("198.51.100.7")
        .header("X-Vercel-IP-Country", "DE"))).as("not from a trusted proxy").isEmpty();
  }

  @Test
  void trustedPeer_forwardedHeaderWithPortsAndIpv6() {
    assertThat(behindProxy.clientIp(new FakeExchange().from("10.0.0.1")
        .header("Forwarded", "for=192.0.2.60:8080;proto=https, for=10.0.0.9")))
        .isEqualTo("192.0.2.60");
    assertThat(behindProxy.clientIp(new FakeExchange().from("::1")
        .header("Forwarded", "for=\"[2001:db8:cafe::17]:4711\"")))
        .isEqualTo("2001:db8:cafe:0:0:0:0:17");
  }

  @Test
  void trustedPeer_configuredClientIpHeaderAloneIsRead() {
    ClientAddress cloudflare = new ClientAddress(PROXIES, "CF-Connecting-IP", List.of());
    assertThat(cloudflare.clientIp(new FakeExchange().from("10.0.0.1")
        .header("CF-Connecting-IP", "203.0.113.77")
        .header("X-Forwarded-For", "198.51.100.1"))).isEqualTo("203.0.113.77");
    assertThat(cloudflare.clientIp(new FakeExchange().from("10.0.0.1")
        .header("CF-Connecting-IP", "not an address"))).isEqualTo("10.0.0.1");
  }

  @Test
  void trustedPeer_unconfiguredSingleAddressHeadersIgnored() {
    // A proxy that sets only X-Forwarded-For; the client adds CF-Connecting-IP itself.
    assertThat(behindProxy.clientIp(new FakeExchange().from("10.0.0.1")
        .header("CF-Connecting-IP", "6.6.6.6")
        .header("X-Forwarded-For", "203.0.113.8"))).isEqualTo("203.0.113.8");
    assertThat(behindProxy.clientIp(new FakeExchange().from("10.0.0.1")
        .header("X-Real-IP", "6.6.6.6"))).isEqualTo("10.0.0.1");
  }

  @Test
  void ipv4MappedIpv6_isTheIpv4Address() {
    assertThat(behindProxy.clientIp(new FakeExchange().from("::ffff:198.51.100.7")))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void hostNamesAreNeverResolved() {
    assertThat(IpRange.parseAddress("example.com")).isNull();
    assertThat(IpRange.parseAddress("999.1.1.1")).isNull();
    assertThat(IpRange.parseAddress("abc:def")).isNull();
  }

  @Test
  void ranges() {
    assertThat(IpRange.parse("192.168.0.0/16").contains("192.168.200.1")).isTrue();
    assertThat(IpRange.parse("192.168.0.0/16").contains("192.169.0.1")).isFalse();
    assertThat(IpRange.parse("10.0.0.0/9").contains("10.127.0.1")).isTrue();
    assertThat(IpRange.parse("10.0.0.0/9").contains("10.128.0.1")).isFalse();
    assertThat(IpRange.parse("2001:db8::/32").contains("2001:db8:1::1")).isTrue();
    assertThat(IpRange.parse("2001:db8::/32").contains("10.0.0.1")).isFalse();
    assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33"))
        .hasMessage("CIDR prefix must be 0 to 32 but was '10.0.0.0/33'");
    assertThatThrownBy(() -> IpRange.parse("proxy.internal"))
        .hasMessage("trusted proxy must be an IP address or CIDR range but was 'proxy.internal'");
  }
}
