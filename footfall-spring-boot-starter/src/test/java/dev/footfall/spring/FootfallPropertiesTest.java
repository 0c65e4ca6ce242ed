package dev.footfall.spring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

final class FootfallPropertiesTest {
  @TempDir
  Path dir;

  private WebApplicationContextRunner web() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(FootfallAutoConfiguration.class))
        .withPropertyValues("footfall.storage.h2-directory=" + dir,
            "footfall.sites[0].id=shop", "footfall.sites[0].domain=shop.example");
  }

  @Test
  void adminApiKey_opensTheAdminApiToTheBearer() {
    web().withPropertyValues("footfall.admin.api-key=0123456789abcdef").run(context -> {
      FilterCalls calls = new FilterCalls(context);
      assertThat(calls.admin("shop", Map.of("Authorization", "Bearer 0123456789abcdef"))
          .getStatus()).isEqualTo(200);
      assertThat(calls.admin("shop", Map.of()).getStatus()).isEqualTo(401);
      assertThat(calls.admin("shop", Map.of("Authorization", "Bearer 0123456789abcdeX"))
          .getStatus()).isEqualTo(401);
    });
  }

  @Test
  void adminApiKey_blankKeepsItClosed() {
    web().withPropertyValues("footfall.admin.api-key= ").run(context ->
        assertThat(new FilterCalls(context).admin("shop", Map.of()).getStatus()).isEqualTo(403));
  }

  @Test
  void trustedProxies_countryAndClientIpHeadersBelievedFromThemOnly() {
    web().withPropertyValues("footfall.http.trusted-proxies=10.0.0.0/8",
            "footfall.http.country-headers=CF-IPCountry",
            "footfall.http.client-ip-header=X-Real-IP")
        .run(context -> {
          FilterCalls calls = new FilterCalls(context);
          calls.pageview("shop.example", "10.1.2.3",
              Map.of("CF-IPCountry", "DE", "X-Real-IP", "198.51.100.1"));
          calls.pageview("shop.example", "10.1.2.3",
              Map.of("CF-IPCountry", "DE", "X-Real-IP", "198.51.100.2"));
          calls.pageview("shop.example", "203.0.113.9",
              Map.of("CF-IPCountry", "DE", "X-Real-IP", "198.51.100.3"));
          calls.pageview("shop.example", "203.0.113.9",
              Map.of("CF-IPCountry", "DE", "X-Real-IP", "198.51.100.4"));
          List<Event> events = FilterCalls.stored(context.getBean(Analytics.class), "shop");
          assertThat(events).extracting(Event::country).containsExactlyInAnyOrder(
              "DE", "DE", "", "");
          // Two clients behind the proxy; one untrusted client whatever its header says.
          assertThat(events.stream().map(Event::visitorId).distinct()).hasSize(3);
          assertThat(events.stream().filter(e -> e.country().isEmpty())
              .map(Event::visitorId).distinct()).hasSize(1);
        });
  }

  @Test
  void rateLimit_requestsPerPeriod() {
    web().withPropertyValues("footfall.http.rate-limit.requests=2",
        "footfall.http.rate-limit.period=1h").run(context -> {
          FilterCalls calls = new FilterCalls(context);
          assertThat(calls.pageview("shop.example", "203.0.113.9", Map.of()).getStatus())
              .isEqualTo(202);
          assertThat(calls.pageview("shop.example", "203.0.113.9", Map.of()).getStatus())
              .isEqualTo(202);
          assertThat(calls.pageview("shop.example", "203.0.113.9", Map.of()).getStatus())
              .isEqualTo(429);
        });
  }

  @Test
  void rateLimit_off() {
    web().withPropertyValues("footfall.http.rate-limit.enabled=false").run(context -> {
      FilterCalls calls = new FilterCalls(context);
      for (int i = 0; i < 130; i++) { // the default allows 120
        assertThat(calls.pageview("shop.example", "203.0.113.9", Map.of()).getStatus())
            .isEqualTo(202);
      }
    });
  }

  @Test
  void maxBodySize_largerBodiesGet413() {
    web().withPropertyValues("footfall.http.max-body-size=100B").run(context -> {
      MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/event");
      request.setRemoteAddr("203.0.113.9");
      request.setContentType("application/json");
      request.setContent(("{\"n\":\"pageview\",\"u\":\"https://shop.example/"
          + "x".repeat(200) + "\"}").getBytes(UTF_8));
      assertThat(new FilterCalls(context).send(request, (req, resp) -> { }).getStatus())
          .isEqualTo(413);
    });
  }

  @Test
  void honourDoNotTrack_dropsDntRequests() {
    web().withPropertyValues("footfall.http.honour-do-not-track=true").run(context -> {
      MockHttpServletResponse response = new FilterCalls(context)
          .pageview("shop.example", "203.0.113.9", Map.of("DNT", "1"));
      assertThat(response.getHeader("X-Footfall-Dropped")).isEqualTo("do_not_track");
      assertThat(FilterCalls.stored(context.getBean(Analytics.class), "shop")).isEmpty();
    });
  }

  @Test
  void serverSidePageviews_trackIncludedHtmlPages() {
    web().withPropertyValues("footfall.http.server-side-pageviews.site=shop",
            "footfall.http.server-side-pageviews.include-paths=/docs/**",
            "footfall.http.server-side-pageviews.exclude-paths=/docs/private/**")
        .run(context -> {
          FilterCalls calls = new FilterCalls(context);
          for (String path : List.of("/docs/a/b", "/docs/private/c", "/other")) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
            request.setServerName("shop.example");
            request.setRemoteAddr("203.0.113.9");
            request.addHeader("User-Agent", FilterCalls.FIREFOX);
            calls.send(request, (req, resp) -> resp.setContentType("text/html;charset=UTF-8"));
          }
          assertThat(FilterCalls.stored(context.getBean(Analytics.class), "shop"))
              .extracting(Event::pathname).containsExactly("/docs/a/b");
        });
  }

  @Test
  void retention_reachesTheJobs() {
    web().withPropertyValues("footfall.retention=10d").run(context ->
        assertThat(context.getBean(Analytics.class).jobs().retention())
            .contains(Duration.ofDays(10)));
  }

  @Test
  void sessionTimeout_endsVisitsSooner() {
    web().withPropertyValues("footfall.session-timeout=1m").run(context -> {
      Analytics analytics = context.getBean(Analytics.class);
      new FilterCalls(context).pageview("shop.example", "203.0.113.9", Map.of());
      Event event = FilterCalls.stored(analytics, "shop").get(0);
      // Two minutes later the visit is over; with the default 30 minutes (below) it goes on.
      assertThat(analytics.sessions().hasSession("shop", event.visitorId(),
          event.timestamp().plusSeconds(120))).isFalse();
    });
    web().run(context -> {
      Analytics analytics = context.getBean(Analytics.class);
      new FilterCalls(context).pageview("shop.example", "203.0.113.9", Map.of());
      Event event = FilterCalls.stored(analytics, "shop").get(0);
      assertThat(analytics.sessions().hasSession("shop", event.visitorId(),
          event.timestamp().plusSeconds(120))).isTrue();
    });
  }

  @Test
  void jobIntervalsBufferCapacityShutdownTimeout_goodValuesStart() {
    web().withPropertyValues("footfall.job-intervals.finalize-sessions=1m",
            "footfall.job-intervals.rotate_salts=2m", "footfall.buffer-capacity=10",
            "footfall.shutdown-timeout=5s")
        .run(context -> {
          assertThat(context).hasNotFailed();
          FootfallProperties properties = context.getBean(FootfallProperties.class);
          assertThat(properties.jobIntervalsByJob()).containsEntry(
              dev.footfall.Job.FINALIZE_SESSIONS, Duration.ofMinutes(1)).containsEntry(
              dev.footfall.Job.ROTATE_SALTS, Duration.ofMinutes(2));
          FilterCalls calls = new FilterCalls(context);
          calls.pageview("shop.example", "203.0.113.9", Map.of());
          assertThat(FilterCalls.stored(context.getBean(Analytics.class), "shop")).hasSize(1);
        });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      footfall.admin.api-key=too-short                 | footfall.admin.api-key         | at least 16 characters
      footfall.session-timeout=0s                      | footfall.session-timeout       | sessionTimeout must be positive
      footfall.shutdown-timeout=-5s                    | footfall.shutdown-timeout      | shutdownTimeout must be positive
      footfall.retention=1h                            | footfall.retention             | retention must be at least 1 day
      footfall.buffer-capacity=0                       | footfall.buffer-capacity       | bufferCapacity must be positive
      footfall.job-intervals.nightly=1m                | footfall.job-intervals.nightly | job must be one of finalize_sessions
      footfall.job-intervals.rollup=0s                 | footfall.job-intervals.rollup  | jobInterval(rollup) must be positive
      footfall.sites[0].timezone=Mars/Base             | footfall.sites[0].timezone     | timezone must be a known IANA zone id but was 'Mars/Base'
      footfall.http.trusted-proxies=10.0.0.0/99        | footfall.http.trusted-proxies  | 10.0.0.0/99
      footfall.http.rate-limit.requests=0              | footfall.http.rate-limit.requests | rate limit requests must be positive
      footfall.http.rate-limit.period=0s               | footfall.http.rate-limit.period   | rate limit period must be positive
      footfall.http.max-body-size=0B                   | footfall.http.max-body-size    | maxBodyBytes must be positive
      footfall.http.server-side-pageviews.include-paths=docs | footfall.http.server-side-pageviews.include-paths | must start with '/'
      footfall.storage.type=mongo                      | footfall.storage.type          | mongo
      footfall.sites[1].id=blog                        | footfall.sites[1].domain must be set | footfall.sites[1].domain must be set
      """)
  void badValue_failsStartUpNamingTheProperty(String setting, String property, String reason) {
    web().withPropertyValues(setting).run(context -> assertThat(context).hasFailed()
        .getFailure().hasStackTraceContaining(property).hasStackTraceContaining(reason));
  }
}
