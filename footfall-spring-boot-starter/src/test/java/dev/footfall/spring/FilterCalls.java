package dev.footfall.spring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.servlet.AnalyticsFilter;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Sends requests through the auto-configured filter with Spring's mock servlet objects. */
final class FilterCalls {
  static final String FIREFOX =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

  private final ApplicationContext context;

  FilterCalls(ApplicationContext context) {
    this.context = context;
  }

  @SuppressWarnings("unchecked")
  AnalyticsFilter filter() {
    return ((FilterRegistrationBean<AnalyticsFilter>) context.getBean("footfallFilter",
        FilterRegistrationBean.class)).getFilter();
  }

  /** POSTs a pageview of {@code https://<domain>/pricing} to /api/event from {@code remoteAddr}. */
  MockHttpServletResponse pageview(String domain, String remoteAddr, Map<String, String> headers) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/event");
    request.setRemoteAddr(remoteAddr);
    request.addHeader("User-Agent", FIREFOX);
    headers.forEach(request::addHeader);
    request.setContentType("application/json");
    request.setContent(("{\"n\":\"pageview\",\"u\":\"https://" + domain + "/pricing\",\"d\":\""
        + domain + "\"}").getBytes(UTF_8));
    return send(request, new MockFilterChain());
  }

  /** GETs an admin report with these headers. */
  MockHttpServletResponse admin(String siteId, Map<String, String> headers) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET",
        "/admin/websites/" + siteId + "/analytics/overview");
    request.setRemoteAddr("127.0.0.1");
    headers.forEach(request::addHeader);
    return send(request, new MockFilterChain());
  }

  MockHttpServletResponse send(MockHttpServletRequest request, FilterChain chain) {
    MockHttpServletResponse response = new MockHttpServletResponse();
    try {
      filter().doFilter(request, response, chain);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return response;
  }

  /** Waits until everything accepted is stored and returns the site's events. */
  static List<Event> stored(Analytics analytics, String siteId) {
    assertThat(analytics.flush(Duration.ofMinutes(2))).isTrue();
    return analytics.storage().events().list(siteId, Instant.EPOCH,
        Instant.now().plus(Duration.ofDays(1)), 0, 1_000);
  }
}
