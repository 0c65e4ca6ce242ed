package dev.footfall.servlet;

import dev.footfall.Analytics;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Serves Footfall's endpoints under the servlet's mapping (for example {@code /*} or {@code
 * /analytics/*}); anything else under the mapping gets a JSON 404.
 *
 * <p>Construct it with an {@link Analytics} in code, or register it in {@code web.xml} with the
 * no-argument constructor and put the {@code Analytics} (and optionally {@link HttpSettings}) in the
 * {@code ServletContext} attributes {@link #ANALYTICS_ATTRIBUTE} and {@link #SETTINGS_ATTRIBUTE}
 * before the servlet initializes.
 *
 * @since 0.1
 */
public class AnalyticsServlet extends HttpServlet {
  /** The {@code ServletContext} attribute that holds the {@link Analytics} for web.xml users. */
  public static final String ANALYTICS_ATTRIBUTE = Analytics.class.getName();
  /** The {@code ServletContext} attribute that may hold {@link HttpSettings}. */
  public static final String SETTINGS_ATTRIBUTE = HttpSettings.class.getName();
  private static final long serialVersionUID = 1L;

  private transient AnalyticsHandler handler;

  /** For web.xml: the {@link Analytics} comes from a context attribute in {@link #init()}. */
  public AnalyticsServlet() {}

  /** Serves {@code analytics} with the given settings. */
  public AnalyticsServlet(Analytics analytics, HttpSettings settings) {
    this.handler = AnalyticsHandler.create(analytics, settings);
  }

  @Override
  public void init() throws ServletException {
    if (handler == null) {
      handler = fromContext(getServletContext());
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo() != null ? request.getPathInfo() : request.getServletPath();
    if (!handler.handle(new JakartaExchange(request, response, path))) {
      Responses.error(new JakartaExchange(request, response, path), 404, "no such endpoint");
    }
  }

  static AnalyticsHandler fromContext(jakarta.servlet.ServletContext context)
      throws ServletException {
    Object analytics = context.getAttribute(ANALYTICS_ATTRIBUTE);
    if (!(analytics instanceof Analytics)) {
      throw new ServletException("servlet context attribute " + ANALYTICS_ATTRIBUTE
          + " must hold an Analytics instance but was " + analytics);
    }
    Object settings = context.getAttribute(SETTINGS_ATTRIBUTE);
    return AnalyticsHandler.create((Analytics) analytics,
        settings instanceof HttpSettings ? (HttpSettings) settings : HttpSettings.defaults());
  }

  AnalyticsHandler handler() {
    return Objects.requireNonNull(handler, "servlet is not initialized");
  }
}
