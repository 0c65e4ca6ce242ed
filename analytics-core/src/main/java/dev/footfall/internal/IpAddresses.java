package dev.footfall.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals: parsed without ever doing a DNS lookup (so hostile input costs nothing),
 * and classified as public or reserved. Shared by the pipeline (which only geolocates public
 * addresses) and the servlet module (which matches trusted proxies).
 */
public final class IpAddresses {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  /** Reserved IPv4 ranges (RFC 6890 and friends): network, prefix length. */
  private static final int[][] RESERVED_V4 = {
    {0x00000000, 8}, {0x0A000000, 8}, {0x64400000, 10}, {0x7F000000, 8}, {0xA9FE0000, 16},
    {0xAC100000, 12}, {0xC0000000, 24}, {0xC0000200, 24}, {0xC0A80000, 16}, {0xC6120000, 15},
    {0xC6336400, 24}, {0xCB007100, 24}, {0xE0000000, 4}, {0xF0000000, 4},
  };

  private IpAddresses() {}

  /**
   * Parses an IPv4 or IPv6 literal (brackets allowed); returns {@code null} if the text is not one.
   * IPv4-mapped IPv6 addresses come back as IPv4.
   */
  public static InetAddress parse(String text) {
    String literal = text.strip();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    try {
      if (IPV4.matcher(literal).matches()) {
        byte[] bytes = new byte[4];
        String[] parts = literal.split("\\.");
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(parts[i]);
          if (octet > 255) {
            return null;
          }
          bytes[i] = (byte) octet;
        }
        return InetAddress.getByAddress(bytes);
      }
      if (literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches()) {
        // Brackets make the JDK treat the text as an IPv6 literal only, never as a host name.
        return InetAddress.getByName("[" + literal + "]");
      }
    } catch (UnknownHostException e) {
      return null;
    }
    return null;
  }

  /**
   * Returns whether an address is public: not private, loopback, link-local, CGNAT, documentation,
   * benchmarking, multicast or otherwise reserved.
   */
  public static boolean isPublic(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      int v4 = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
      for (int[] range : RESERVED_V4) {
        int mask = -1 << (32 - range[1]);
        if ((v4 & mask) == range[0]) {
          return false;
        }
      }
      return true;
    }
    int first = b[0] & 0xFF;
    int second = b[1] & 0xFF;
    boolean globalUnicast = (first & 0xE0) == 0x20; // 2000::/3
    boolean documentation = first == 0x20 && second == 0x01 && (b[2] & 0xFF) == 0x0D
        && (b[3] & 0xFF) == 0xB8; // 2001:db8::/32
    boolean ietfProtocols = first == 0x20 && second == 0x01 && (b[2] & 0xFE) == 0; // 2001::/23
    boolean sixToFour = first == 0x20 && second == 0x02; // 2002::/16 embeds an IPv4 address
    return globalUnicast && !documentation && !ietfProtocols && !sixToFour;
  }
}
