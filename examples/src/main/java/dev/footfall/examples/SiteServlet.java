package dev.footfall.examples;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The demo website: a few static pages from the classpath ({@code site/}), with every path under
 * {@code /app/} answered by the client-side-routed app page.
 */
final class SiteServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Map<String, String> PAGES = Map.of(
      "/", "index.html", "/pricing", "pricing.html", "/docs", "docs.html");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html;charset=utf-8", "css", "text/css;charset=utf-8",
      "js", "text/javascript;charset=utf-8");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getRequestURI();
    String file = path.startsWith("/app/") || path.equals("/app") ? "app.html"
        : PAGES.getOrDefault(path, path.matches("/[a-z]+\\.(css|js)") ? path.substring(1) : null);
    InputStream in = file == null ? null : SiteServlet.class.getResourceAsStream("site/" + file);
    if (in == null) {
      response.sendError(404);
      return;
    }
    try (in) {
      response.setContentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
      in.transferTo(response.getOutputStream());
    }
  }
}
