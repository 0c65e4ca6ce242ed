package dev.footfall.servlet;

import java.util.List;
import java.util.Locale;

/**
 * Works out the client's IP address and country for a request. Forwarding headers are believed
 * only when the socket peer is a trusted proxy; anyone else could write them. With a configured
 * client-IP header (such as {@code CF-Connecting-IP}), that header alone is read, since the proxy
 * sets it and a client could add any other; otherwise {@code Forwarded}, then {@code
 * X-Forwarded-For}, read from the right, skipping trusted proxies, so that addresses a client
 * prepended itself are never taken.
 */
final class ClientAddress {
  private final List<IpRange> trustedProxies;
  private final String clientIpHeader;
  private final List<String> countryHeaders;

  ClientAddress(List<IpRange> trustedProxies, String clientIpHeader, List<String> countryHeaders) {
    this.trustedProxies = trustedProxies;
    this.clientIpHeader = clientIpHeader;
    this.countryHeaders = countryHeaders;
  }

  /** Returns the client's IP address in canonical form, or the raw peer address if unparseable. */
  String clientIp(HttpExchange exchange) {
    String peer = exchange.remoteAddress();
    if (!isTrusted(peer)) {
      return canonicalOr(peer);
    }
    String forwarded = clientIpHeader != null
        ? IpRange.canonical(headerOrEmpty(exchange, clientIpHeader))
        : fromForwarded(exchange.requestHeader("Forwarded"));
    if (forwarded == null && clientIpHeader == null) {
      forwarded = fromXForwardedFor(exchange.requestHeader("X-Forwarded-For"));
    }
    return forwarded != null ? forwarded : canonicalOr(peer);
  }

  /**
   * Returns the country from the first configured header present, if the request came through a
   * trusted proxy.
   */
  String country(HttpExchange exchange) {
    if (countryHeaders.isEmpty() || !isTrusted(exchange.remoteAddress())) {
      return "";
    }
    for (String header : countryHeaders) {
      String country = headerOrEmpty(exchange, header);
      if (!country.isEmpty()) {
        return country;
      }
    }
    return "";
  }

  private boolean isTrusted(String address) {
    return trustedProxies.stream().anyMatch(range -> range.contains(address));
  }

  /** The last {@code for=} of the {@code Forwarded} header that is not a trusted proxy. */
  private String fromForwarded(String header) {
    if (header == null) {
      return null;
    }
    String[] hops = header.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      for (String pair : hops[i].split(";")) {
        String[] kv = pair.strip().split("=", 2);
        if (kv.length == 2 && kv[0].strip().toLowerCase(Locale.ROOT).equals("for")) {
          String value = kv[1].strip().replace("\"", "");
          // for="[2001:db8::1]:4711" or for=192.0.2.60:8080
          if (value.startsWith("[")) {
            value = value.substring(0, value.indexOf(']') + 1);
          } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0) {
            value = value.substring(0, value.indexOf(':'));
          }
          String ip = IpRange.canonical(value);
          if (ip != null && !isTrusted(ip)) {
            return ip;
          }
        }
      }
    }
    return null;
  }

  private String fromXForwardedFor(String header) {
    if (header == null) {
      return null;
    }
    String[] hops = header.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String ip = IpRange.canonical(hops[i]);
      if (ip != null && !isTrusted(ip)) {
        return ip;
      }
    }
    return null;
  }

  private static String headerOrEmpty(HttpExchange exchange, String name) {
    String value = exchange.requestHeader(name);
    return value == null ? "" : value.strip();
  }

  private static String canonicalOr(String address) {
    String canonical = IpRange.canonical(address);
    return canonical != null ? canonical : address;
  }
}
