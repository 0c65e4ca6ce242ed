package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard: {@code GET /admin/websites/{id}/analytics} answers a page shell (no data: it
 * fetches everything from the admin API with the visitor's own credentials), a shared link's {@code
 * GET /share/{token}} the same shell in read-only mode ({@link SharedDashboard}), and {@code GET
 * /admin/assets/{hash}/{file}} its script, styles, uPlot and world map from this jar, under a path
 * that changes with their content so that they can be cached for a year. The page forbids inline
 * script through its Content-Security-Policy, and its script renders every value as text.
 */
final class Dashboard {
  static final String ASSETS = "/admin/assets/";
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self';"
      + " style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none';"
      + " form-action 'self'; frame-ancestors 'none'";
  /** A shared link's pages: for this viewer only, and not kept, so a revoke holds at once. */
  static final String SHARED_CACHING = "private, no-store";
  private static final String OWN = "/dev/footfall/servlet/dashboard/";

  private final Map<String, Asset> assets = new LinkedHashMap<>();
  private final String hash;
  private final String page;
  private final String passwordPage;

  Dashboard() {
    String uplot = "/META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/dist/";
    add("dashboard.js", OWN + "dashboard.js", "text/javascript; charset=utf-8");
    add("dashboard.css", OWN + "dashboard.css", "text/css; charset=utf-8");
    add("uPlot.min.js", uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
    add("uPlot.min.css", uplot + "uPlot.min.css", "text/css; charset=utf-8");
    add("world.json", OWN + "world.json", "application/json");
    this.hash = contentHash();
    this.page = new String(read(OWN + "dashboard.html"), UTF_8);
    this.passwordPage = new String(read(OWN + "share-password.html"), UTF_8);
  }

  /** Serves the admin page shell for a site; the site id was checked by the caller. */
  void page(HttpExchange exchange, String siteId) throws IOException {
    html(exchange, 200, page.replace("{{assets}}", "../../assets/" + hash)
        .replace("{{site}}", siteId).replace("{{api}}", ""), "no-store");
  }

  /**
   * Serves the read-only page shell of a shared link at {@code /share/{token}}: the same script,
   * which then reads only {@code /share/{token}/...} and offers no management.
   */
  void sharedPage(HttpExchange exchange, String siteId, String token) throws IOException {
    html(exchange, 200, page.replace("{{assets}}", "../admin/assets/" + hash)
        .replace("{{site}}", escape(siteId)).replace("{{api}}", token + "/"), SHARED_CACHING);
  }

  /**
   * Serves the password form of a shared link at {@code /share/{token}}, with a message (plain
   * text) when there is one to show.
   */
  void passwordPage(HttpExchange exchange, int status, String token, String message)
      throws IOException {
    html(exchange, status, passwordPage.replace("{{assets}}", "../admin/assets/" + hash)
        .replace("{{action}}", token)
        .replace("{{hidden}}", message.isEmpty() ? " hidden" : "")
        .replace("{{message}}", escape(message)), SHARED_CACHING);
  }

  /** Serves a page that only says {@code message}: a link that does not exist, say. */
  void messagePage(HttpExchange exchange, int status, String message) throws IOException {
    html(exchange, status, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>Footfall</title></head><body><p>" + escape(message) + "</p></body></html>\n",
        SHARED_CACHING);
  }

  /**
   * Serves a page that asks {@code question} (plain text) with one button that posts an empty form
   * to the page's own URL: an email report's unsubscribe confirmation, say.
   */
  void confirmPage(HttpExchange exchange, String question, String button) throws IOException {
    html(exchange, 200, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>Footfall</title></head><body><form method=\"post\"><p>" + escape(question)
        + "</p><button type=\"submit\">" + escape(button) + "</button></form></body></html>\n",
        SHARED_CACHING);
  }

  private static void html(HttpExchange exchange, int status, String html, String cacheControl)
      throws IOException {
    exchange.responseHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    exchange.responseHeader("Cache-Control", cacheControl);
    exchange.responseHeader("X-Content-Type-Options", "nosniff");
    exchange.responseHeader("Referrer-Policy", "no-referrer");
    exchange.respond(status, "text/html; charset=utf-8", html.getBytes(UTF_8));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
  }

  /** Serves {@code /admin/assets/{hash}/{file}}; an unknown or outdated path gets 404. */
  void asset(HttpExchange exchange, String rest) throws IOException {
    int slash = rest.indexOf('/');
    Asset asset = slash < 0 ? null : assets.get(rest.substring(slash + 1));
    if (asset == null || !rest.substring(0, slash).equals(hash)) {
      Responses.error(exchange, 404, "no such asset");
      return;
    }
    exchange.responseHeader("Cache-Control", "public, max-age=31536000, immutable");
    exchange.responseHeader("X-Content-Type-Options", "nosniff");
    exchange.respond(200, asset.contentType(), asset.bytes());
  }

  private void add(String name, String resource, String contentType) {
    assets.put(name, new Asset(read(resource), contentType));
  }

  private String contentHash() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      assets.values().forEach(asset -> sha256.update(asset.bytes()));
      sha256.update(read(OWN + "dashboard.html"));
      sha256.update(read(OWN + "share-password.html"));
      return HexFormat.of().formatHex(sha256.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String webjarVersion(String artifact) {
    Properties pom = new Properties();
    try (InputStream in = open("/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  private static byte[] read(String resource) {
    try (InputStream in = open(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = Dashboard.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException(resource + " is missing from the classpath");
    }
    return in;
  }

  private record Asset(byte[] bytes, String contentType) {}
}
