package dev.footfall.servlet;

import dev.footfall.Analytics;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves Footfall's endpoints at the application's root and passes every other request on. With
 * {@link HttpSettings.Builder#serverSidePageviews(String)} it also tracks a pageview for each HTML
 * {@code GET} the application answers with 2xx, without any JavaScript.
 *
 * <p>Construct it with an {@link Analytics} in code, or register it in {@code web.xml} and provide
 * the context attributes described in {@link AnalyticsServlet}.
 *
 * @since 0.1
 */
public class AnalyticsFilter implements Filter {
  private AnalyticsHandler handler;

  /** For web.xml: the {@link Analytics} comes from a context attribute in {@link #init}. */
  public AnalyticsFilter() {}

  /** Serves {@code analytics} with the given settings. */
  public AnalyticsFilter(Analytics analytics, HttpSettings settings) {
    this.handler = AnalyticsHandler.create(analytics, settings);
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    if (handler == null) {
      handler = AnalyticsServlet.fromContext(config.getServletContext());
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest) || !(resp instanceof HttpServletResponse)) {
      chain.doFilter(req, resp);
      return;
    }
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) resp;
    String path = request.getRequestURI().substring(request.getContextPath().length());
    JakartaExchange exchange = new JakartaExchange(request, response, path);
    if (handler.handle(exchange)) {
      return;
    }
    chain.doFilter(request, response);
    String site = handler.settings().serverSidePageviewSite();
    if (site != null && isTrackablePage(request, response, path)) {
      handler.trackServerSidePageview(exchange, site, request.getRequestURL()
          + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
    }
  }

  private boolean isTrackablePage(HttpServletRequest request, HttpServletResponse response,
      String path) {
    String contentType = response.getContentType();
    return request.getMethod().equals("GET")
        && response.getStatus() >= 200 && response.getStatus() < 300
        && contentType != null && contentType.startsWith("text/html")
        && handler.settings().tracksPathServerSide(path);
  }
}
