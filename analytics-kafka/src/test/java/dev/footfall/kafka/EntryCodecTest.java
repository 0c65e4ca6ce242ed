package dev.footfall.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;

/** A log entry survives the trip through a record, every field and the time to the microsecond. */
final class EntryCodecTest {

  @Test
  void everyFieldRoundTrips() throws IOException {
    Event event = Event.builder("shop", EventType.CUSTOM_EVENT)
        .name("Signup")
        .hostname("shop.example")
        .pathname("/pricing")
        .referrer("news.example/item")
        .referrerSource("Hacker News")
        .utm(new Utm("newsletter", "email", "spring", "footer", "shoes"))
        .visitorId(Long.MAX_VALUE - 3)
        .browser("Firefox")
        .browserVersion("133")
        .os("Linux")
        .osVersion("")
        .deviceType("desktop")
        .country("DE")
        .interactive(false)
        .props(Map.of("plan", "pro", "seats", "3"))
        .revenue(Revenue.of("15.99", "USD"))
        .timestamp(Instant.parse("2026-12-06T11:59:59.123456Z"))
        .build();
    EventLog.Entry entry = new EventLog.Entry(event, OptionalLong.of(42));

    EventLog.Entry read = EntryCodec.decode(EntryCodec.encode(entry));

    assertThat(read).isEqualTo(entry);
    assertThat(read.event().timestamp()).isEqualTo(event.timestamp());
  }

  @Test
  void anEntryWithoutAPreviousIdRoundTrips() throws IOException {
    Event event = Event.builder("shop", EventType.PAGEVIEW).pathname("/").visitorId(1)
        .timestamp(Instant.parse("1969-12-31T23:59:59.999999Z")).build();
    EventLog.Entry entry = new EventLog.Entry(event, OptionalLong.empty());

    assertThat(EntryCodec.decode(EntryCodec.encode(entry))).isEqualTo(entry);
  }

  @Test
  void anEngagementRoundTripsWithItsScrollDepthAndEngagedTime() throws IOException {
    Event engagement = Event.builder("shop", EventType.ENGAGEMENT).pathname("/pricing")
        .visitorId(7).country("DE").deviceType("mobile").browser("Safari").os("iOS")
        .scrollDepth(73).engagedTime(Duration.ofMillis(14_570))
        .timestamp(Instant.parse("2026-12-06T12:00:00.5Z")).build();
    EventLog.Entry entry = new EventLog.Entry(engagement, OptionalLong.empty());

    byte[] value = EntryCodec.encode(entry);
    EventLog.Entry read = EntryCodec.decode(value);

    assertThat(read).isEqualTo(entry);
    assertThat(read.event().scrollDepth()).isEqualTo(73);
    assertThat(read.event().engagedTime()).isEqualTo(Duration.ofMillis(14_570));
    assertThat(new String(value, StandardCharsets.UTF_8)).contains("\"type\":\"ENGAGEMENT\"")
        .contains("\"scrollDepth\":73").contains("\"engagedMillis\":14570");
  }

  @Test
  void aForeignRecordIsRefused() {
    assertThatThrownBy(() -> EntryCodec.decode("{\"hello\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }
}
