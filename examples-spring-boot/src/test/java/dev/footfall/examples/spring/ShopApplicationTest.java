package dev.footfall.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "footfall.db=jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1")
final class ShopApplicationTest {
  private static final String FIREFOX =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

  @Autowired
  TestRestTemplate http;

  @Autowired
  Analytics analytics;

  @Test
  void signup_tracksAServerSideEvent() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("User-Agent", FIREFOX);
    headers.set("Referer", "https://www.google.com/");
    ResponseEntity<String> response = http.exchange("/signup?plan=pro", HttpMethod.POST,
        new HttpEntity<>(headers), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
    List<Event> events = analytics.storage().events().list(ShopApplication.SITE_ID,
        Instant.EPOCH, Instant.now().plusSeconds(60), 0, 100);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(EventType.CUSTOM_EVENT);
      assertThat(e.name()).isEqualTo("Signup");
      assertThat(e.pathname()).isEqualTo("/signup");
      assertThat(e.props()).containsEntry("plan", "pro");
      assertThat(e.browser()).isEqualTo("Firefox");
      assertThat(e.referrerSource()).isEqualTo("Google");
    });
  }

  @Test
  void filter_servesTheClientScript() {
    ResponseEntity<String> script = http.getForEntity("/analytics.js", String.class);
    assertThat(script.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(script.getBody()).contains("trackEvent");
  }
}
