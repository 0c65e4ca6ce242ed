package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Analytics;
import dev.footfall.DropReason;
import dev.footfall.InvalidTrackRequestException;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.TrackResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Footfall's HTTP endpoints over any framework, through {@link HttpExchange}:
 *
 * <ul>
 *   <li>{@code POST /api/event}: the Plausible Events API (long or short keys; JSON sent as {@code
 *       application/json} or {@code text/plain}); {@code 202 ok}, {@code 400 {"errors": {...}}}
 *       for an invalid request, {@code 429} over the rate limit. A dropped event still gets {@code
 *       202}, with an {@code X-Footfall-Dropped} header naming the reason.
 *   <li>{@code POST /web/analytics/track}: the legacy body; always {@code 200
 *       {"success":true,"message":"Event tracked"}}, so the client learns nothing.
 *   <li>{@code GET /analytics.js}: the client script, with ETag, Cache-Control and gzip; {@code GET
 *       /analytics.ext.js} the same followed by its opt-in extensions (outbound links, file
 *       downloads, 404 pages).
 *   <li>{@code /admin/...}: the admin REST API (sites, reports, events), behind the {@link
 *       Authenticator} of the settings; closed ({@code 403}) when none is configured.
 *   <li>{@code POST /api/v2/query}: Plausible's Stats API v2, authorised as the admin API.
 *   <li>{@code /share/{token}...}: a shared link's read-only dashboard and its site's reports, with
 *       no admin credentials (see {@code Analytics.sharedLinks()}).
 *   <li>{@code /email/unsubscribe/{token}}: an email report's unsubscribe link; {@code GET} asks
 *       to confirm, {@code POST} (the confirmation, or a mail client's one click) unsubscribes
 *       (see {@code Analytics.emailReports()}).
 * </ul>
 *
 * <p>Bodies over the limit get {@code 413} without being read whole; bodies that stop arriving
 * (until the container's idle timeout) {@code 408}, bodies cut short {@code 400}, both {@code
 * {"error":"request body incomplete"}}; wrong methods {@code 405}; {@code OPTIONS} a CORS preflight
 * answer. No response sets a cookie but a password-protected shared link's pass, to the viewer
 * who typed its password (never to a tracked visitor). Thread-safe.
 *
 * @since 0.1
 */
public final class AnalyticsHandler {
  static final String EVENTS_PATH = "/api/event";
  static final String LEGACY_PATH = "/web/analytics/track";
  static final String SCRIPT_PATH = "/analytics.js";
  static final String EXTENDED_SCRIPT_PATH = "/analytics.ext.js";
  static final String DROPPED_HEADER = "X-Footfall-Dropped";
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsHandler.class);

  private final Analytics analytics;
  private final HttpSettings settings;
  private final ClientAddress clientAddress;
  private final RateLimiter rateLimiter;
  private final TrackingScript script = TrackingScript.core();
  private final TrackingScript extendedScript = TrackingScript.withExtensions();
  private final BodyReader bodies = new BodyReader();
  private final AdminApi admin;

  private AnalyticsHandler(Analytics analytics, HttpSettings settings) {
    this.analytics = analytics;
    this.settings = settings;
    this.clientAddress = new ClientAddress(settings.trustedProxies(), settings.clientIpHeader(),
        settings.countryHeaders());
    this.rateLimiter = RateLimiter.of(settings);
    this.admin = new AdminApi(analytics, settings, bodies);
  }

  /** Creates a handler with the default {@link HttpSettings}. */
  public static AnalyticsHandler create(Analytics analytics) {
    return create(analytics, HttpSettings.defaults());
  }

  /** Creates a handler. */
  public static AnalyticsHandler create(Analytics analytics, HttpSettings settings) {
    return new AnalyticsHandler(Objects.requireNonNull(analytics, "analytics"),
        Objects.requireNonNull(settings, "settings"));
  }

  /** Returns whether {@code path} (relative to the mount point) is one of Footfall's. */
  public boolean handles(String path) {
    return path.equals(EVENTS_PATH) || path.equals(LEGACY_PATH) || path.equals(SCRIPT_PATH)
        || path.equals(EXTENDED_SCRIPT_PATH) || path.equals(StatsApi.PATH)
        || AdminApi.handles(path) || SharedDashboard.handles(path)
        || EmailUnsubscribe.handles(path);
  }

  /**
   * Answers the exchange if its path is one of Footfall's.
   *
   * @return {@code false}, without touching the exchange, if the path is not Footfall's
   * @throws IOException if the client went away
   */
  public boolean handle(HttpExchange exchange) throws IOException {
    String path = exchange.path();
    if (!handles(path)) {
      return false;
    }
    try {
      switch (path) {
        case SCRIPT_PATH -> serveScript(exchange, script);
        case EXTENDED_SCRIPT_PATH -> serveScript(exchange, extendedScript);
        case EVENTS_PATH -> eventsApi(exchange);
        case LEGACY_PATH -> legacyTrack(exchange);
        case StatsApi.PATH -> admin.stats(exchange);
        default -> {
          if (SharedDashboard.handles(path)) {
            admin.shared().handle(exchange);
          } else if (EmailUnsubscribe.handles(path)) {
            admin.unsubscribe().handle(exchange);
          } else {
            admin.handle(exchange);
          }
        }
      }
    } catch (RuntimeException e) {
      // A bug, not bad input: log the type only (messages may quote the request) and answer plainly.
      LOG.error("footfall: {} {} failed: {}", exchange.method(), path, e.getClass().getName());
      Responses.error(exchange, 500, "internal error");
    }
    return true;
  }

  HttpSettings settings() {
    return settings;
  }

  /**
   * Tracks a pageview that the application served, for {@link AnalyticsFilter}; never waits for
   * buffer room, since this runs on the application's own page request.
   */
  void trackServerSidePageview(HttpExchange exchange, String siteId, String url) {
    if (optedOut(exchange)) {
      return;
    }
    try {
      analytics.tracker().track(TrackRequest.pageview(siteId, url)
          .referrer(exchange.requestHeader("Referer"))
          .context(context(exchange))
          .build());
    } catch (InvalidTrackRequestException e) {
      // The application's own URL broke a limit (say, over 2,000 bytes): not counted.
    }
  }

  private static void serveScript(HttpExchange exchange, TrackingScript script)
      throws IOException {
    String method = exchange.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      Responses.methodNotAllowed(exchange, "GET");
      return;
    }
    Responses.cors(exchange);
    exchange.responseHeader("ETag", script.etag);
    exchange.responseHeader("Cache-Control", TrackingScript.CACHE_CONTROL);
    exchange.responseHeader("Vary", "Accept-Encoding");
    if (script.matches(exchange.requestHeader("If-None-Match"))) {
      exchange.respond(304, null, new byte[0]);
      return;
    }
    String acceptEncoding = exchange.requestHeader("Accept-Encoding");
    boolean gzip = acceptEncoding != null
        && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip");
    byte[] body = gzip ? script.gzipped : script.plain;
    if (gzip) {
      exchange.responseHeader("Content-Encoding", "gzip");
    }
    exchange.respond(200, TrackingScript.CONTENT_TYPE, method.equals("HEAD") ? new byte[0] : body);
  }

  private void eventsApi(HttpExchange exchange) throws IOException {
    if (!acceptPost(exchange)) {
      return;
    }
    Responses.cors(exchange);
    RequestContext context = context(exchange);
    JsonNode body;
    try {
      body = Responses.JSON.readTree(readBody(exchange));
    } catch (BodyTooLargeException e) {
      Responses.error(exchange, 413, e.getMessage());
      return;
    } catch (IncompleteBodyException e) {
      Responses.incompleteBody(exchange, e);
      return;
    } catch (JsonProcessingException e) {
      Responses.fieldErrors(exchange, Map.of("request", List.of("body must be JSON")));
      return;
    }
    if (body == null || !body.isObject()) {
      Responses.fieldErrors(exchange, Map.of("request", List.of("body must be a JSON object")));
      return;
    }
    if (rateLimiter != null && !rateLimiter.tryAcquire(context.clientIp())) {
      Responses.error(exchange, 429, "too many requests from this client");
      return;
    }
    PlausibleEvent event = PlausibleEvent.from(body);
    Map<String, List<String>> errors = new LinkedHashMap<>(event.errors());
    List<TrackRequest> requests = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    List<Optional<Site>> sites = event.siteId().isBlank()
        ? event.domains().stream().map(analytics.sites()::findByDomain).toList()
        : List.of(analytics.sites().find(event.siteId()));
    for (Optional<Site> site : sites) {
      try {
        TrackRequest request = event.toRequest(site.map(Site::id).orElse("unknown"), context);
        if (site.isPresent()) {
          requests.add(request);
        } else {
          dropped.add(reasonName(DropReason.UNKNOWN_SITE));
        }
      } catch (InvalidTrackRequestException e) {
        // A field with a shape error (say, a name that is not a string) keeps that message.
        e.violations().forEach(errors::putIfAbsent);
      }
    }
    if (!errors.isEmpty()) {
      Responses.fieldErrors(exchange, errors);
      return;
    }
    if (optedOut(exchange)) {
      dropped.add("do_not_track");
      requests.clear();
    }
    for (TrackRequest request : requests) {
      track(request).dropReason().ifPresent(r -> dropped.add(reasonName(r)));
    }
    if (!dropped.isEmpty()) {
      exchange.responseHeader(DROPPED_HEADER, String.join(",", dropped));
    }
    exchange.respond(202, "text/plain; charset=utf-8", "ok".getBytes(UTF_8));
  }

  private void legacyTrack(HttpExchange exchange) throws IOException {
    if (!acceptPost(exchange)) {
      return;
    }
    Responses.cors(exchange);
    RequestContext context = context(exchange);
    byte[] body;
    try {
      body = readBody(exchange);
    } catch (BodyTooLargeException e) {
      Responses.error(exchange, 413, e.getMessage());
      return;
    } catch (IncompleteBodyException e) {
      Responses.incompleteBody(exchange, e);
      return;
    }
    boolean allowed = rateLimiter == null || rateLimiter.tryAcquire(context.clientIp());
    if (allowed && !optedOut(exchange)) {
      try {
        LegacyEvent.parse(body)
            .flatMap(event -> event.toRequest(context))
            .ifPresent(this::track);
      } catch (IOException e) {
        // Malformed JSON: the legacy endpoint answers the same either way.
      }
    }
    Responses.legacyOk(exchange);
  }

  /** Tracks, first waiting (within the settings' limit) while the buffer is under pressure. */
  private TrackResult track(TrackRequest request) {
    analytics.tracker().awaitCapacity(settings.maxBackpressureWait());
    return analytics.tracker().track(request);
  }

  private boolean acceptPost(HttpExchange exchange) throws IOException {
    switch (exchange.method()) {
      case "POST":
        return true;
      case "OPTIONS":
        Responses.preflight(exchange, "POST");
        return false;
      default:
        Responses.methodNotAllowed(exchange, "POST");
        return false;
    }
  }

  private byte[] readBody(HttpExchange exchange)
      throws BodyTooLargeException, IncompleteBodyException {
    return bodies.read(exchange, settings.maxBodyBytes());
  }

  /** Whether the visitor asked not to be counted (GPC or DNT) and the settings honour it. */
  private boolean optedOut(HttpExchange exchange) {
    return settings.honourDoNotTrack() && ("1".equals(trimmed(exchange.requestHeader("Sec-GPC")))
        || "1".equals(trimmed(exchange.requestHeader("DNT"))));
  }

  private static String trimmed(String header) {
    return header == null ? null : header.strip();
  }

  private RequestContext context(HttpExchange exchange) {
    return RequestContext.of(clientAddress.clientIp(exchange), userAgent(exchange))
        .withCountry(clientAddress.country(exchange));
  }

  private static String userAgent(HttpExchange exchange) {
    String ua = exchange.requestHeader("User-Agent");
    return ua == null ? "" : ua;
  }

  private static String reasonName(DropReason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }
}
