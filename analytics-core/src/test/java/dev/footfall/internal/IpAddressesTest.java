package dev.footfall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class IpAddressesTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "127.0.0.1", "169.254.1.1",
    "100.64.0.1", "100.127.255.255", "0.0.0.0", "192.0.2.10", "198.51.100.7", "203.0.113.9",
    "198.18.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12::1",
    "ff02::1", "2001:db8::1", "2002:c000:0204::1", "::ffff:10.0.0.1", "::ffff:192.168.0.1"
  })
  void reservedAddresses_areNotPublic(String address) {
    assertThat(IpAddresses.isPublic(IpAddresses.parse(address))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "81.2.69.160", "2a00:1450:4001::1",
    "2606:4700::1111", "::ffff:8.8.8.8"
  })
  void publicAddresses_arePublic(String address) {
    assertThat(IpAddresses.isPublic(IpAddresses.parse(address))).isTrue();
  }

  @Test
  void ipv4MappedIpv6_becomesIpv4() {
    assertThat(IpAddresses.parse("::ffff:8.8.8.8")).isInstanceOf(Inet4Address.class);
    assertThat(IpAddresses.parse("[::ffff:8.8.8.8]").getHostAddress()).isEqualTo("8.8.8.8");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"example.com", "999.1.1.1", "abc:def", "1.2.3", "", "localhost"})
  void notALiteral_isNullWithoutAnyLookup(String text) {
    assertThat(IpAddresses.parse(text)).isNull();
  }
}
