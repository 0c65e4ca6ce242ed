package dev.footfall.servlet;

import dev.footfall.internal.IpAddresses;
import java.net.InetAddress;
import java.util.Arrays;

/** An IPv4 or IPv6 address range in CIDR notation; a bare address is a range of one. */
final class IpRange {

  private final byte[] network;
  private final int prefix;

  private IpRange(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  static IpRange parse(String cidr) {
    String text = cidr.strip();
    int slash = text.indexOf('/');
    byte[] address = parseAddress(slash < 0 ? text : text.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("trusted proxy must be an IP address or CIDR range but was '"
          + cidr + "'");
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("CIDR prefix must be 0 to " + bits + " but was '"
            + cidr + "'");
      }
    }
    return new IpRange(address, prefix);
  }

  boolean contains(String address) {
    byte[] candidate = parseAddress(address);
    if (candidate == null || candidate.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    if (!Arrays.equals(candidate, 0, full, network, 0, full)) {
      return false;
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xFF << (8 - rest);
    return (candidate[full] & mask) == (network[full] & mask);
  }

  /** Parses an IP literal (never a DNS lookup); {@code null} if the text is not one. */
  static byte[] parseAddress(String text) {
    InetAddress address = IpAddresses.parse(text);
    return address == null ? null : address.getAddress();
  }

  /** Returns the canonical text of an IP literal, or {@code null} if it is not one. */
  static String canonical(String text) {
    InetAddress address = IpAddresses.parse(text);
    return address == null ? null : address.getHostAddress();
  }
}
