package dev.footfall.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.EventType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class, before its @TempDir is deleted.
@DirtiesContext
final class ShopApplicationTest {
  static final String FIREFOX =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
  static final String ADMIN_KEY = "shop-demo-admin-key"; // application.properties

  @TempDir
  static Path dir;

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) {
    registry.add("footfall.storage.h2-directory", dir::toString);
  }

  @Autowired
  TestRestTemplate http;

  @Autowired
  Analytics analytics;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void pageviewAndSignup_storedAndVisibleThroughTheAdminApi() throws Exception {
    HttpHeaders browser = new HttpHeaders();
    browser.set("User-Agent", FIREFOX);
    browser.setContentType(MediaType.TEXT_PLAIN);
    ResponseEntity<String> pageview = http.postForEntity("/api/event", new HttpEntity<>(
        "{\"n\":\"pageview\",\"u\":\"https://shop.example/pricing\",\"d\":\"shop.example\"}",
        browser), String.class);
    assertThat(pageview.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    HttpHeaders form = new HttpHeaders();
    form.set("User-Agent", FIREFOX);
    form.set("Referer", "https://www.google.com/");
    ResponseEntity<String> signup = http.exchange("/signup?plan=pro", HttpMethod.POST,
        new HttpEntity<>(form), String.class);
    assertThat(signup.getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
    List<Event> events = analytics.storage().events().list(ShopApplication.SITE_ID,
        Instant.EPOCH, Instant.now().plusSeconds(60), 0, 100);
    assertThat(events).extracting(Event::type)
        .containsExactlyInAnyOrder(EventType.PAGEVIEW, EventType.CUSTOM_EVENT);
    assertThat(events).filteredOn(e -> e.type() == EventType.CUSTOM_EVENT).singleElement()
        .satisfies(e -> {
          assertThat(e.name()).isEqualTo("Signup");
          assertThat(e.pathname()).isEqualTo("/signup");
          assertThat(e.props()).containsEntry("plan", "pro");
          assertThat(e.browser()).isEqualTo("Firefox");
          assertThat(e.referrerSource()).isEqualTo("Google");
        });

    HttpHeaders admin = new HttpHeaders();
    admin.setBearerAuth(ADMIN_KEY);
    ResponseEntity<String> listed = http.exchange("/admin/analytics-events?site_id=shop",
        HttpMethod.GET, new HttpEntity<>(admin), String.class);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(listed.getBody()).contains("\"/pricing\"").contains("\"Signup\"");
    ResponseEntity<String> overview = http.exchange(
        "/admin/websites/shop/analytics/overview?period=day", HttpMethod.GET,
        new HttpEntity<>(admin), String.class);
    assertThat(json.readTree(overview.getBody()).at("/metrics/pageviews/value").asLong())
        .isEqualTo(1);

    assertThat(http.getForEntity("/admin/analytics-events?site_id=shop", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    JsonNode stored = json.readTree(http.getForEntity(
        "/actuator/metrics/footfall.events.stored", String.class).getBody());
    assertThat(stored.at("/measurements/0/value").asDouble()).isEqualTo(2.0);
  }

  @Test
  void health_showsFootfallUp() throws Exception {
    ResponseEntity<String> response = http.getForEntity("/actuator/health", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode footfall = json.readTree(response.getBody()).at("/components/footfall");
    assertThat(footfall.path("status").asText()).isEqualTo("UP");
    assertThat(footfall.at("/details/storage").asText()).isEqualTo("reachable");
    assertThat(footfall.at("/details/writer").asText()).isEqualTo("running");
  }

  @Test
  void filter_servesTheClientScript() {
    ResponseEntity<String> script = http.getForEntity("/analytics.js", String.class);
    assertThat(script.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(script.getBody()).contains("trackEvent");
  }
}
