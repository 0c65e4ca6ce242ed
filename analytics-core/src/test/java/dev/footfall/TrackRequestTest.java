package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TrackRequestTest {

  @Test
  void pageview_defaults() {
    TrackRequest r = TrackRequest.pageview("s1", "https://example.com/").build();

    assertThat(r.type()).isEqualTo(EventType.PAGEVIEW);
    assertThat(r.name()).isEqualTo("pageview");
    assertThat(r.props()).isEmpty();
    assertThat(r.interactive()).isTrue();
    assertThat(r.timestamp()).isEmpty();
    assertThat(r.visitorId()).isEmpty();
    assertThat(r.context()).isSameAs(RequestContext.none());
  }

  @Test
  void name_atLimitIsAccepted() {
    String name = "n".repeat(TrackRequest.MAX_NAME_LENGTH);
    assertThat(TrackRequest.event("s1", name, "/").build().name()).isEqualTo(name);
  }

  @Test
  void name_pastLimitIsRejected() {
    assertThatThrownBy(() -> TrackRequest.event("s1", "n".repeat(121), "/").build())
        .isInstanceOfSatisfying(InvalidTrackRequestException.class, e -> assertThat(e.violations())
            .containsOnlyKeys("name")
            .containsEntry("name", List.of("name must be at most 120 characters but was 121")));
  }

  @Test
  void name_requiredForCustomEvent() {
    assertThatThrownBy(() -> TrackRequest.event("s1", " ", "/").build())
        .isInstanceOf(InvalidTrackRequestException.class)
        .hasMessageContaining("name is required for a custom event");
  }

  @Test
  void url_atLimitIsAccepted() {
    String url = "https://example.com/" + "a".repeat(TrackRequest.MAX_URL_BYTES - 20);
    assertThat(url.length()).isEqualTo(2000);
    assertThat(TrackRequest.pageview("s1", url).build().url()).isEqualTo(url);
  }

  @Test
  void url_pastLimitCountsBytesNotCharacters() {
    // 1,000 two-byte characters plus the prefix: under 2,000 characters, over 2,000 bytes.
    String url = "https://example.com/" + "é".repeat(1000);
    assertThatThrownBy(() -> TrackRequest.pageview("s1", url).build())
        .isInstanceOf(InvalidTrackRequestException.class)
        .hasMessageContaining("url must be at most 2000 bytes but was 2020");
  }

  @Test
  void url_dataUrlIsRejected() {
    assertThatThrownBy(() -> TrackRequest.pageview("s1", "DATA:text/html,<h1>x</h1>").build())
        .isInstanceOf(InvalidTrackRequestException.class)
        .hasMessageContaining("url must not be a data: URL");
  }

  @Test
  void url_missingOrRelativeIsRejected() {
    assertThatThrownBy(() -> TrackRequest.pageview("s1", "").build())
        .hasMessageContaining("url is required");
    assertThatThrownBy(() -> TrackRequest.pageview("s1", "pricing").build())
        .hasMessageContaining("url must be an absolute URL or a path starting with '/'");
  }

  @Test
  void referrer_truncatedAtLimit() {
    String referrer = "https://r.example/" + "x".repeat(3000);
    TrackRequest r = TrackRequest.pageview("s1", "/").referrer(referrer).build();
    assertThat(r.referrer()).hasSize(TrackRequest.MAX_REFERRER_LENGTH)
        .isEqualTo(referrer.substring(0, 2000));
    String exact = "r".repeat(2000);
    assertThat(TrackRequest.pageview("s1", "/").referrer(exact).build().referrer())
        .isEqualTo(exact);
  }

  @Test
  void props_castToStringsAndEmptyOrNestedDropped() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("count", 3);
    props.put("ratio", 1.5);
    props.put("flag", true);
    props.put("blank", "  ");
    props.put("missing", null);
    props.put("list", List.of("a"));
    props.put("map", Map.of("a", "b"));
    props.put("", "no key");
    props.put("plan", "pro");

    TrackRequest r = TrackRequest.event("s1", "Signup", "/").props(props).build();

    assertThat(r.props()).containsExactly(
        Map.entry("count", "3"), Map.entry("ratio", "1.5"), Map.entry("flag", "true"),
        Map.entry("plan", "pro"));
  }

  @Test
  void props_pastThirtyAreDropped() {
    TrackRequest.Builder b = TrackRequest.event("s1", "e", "/");
    for (int i = 0; i < 31; i++) {
      b.prop("k" + i, "v" + i);
    }
    Map<String, String> props = b.build().props();
    assertThat(props).hasSize(TrackRequest.MAX_PROPS).containsKey("k29").doesNotContainKey("k30");
  }

  @Test
  void props_keyAndValueLimitsInBytes() {
    String key300 = "k".repeat(300);
    String value2000 = "v".repeat(2000);
    assertThat(TrackRequest.event("s1", "e", "/").prop(key300, value2000).build().props())
        .containsEntry(key300, value2000);

    assertThatThrownBy(() -> TrackRequest.event("s1", "e", "/").prop("k".repeat(301), "v").build())
        .hasMessageContaining("must be at most 300 bytes but was 301");
    assertThatThrownBy(() -> TrackRequest.event("s1", "e", "/").prop("k", "é".repeat(1001)).build())
        .hasMessageContaining("value of prop 'k' must be at most 2000 bytes but was 2002");
  }

  @Test
  void build_reportsEveryViolationAtOnce() {
    assertThatThrownBy(() -> TrackRequest.builder(" ").type(EventType.CUSTOM_EVENT)
            .url("data:,x").prop("k".repeat(301), "v").build())
        .isInstanceOfSatisfying(InvalidTrackRequestException.class,
            e -> assertThat(e.violations()).containsOnlyKeys("site_id", "name", "url", "props"));
  }

  @Test
  void visitorId_blankMeansNone() {
    assertThat(TrackRequest.pageview("s1", "/").visitorId("  ").build().visitorId()).isEmpty();
    assertThat(TrackRequest.pageview("s1", "/").visitorId(" v1 ").build().visitorId())
        .contains("v1");
  }

  @Test
  void nulCharacters_removedFromAllText() {
    TrackRequest r = TrackRequest.event("s1", "Sign\0up", "/a\0b").referrer("https://r\0.example/")
        .prop("k\0", "v\0").build();
    assertThat(r.name()).isEqualTo("Signup");
    assertThat(r.url()).isEqualTo("/ab");
    assertThat(r.referrer()).isEqualTo("https://r.example/");
    assertThat(r.props()).containsExactly(Map.entry("k", "v"));
  }

  @Test
  void timestamp_kept() {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(TrackRequest.pageview("s1", "/").timestamp(at).build().timestamp()).contains(at);
  }

  @Test
  void context_toStringHidesIpAndUserAgent() {
    RequestContext context = RequestContext.of("203.0.113.9", "Mozilla/5.0 Secret").withCountry("de");
    assertThat(context.toString()).doesNotContain("203.0.113.9").doesNotContain("Secret")
        .contains("DE");
    assertThat(TrackRequest.pageview("s1", "/").context(context).build().toString())
        .doesNotContain("203.0.113.9");
  }

  @Test
  void context_countryPlaceholdersBecomeEmpty() {
    assertThat(RequestContext.none().withCountry("XX").country()).isEmpty();
    assertThat(RequestContext.none().withCountry("T1").country()).isEmpty();
    assertThat(RequestContext.none().withCountry("EU").country()).isEmpty();
    assertThat(RequestContext.none().withCountry("deu").country()).isEmpty();
    assertThat(RequestContext.none().withCountry("fr").country()).isEqualTo("FR");
  }
}
