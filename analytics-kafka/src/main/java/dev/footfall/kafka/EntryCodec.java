package dev.footfall.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Revenue;
import dev.footfall.Utm;
import dev.footfall.spi.EventLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A log entry as a record's key and value: the key is the site and visitor id, the value a small
 * JSON object of the event's derived fields (readable with Kafka's console tools). There is no
 * field for an IP address or a User-Agent: an {@link Event} holds none.
 */
final class EntryCodec {
  /** Fields it does not know are left out, so that a newer version's records can be read. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private EntryCodec() {}

  /** The record key: site id and visitor id. */
  static byte[] key(String siteId, long visitorId) {
    return (siteId + ":" + Long.toUnsignedString(visitorId)).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] encode(EventLog.Entry entry) {
    Event e = entry.event();
    try {
      return JSON.writeValueAsBytes(new Value(e.siteId(), e.type().name(), e.name(),
          e.hostname(), e.pathname(), e.referrer(), e.referrerSource(), e.utm().source(),
          e.utm().medium(), e.utm().campaign(), e.utm().content(), e.utm().term(),
          e.visitorId(), entry.previousVisitorId().isPresent()
              ? entry.previousVisitorId().getAsLong() : null,
          e.browser(), e.browserVersion(), e.os(), e.osVersion(), e.deviceType(), e.country(),
          e.interactive(), e.props(), e.timestamp().toEpochMilli() * 1_000
              + e.timestamp().getNano() / 1_000 % 1_000,
          e.revenue().map(r -> r.amount().toPlainString()).orElse(null),
          e.revenue().map(r -> r.currency().getCurrencyCode()).orElse(null),
          e.type() == EventType.ENGAGEMENT ? e.scrollDepth() : null,
          e.type() == EventType.ENGAGEMENT ? e.engagedTime().toMillis() : null));
    } catch (JsonProcessingException e2) {
      throw new IllegalStateException("cannot encode an event as JSON", e2);
    }
  }

  /**
   * Reads a record's value back.
   *
   * @throws IOException if it is not what {@link #encode} writes
   */
  static EventLog.Entry decode(byte[] bytes) throws IOException {
    Value v = JSON.readValue(bytes, Value.class);
    if (v.site() == null || v.type() == null || v.micros() == null) {
      throw new IOException("not a Footfall event: no site, type or time");
    }
    Event event = Event.builder(v.site(), EventType.valueOf(v.type()))
        .name(v.name())
        .hostname(v.hostname())
        .pathname(v.pathname())
        .referrer(v.referrer())
        .referrerSource(v.referrerSource())
        .utm(new Utm(v.utmSource(), v.utmMedium(), v.utmCampaign(), v.utmContent(), v.utmTerm()))
        .visitorId(v.visitor())
        .browser(v.browser())
        .browserVersion(v.browserVersion())
        .os(v.os())
        .osVersion(v.osVersion())
        .deviceType(v.deviceType())
        .country(v.country())
        .interactive(v.interactive())
        .props(v.props())
        .revenue(v.revenueAmount() == null || v.revenueCurrency() == null ? null
            : Revenue.of(v.revenueAmount(), v.revenueCurrency()))
        .scrollDepth(v.scrollDepth() == null ? 0 : v.scrollDepth())
        .engagedTime(Duration.ofMillis(v.engagedMillis() == null ? 0 : v.engagedMillis()))
        .timestamp(Instant.ofEpochSecond(Math.floorDiv(v.micros(), 1_000_000),
            Math.floorMod(v.micros(), 1_000_000) * 1_000))
        .build();
    return new EventLog.Entry(event, v.previousVisitor() == null ? OptionalLong.empty()
        : OptionalLong.of(v.previousVisitor()));
  }

  /**
   * The JSON value; {@code micros} is the event time in microseconds since the epoch; {@code
   * scrollDepth} and {@code engagedMillis} are an engagement's, null for other events.
   */
  private record Value(String site, String type, String name, String hostname, String pathname,
      String referrer, String referrerSource, String utmSource, String utmMedium,
      String utmCampaign, String utmContent, String utmTerm, long visitor, Long previousVisitor,
      String browser, String browserVersion, String os, String osVersion, String deviceType,
      String country, boolean interactive, Map<String, String> props, Long micros,
      String revenueAmount, String revenueCurrency, Integer scrollDepth, Long engagedMillis) {}
}
