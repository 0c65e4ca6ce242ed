package dev.footfall.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Site;
import dev.footfall.memory.InMemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class TrafficGeneratorTest {

  @Test
  void generate_variedTrafficOverTheRequestedDaysAllStored() {
    Instant now = Instant.parse("2026-11-24T12:00:00Z");
    try (Analytics analytics = Analytics.builder().storage(InMemoryStorage.create()).build()) {
      analytics.sites().save(Site.of("demo", "demo.example", ZoneId.of("UTC"), "", now));
      int tracked = new TrafficGenerator(1).generate(analytics.tracker(), "demo", "demo.example",
          7, 50, now);
      analytics.flush(Duration.ofMinutes(5));

      List<Event> events = analytics.storage().events()
          .list("demo", now.minus(Duration.ofDays(8)), now, 0, 1_000_000);
      assertThat(events).hasSize(tracked);
      assertThat(analytics.stats().droppedTotal()).isZero();
      assertThat(events).allMatch(e -> !e.timestamp().isBefore(now.minus(Duration.ofDays(7))));
      assertThat(distinct(events, e -> e.timestamp().atZone(ZoneId.of("UTC")).toLocalDate()))
          .hasSizeGreaterThanOrEqualTo(7);
      assertThat(distinct(events, Event::pathname)).hasSizeGreaterThan(8);
      assertThat(distinct(events, Event::referrerSource))
          .contains("", "Google", "Hacker News", "newsletter");
      assertThat(distinct(events, Event::deviceType)).contains("desktop", "mobile", "tablet");
      assertThat(distinct(events, Event::country)).contains("US", "DE");
      assertThat(distinct(events, Event::type)).contains(EventType.CUSTOM_EVENT);
      assertThat(distinct(events, Event::sessionId).size()).isLessThan(events.size() / 2);
    }
  }

  private static <T> Set<T> distinct(List<Event> events, Function<Event, T> f) {
    return events.stream().map(f).collect(Collectors.toSet());
  }
}
