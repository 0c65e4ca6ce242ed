package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.footfall.SharedLink;
import dev.footfall.SharedLinks;
import dev.footfall.StorageException;
import dev.footfall.UnknownSiteException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public side of shared links, under {@code /share/{token}}: no admin credentials, only the
 * token (and, for a link with a password, a pass).
 *
 * <p>Routes: {@code GET /share/{token}} answers the dashboard's page shell in read-only mode, or
 * the password form; {@code POST /share/{token}} checks the form's {@code password}; {@code GET
 * /share/{token}/analytics/{report}} answers the link's site's reports, the same JSON as {@code
 * /admin/websites/{id}/analytics/{report}} ({@link ReportsEndpoint}); {@code GET
 * /share/{token}/funnels} the site's funnels, which the funnel panel names. Nothing else: another
 * path is {@code 404}, another method {@code 403} (a shared link is read-only), and no path names a
 * site, so no other site can be asked for. An unknown or revoked token is {@code 404}.
 *
 * <p>Passwords: a right one answers {@code 303} to the page and sets the pass from {@link
 * SharedLinks#unlock} as a cookie {@code footfall_share_<link id>} ({@code HttpOnly; SameSite=Strict},
 * {@code Secure} over HTTPS, one hour, its path the mount point's {@code /share}); a wrong one
 * answers {@code 401} with the form and "Wrong password". Tries are limited per client IP ({@link
 * #TRIES} a minute, then {@code 429}), on top of PBKDF2's own slowness. The pass is checked on every
 * request, against the link read from the storage: nothing is cached, so a revoked link answers
 * {@code 404} at once, on every instance.
 *
 * <p>Every answer is {@code Cache-Control: private, no-store} (shared caches must not keep one
 * viewer's report for another, nor a revoked link's) and {@code X-Robots-Tag: noindex}.
 */
final class SharedDashboard {
  static final String PREFIX = "/share/";
  /** Password tries a client IP gets a minute. */
  static final int TRIES = 10;
  private static final int MAX_FORM_BYTES = 4096;
  private static final String COOKIE = "footfall_share_";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Logger LOG = LoggerFactory.getLogger(SharedDashboard.class);

  private final SharedLinks links;
  private final ReportsEndpoint reports;
  private final GoalsEndpoint goals;
  private final Dashboard dashboard;
  private final ClientAddress clientAddress;
  private final BodyReader bodies;
  private final RateLimiter tries;

  SharedDashboard(SharedLinks links, ReportsEndpoint reports, GoalsEndpoint goals,
      Dashboard dashboard, ClientAddress clientAddress, BodyReader bodies, Clock clock) {
    this.tries = RateLimiter.of(TRIES, Duration.ofMinutes(1), 100_000, clock);
    this.links = links;
    this.reports = reports;
    this.goals = goals;
    this.dashboard = dashboard;
    this.clientAddress = clientAddress;
    this.bodies = bodies;
  }

  /**
   * Returns whether a path is a shared link's: {@code /share/} and a segment shaped like a token
   * (43 URL-safe base64 characters), and below. Other {@code /share/} paths stay the host
   * application's.
   */
  static boolean handles(String path) {
    if (!path.startsWith(PREFIX)) {
      return false;
    }
    int end = path.indexOf('/', PREFIX.length());
    return TOKEN.matcher(path.substring(PREFIX.length(), end < 0 ? path.length() : end))
        .matches();
  }

  void handle(HttpExchange exchange) throws IOException {
    exchange.responseHeader("Cache-Control", Dashboard.SHARED_CACHING);
    exchange.responseHeader("X-Robots-Tag", "noindex");
    String[] path = exchange.path().substring(PREFIX.length()).split("/", -1);
    String token = path[0];
    boolean page = path.length == 1;
    try {
      Optional<SharedLink> link = links.resolve(token);
      if (link.isEmpty()) {
        if (page) {
          dashboard.messagePage(exchange, 404,
              "This shared link does not exist or was revoked.");
        } else {
          Responses.error(exchange, 404, "no such shared link; it may have been revoked");
        }
        return;
      }
      if (page) {
        page(exchange, link.get(), token);
      } else {
        api(exchange, link.get(), token, path);
      }
    } catch (UnsupportedOperationException e) {
      Responses.error(exchange, 404, "shared links are not kept by this storage");
    } catch (UnknownSiteException | AdminApi.NotFoundException e) {
      Responses.error(exchange, 404, e.getMessage());
    } catch (ConflictException e) {
      Responses.error(exchange, 409, e.getMessage());
    } catch (IllegalArgumentException e) {
      Responses.error(exchange, 400, e.getMessage());
    } catch (StorageException e) {
      LOG.warn("footfall: shared {} failed: {}", exchange.method(), e.getMessage());
      Responses.error(exchange, 503, "storage is unavailable; try again later");
    }
  }

  private void page(HttpExchange exchange, SharedLink link, String token) throws IOException {
    switch (exchange.method()) {
      case "GET", "HEAD" -> {
        if (links.admits(token, pass(exchange, link))) {
          dashboard.sharedPage(exchange, link.siteId(), token);
        } else {
          dashboard.passwordPage(exchange, 200, token, "");
        }
      }
      case "POST" -> unlock(exchange, link, token);
      default -> Responses.methodNotAllowed(exchange, "GET, POST");
    }
  }

  private void unlock(HttpExchange exchange, SharedLink link, String token) throws IOException {
    if (!tries.tryAcquire(clientAddress.clientIp(exchange))) {
      dashboard.passwordPage(exchange, 429, token,
          "Too many tries from your address; wait a minute and try again.");
      return;
    }
    String password;
    try {
      password = QueryParameters.parse(new String(bodies.read(exchange, MAX_FORM_BYTES),
          UTF_8)).get("password").orElse("");
    } catch (BodyTooLargeException | IllegalArgumentException e) {
      dashboard.passwordPage(exchange, 400, token, "The form could not be read; try again.");
      return;
    } catch (IncompleteBodyException e) {
      Responses.incompleteBody(exchange, e);
      return;
    }
    Optional<String> pass = links.unlock(token, password);
    if (pass.isEmpty()) {
      dashboard.passwordPage(exchange, 401, token, "Wrong password.");
      return;
    }
    if (!pass.get().isEmpty()) {
      exchange.responseHeader("Set-Cookie", COOKIE + link.id() + "=" + pass.get()
          + "; Max-Age=" + SharedLinks.PASS_LIFETIME.toSeconds()
          + "; HttpOnly; SameSite=Strict" + (exchange.secure() ? "; Secure" : ""));
    }
    exchange.responseHeader("Location", token);
    exchange.respond(303, null, new byte[0]);
  }

  private void api(HttpExchange exchange, SharedLink link, String token, String[] path)
      throws IOException {
    boolean report = path.length == 3 && path[1].equals("analytics")
        && ReportsEndpoint.REPORTS.contains(path[2]);
    boolean funnels = path.length == 2 && path[1].equals("funnels");
    if (!report && !funnels) {
      Responses.error(exchange, 404, "a shared link answers only its site's reports");
      return;
    }
    if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
      Responses.error(exchange, 403, "a shared link is read-only");
      return;
    }
    if (!links.admits(token, pass(exchange, link))) {
      Responses.error(exchange, 401, "this shared link needs its password; open it again");
      return;
    }
    Map<String, Object> body = report
        ? reports.report(link.siteId(), path[2], QueryParameters.parse(exchange.query()))
        : goals.funnels(link.siteId());
    Responses.json(exchange, 200, body);
  }

  /** The link's pass from the request's cookies, or null. */
  private static String pass(HttpExchange exchange, SharedLink link) {
    String cookies = exchange.requestHeader("Cookie");
    if (cookies == null) {
      return null;
    }
    String name = COOKIE + link.id() + "=";
    for (String cookie : cookies.split(";")) {
      String trimmed = cookie.strip();
      if (trimmed.startsWith(name)) {
        return trimmed.substring(name.length());
      }
    }
    return null;
  }
}
