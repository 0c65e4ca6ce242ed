package dev.footfall.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The README's SecurityFilterChain in front of Footfall's endpoints. */
@SpringBootTest(classes = SpringSecurityTest.SecuredApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"footfall.admin.api-key=0123456789abcdef", "footfall.sites[0].id=shop",
        "footfall.sites[0].domain=shop.example"})
// Closed after the class, before its @TempDir is deleted.
@DirtiesContext
final class SpringSecurityTest {
  private static final String KEY = "0123456789abcdef";

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

  @Test
  void tracking_isAcceptedWithoutLoginOrCsrfToken() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("User-Agent", FilterCalls.FIREFOX);
    headers.setContentType(MediaType.TEXT_PLAIN);
    ResponseEntity<String> response = http.postForEntity("/api/event", new HttpEntity<>(
        "{\"n\":\"pageview\",\"u\":\"https://shop.example/\",\"d\":\"shop.example\"}", headers),
        String.class);
    assertThat(response.getStatusCode().value()).isEqualTo(202);
    assertThat(http.getForEntity("/analytics.js", String.class).getStatusCode().value())
        .isEqualTo(200);
    assertThat(http.getForEntity("/analytics.ext.js", String.class).getStatusCode().value())
        .isEqualTo(200);
    assertThat(FilterCalls.stored(analytics, "shop")).isNotEmpty();
  }

  @Test
  void admin_withTheBearerKey() {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(KEY);
    assertThat(http.exchange("/admin/websites/shop/analytics/overview?period=7d", HttpMethod.GET,
        new HttpEntity<>(headers), String.class).getStatusCode().value()).isEqualTo(200);
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> query = http.postForEntity("/api/v2/query", new HttpEntity<>(
        "{\"site_id\":\"shop\",\"metrics\":[\"visitors\"],\"date_range\":\"7d\"}", headers),
        String.class);
    assertThat(query.getStatusCode().value()).as(query.getBody()).isEqualTo(200);
  }

  @Test
  void admin_withoutTheKeyIsRefused() {
    assertThat(http.getForEntity("/admin/websites/shop/analytics/overview?period=7d",
        String.class).getStatusCode().value()).isIn(401, 403);
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth("not-the-key-0123456789");
    assertThat(http.exchange("/admin/websites/shop/analytics/overview?period=7d", HttpMethod.GET,
        new HttpEntity<>(headers), String.class).getStatusCode().value()).isIn(401, 403);
  }

  @Test
  void otherPaths_stillNeedALogin() {
    assertThat(http.getForEntity("/private", String.class).getStatusCode().value())
        .isEqualTo(401);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class SecuredApp {
    /** The README's example. */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
      String[] footfall = {"/api/event", "/web/analytics/track", "/analytics.js",
          "/analytics.ext.js", "/admin/**", "/api/v2/query", "/share/**"};
      http.authorizeHttpRequests(requests -> requests
              .requestMatchers(footfall).permitAll()
              .anyRequest().authenticated())
          .csrf(csrf -> csrf.ignoringRequestMatchers(footfall))
          .httpBasic(Customizer.withDefaults());
      return http.build();
    }
  }
}
