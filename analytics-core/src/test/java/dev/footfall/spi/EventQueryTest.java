package dev.footfall.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.Event;
import dev.footfall.EventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class EventQueryTest {
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  private static Event event(String site, EventType type, String name, String path, Instant at) {
    return Event.builder(site, type).name(name).pathname(path).timestamp(at).build();
  }

  @Test
  void builder_defaultsToTheFirstPageOfEverything() {
    EventQuery query = EventQuery.builder("shop").build();

    assertThat(query.siteId()).isEqualTo("shop");
    assertThat(query.type()).isEmpty();
    assertThat(query.name()).isEmpty();
    assertThat(query.pathname()).isEmpty();
    assertThat(query.from()).isEmpty();
    assertThat(query.to()).isEmpty();
    assertThat(query.offset()).isZero();
    assertThat(query.limit()).isEqualTo(EventQuery.DEFAULT_LIMIT);
  }

  @Test
  void matches_everyConditionMustHoldRangeIsHalfOpen() {
    EventQuery query = EventQuery.builder("shop").type(EventType.CUSTOM_EVENT).name("Signup")
        .pathname("/pricing").from(T0).to(T0.plusSeconds(60)).build();

    assertThat(query.matches(event("shop", EventType.CUSTOM_EVENT, "Signup", "/pricing", T0)))
        .isTrue();
    assertThat(query.matches(event("blog", EventType.CUSTOM_EVENT, "Signup", "/pricing", T0)))
        .isFalse();
    assertThat(query.matches(event("shop", EventType.PAGEVIEW, "", "/pricing", T0))).isFalse();
    assertThat(query.matches(event("shop", EventType.CUSTOM_EVENT, "signup", "/pricing", T0)))
        .isFalse();
    assertThat(query.matches(event("shop", EventType.CUSTOM_EVENT, "Signup", "/pricing/", T0)))
        .isFalse();
    assertThat(query.matches(event("shop", EventType.CUSTOM_EVENT, "Signup", "/pricing",
        T0.minusMillis(1)))).isFalse();
    assertThat(query.matches(event("shop", EventType.CUSTOM_EVENT, "Signup", "/pricing",
        T0.plusSeconds(60)))).isFalse();
  }

  @Test
  void builder_rejectsBadPagingAndAnInvertedRange() {
    assertThatThrownBy(() -> EventQuery.builder("shop").limit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 1000 but was 0");
    assertThatThrownBy(() -> EventQuery.builder("shop").limit(1001))
        .hasMessage("limit must be between 1 and 1000 but was 1001");
    assertThatThrownBy(() -> EventQuery.builder("shop").offset(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset must not be negative but was -1");
    assertThatThrownBy(() -> EventQuery.builder("shop").from(T0).to(T0.minusSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from must not be after to but was 2026-11-20T10:00:00Z"
            + " (to is 2026-11-20T09:59:59Z)");
  }

  @Test
  void equalsAndHashCode_byValue() {
    EventQuery a = EventQuery.builder("shop").name("Signup").offset(10).limit(5).build();
    EventQuery b = EventQuery.builder("shop").name("Signup").offset(10).limit(5).build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(EventQuery.builder("shop").name("Signup").offset(15).limit(5)
        .build());
  }
}
