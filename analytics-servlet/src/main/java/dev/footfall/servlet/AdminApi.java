package dev.footfall.servlet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Analytics;
import dev.footfall.DateRange;
import dev.footfall.Exports;
import dev.footfall.Job;
import dev.footfall.JobRun;
import dev.footfall.Jobs;
import dev.footfall.Rollups;
import dev.footfall.StorageException;
import dev.footfall.TaskRun;
import dev.footfall.UnknownSiteException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticated admin REST API under {@code /admin/}: sites, goals and funnels, shared links,
 * email report recipients, reports, events, jobs and tasks and the instance's counters, and the
 * {@link Dashboard} over it. Every request
 * first goes through the {@link Authenticator} ({@code 403} when none is configured, {@code 401}
 * when it refuses). Bad input gets {@code 400 {"error": "..."}} naming the parameter or field,
 * unknown sites and events {@code 404}, conflicts {@code 409}, a storage outage {@code 503}; no
 * response carries a stack trace or SQL.
 */
final class AdminApi {
  static final String PREFIX = "/admin/";
  private static final List<String> FAMILIES = List.of("websites", "analytics-events", "jobs",
      "stats", "assets");
  /** Admin bodies may be larger than tracking ones: a batch import holds many events. */
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

  private final Authenticator authenticator;
  private final SitesEndpoint sites;
  private final ReportsEndpoint reports;
  private final Jobs jobs;
  private final Rollups rollups;
  private final Exports exports;
  private final Dashboard dashboard = new Dashboard();
  private final EventAdminEndpoint events;
  private final GoalsEndpoint goals;
  private final SharedLinksEndpoint sharedLinks;
  private final ImportsEndpoint imports;
  private final SharedDashboard shared;
  private final EmailReportsEndpoint emailReports;
  private final EmailUnsubscribe unsubscribe;
  private final ClientAddress clientAddress;
  private final BodyReader bodies;
  private final StatsApi stats;
  private final StatsEndpoint counters;

  AdminApi(Analytics analytics, HttpSettings settings, BodyReader bodies) {
    this.authenticator = settings.authenticator();
    this.sites = new SitesEndpoint(analytics.sites(), analytics.clock());
    this.reports = new ReportsEndpoint(analytics.reports());
    this.jobs = analytics.jobs();
    this.rollups = analytics.rollups();
    this.exports = analytics.exports();
    this.events = new EventAdminEndpoint(analytics);
    this.goals = new GoalsEndpoint(analytics.goals());
    this.sharedLinks = new SharedLinksEndpoint(analytics.sharedLinks());
    this.imports = new ImportsEndpoint(analytics.imports());
    this.clientAddress = new ClientAddress(settings.trustedProxies(), settings.clientIpHeader(),
        settings.countryHeaders());
    this.bodies = bodies;
    this.stats = new StatsApi(analytics);
    this.counters = new StatsEndpoint(analytics);
    this.shared = new SharedDashboard(analytics.sharedLinks(), reports, goals, dashboard,
        clientAddress, bodies, analytics.clock());
    this.emailReports = new EmailReportsEndpoint(analytics.emailReports());
    this.unsubscribe = new EmailUnsubscribe(analytics.emailReports(), analytics.sites(),
        dashboard);
  }

  /**
   * Returns the public unsubscribe link of email reports, {@code /email/unsubscribe/...}, which
   * needs only the recipient's token: it is never asked to authenticate.
   */
  EmailUnsubscribe unsubscribe() {
    return unsubscribe;
  }

  /**
   * Returns the public side of shared links, {@code /share/...}, which shares this API's report
   * and dashboard code but none of its authority: it is never asked to authenticate.
   */
  SharedDashboard shared() {
    return shared;
  }

  /**
   * Returns whether a path is the admin API's: {@code /admin/websites}, {@code
   * /admin/analytics-events}, {@code /admin/jobs}, {@code /admin/stats} and {@code /admin/assets}
   * and below. Other
   * {@code /admin/} paths stay the host application's.
   */
  static boolean handles(String path) {
    if (!path.startsWith(PREFIX)) {
      return false;
    }
    String rest = path.substring(PREFIX.length());
    for (String family : FAMILIES) {
      if (rest.equals(family) || rest.startsWith(family + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Answers a request for which {@link #handles} is true. */
  void handle(HttpExchange exchange) throws IOException {
    if (servesDashboard(exchange) || refused(exchange)) {
      return;
    }
    try {
      route(exchange, exchange.path().substring(PREFIX.length()).split("/", -1));
    } catch (InvalidEventsException e) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", e.getMessage());
      body.put("errors", e.errors());
      Responses.json(exchange, 400, body);
    } catch (UnknownSiteException | NotFoundException e) {
      Responses.error(exchange, 404, e.getMessage());
    } catch (ConflictException e) {
      Responses.error(exchange, 409, e.getMessage());
    } catch (BodyTooLargeException e) {
      Responses.error(exchange, 413, e.getMessage());
    } catch (IncompleteBodyException e) {
      Responses.incompleteBody(exchange, e);
    } catch (IllegalArgumentException e) {
      Responses.error(exchange, 400, e.getMessage());
    } catch (StorageException e) {
      LOG.warn("footfall: admin {} {} failed: {}", exchange.method(), exchange.path(),
          e.getMessage());
      Responses.error(exchange, 503, "storage is unavailable; try again later");
    }
  }

  /**
   * Answers {@code POST /api/v2/query}, the {@link StatsApi}, authorised as the admin API is:
   * {@code 403} when no {@link Authenticator} is configured, {@code 401} when it refuses. Bad
   * queries get {@code 400 {"error": "..."}}, an unknown site {@code 404}.
   */
  void stats(HttpExchange exchange) throws IOException {
    if (!exchange.method().equals("POST")) {
      Responses.methodNotAllowed(exchange, "POST");
      return;
    }
    if (refused(exchange)) {
      return;
    }
    try {
      Responses.json(exchange, 200, stats.query(json(exchange)));
    } catch (UnknownSiteException e) {
      Responses.error(exchange, 404, e.getMessage());
    } catch (BodyTooLargeException e) {
      Responses.error(exchange, 413, e.getMessage());
    } catch (IncompleteBodyException e) {
      Responses.incompleteBody(exchange, e);
    } catch (IllegalArgumentException e) {
      Responses.error(exchange, 400, e.getMessage());
    } catch (StorageException e) {
      LOG.warn("footfall: stats query failed: {}", e.getMessage());
      Responses.error(exchange, 503, "storage is unavailable; try again later");
    }
  }

  /**
   * Answers {@code 403} or {@code 401} and returns true if the request may not use the admin API
   * (or the Stats API): a cross-site change, no {@link Authenticator}, or one that refuses it.
   */
  private boolean refused(HttpExchange exchange) throws IOException {
    if (crossSite(exchange)) {
      Responses.error(exchange, 403, "cross-site admin requests are refused");
      return true;
    }
    if (authenticator == null) {
      Responses.error(exchange, 403, "the admin API is disabled: configure an API key"
          + " (FOOTFALL_ADMIN_KEY in the examples, HttpSettings.adminApiKey in code)"
          + " or an Authenticator");
      return true;
    }
    if (!authenticator.authenticate(exchange)) {
      exchange.responseHeader("WWW-Authenticate", "Bearer");
      Responses.error(exchange, 401, "missing or wrong API key: send Authorization: Bearer <key>");
      return true;
    }
    return false;
  }

  /**
   * Whether a request that changes something comes from another site's page: browsers send {@code
   * Sec-Fetch-Site} and {@code Origin} with such requests, and an {@link Authenticator} that trusts
   * a cookie must not be driven by them (cross-site request forgery).
   */
  private static boolean crossSite(HttpExchange exchange) {
    String method = exchange.method();
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return false;
    }
    String fetchSite = exchange.requestHeader("Sec-Fetch-Site");
    if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
      return true;
    }
    String origin = exchange.requestHeader("Origin");
    if (origin == null) {
      return false; // not sent by a browser for another page: curl, a server, a same-origin GET
    }
    String host = exchange.requestHeader("Host");
    int scheme = origin.indexOf("://");
    return host == null || scheme < 0 || !origin.substring(scheme + 3).equalsIgnoreCase(host);
  }

  /**
   * Serves the dashboard's page shell and assets, which hold no data and need no credentials (the
   * page then calls the API with the visitor's own); returns whether the request was one of those.
   */
  private boolean servesDashboard(HttpExchange exchange) throws IOException {
    String path = exchange.path();
    boolean get = exchange.method().equals("GET") || exchange.method().equals("HEAD");
    if (get && path.startsWith(Dashboard.ASSETS)) {
      dashboard.asset(exchange, path.substring(Dashboard.ASSETS.length()));
      return true;
    }
    String[] parts = path.substring(PREFIX.length()).split("/", -1);
    if (get && parts.length == 3 && parts[0].equals("websites") && parts[2].equals("analytics")
        && parts[1].matches("[A-Za-z0-9._-]{1,100}")) {
      dashboard.page(exchange, parts[1]);
      return true;
    }
    return false;
  }

  private void route(HttpExchange exchange, String[] path) throws IOException,
      BodyTooLargeException, IncompleteBodyException {
    String method = exchange.method();
    QueryParameters parameters = QueryParameters.parse(exchange.query());
    if (path[0].equals("websites") && path.length == 1) {
      switch (method) {
        case "GET" -> Responses.json(exchange, 200, sites.list());
        case "POST" -> Responses.json(exchange, 201, sites.create(jsonObject(exchange)));
        default -> Responses.methodNotAllowed(exchange, "GET, POST");
      }
    } else if (path[0].equals("websites") && path.length == 2 && !path[1].isEmpty()) {
      switch (method) {
        case "GET" -> Responses.json(exchange, 200, sites.read(path[1]));
        case "PUT" -> Responses.json(exchange, 200, sites.update(path[1], jsonObject(exchange)));
        case "DELETE" -> {
          sites.delete(path[1]);
          exchange.respond(204, null, new byte[0]);
        }
        default -> Responses.methodNotAllowed(exchange, "GET, PUT, DELETE");
      }
    } else if (path[0].equals("websites") && path.length == 4 && path[2].equals("analytics")
        && ReportsEndpoint.REPORTS.contains(path[3])) {
      if (method.equals("GET")) {
        Map<String, Object> body = reports.report(path[1], path[3], parameters);
        Responses.json(exchange, 200, body);
      } else {
        Responses.methodNotAllowed(exchange, "GET");
      }
    } else if (path[0].equals("websites") && path.length == 3 && path[2].equals("export")) {
      if (method.equals("GET")) {
        export(exchange, path[1], parameters);
      } else {
        Responses.methodNotAllowed(exchange, "GET");
      }
    } else if (path[0].equals("websites") && path.length == 3 && path[2].equals("rollups")) {
      if (method.equals("POST")) {
        Responses.json(exchange, 200, rollUp(path[1], parameters));
      } else {
        Responses.methodNotAllowed(exchange, "POST");
      }
    } else if (path[0].equals("websites") && path.length >= 3
        && (path[2].equals("goals") || path[2].equals("funnels"))) {
      goalsAndFunnels(exchange, path);
    } else if (path[0].equals("websites") && path.length == 3
        && path[2].equals("shared-links")) {
      switch (method) {
        case "GET" -> Responses.json(exchange, 200, sharedLinks.list(path[1]));
        case "POST" -> Responses.json(exchange, 201,
            sharedLinks.create(path[1], jsonObject(exchange)));
        default -> Responses.methodNotAllowed(exchange, "GET, POST");
      }
    } else if (path[0].equals("websites") && path.length == 4
        && path[2].equals("shared-links") && !path[3].isEmpty()) {
      if (method.equals("DELETE")) {
        sharedLinks.revoke(path[1], path[3]);
        exchange.respond(204, null, new byte[0]);
      } else {
        Responses.methodNotAllowed(exchange, "DELETE");
      }
    } else if (path[0].equals("websites") && path.length == 3 && path[2].equals("imports")) {
      switch (method) {
        case "GET" -> Responses.json(exchange, 200, imports.list(path[1]));
        case "POST" -> Responses.json(exchange, 201,
            imports.importArchive(exchange, path[1], parameters));
        default -> Responses.methodNotAllowed(exchange, "GET, POST");
      }
    } else if (path[0].equals("websites") && path.length == 4 && path[2].equals("imports")
        && !path[3].isEmpty()) {
      if (method.equals("DELETE")) {
        imports.delete(path[1], path[3]);
        exchange.respond(204, null, new byte[0]);
      } else {
        Responses.methodNotAllowed(exchange, "DELETE");
      }
    } else if (path[0].equals("websites") && path.length == 3
        && path[2].equals("email-reports")) {
      switch (method) {
        case "GET" -> Responses.json(exchange, 200, emailReports.list(path[1]));
        case "POST" -> Responses.json(exchange, 201,
            emailReports.add(path[1], jsonObject(exchange)));
        default -> Responses.methodNotAllowed(exchange, "GET, POST");
      }
    } else if (path[0].equals("websites") && path.length == 4
        && path[2].equals("email-reports") && !path[3].isEmpty()) {
      if (method.equals("DELETE")) {
        emailReports.remove(path[1], path[3]);
        exchange.respond(204, null, new byte[0]);
      } else {
        Responses.methodNotAllowed(exchange, "DELETE");
      }
    } else if (path[0].equals("analytics-events") && path.length == 1) {
      switch (method) {
        case "GET" -> Responses.json(exchange, 200, events.list(parameters));
        case "POST" -> Responses.json(exchange, 200, events.importOne(json(exchange),
            clientAddress.clientIp(exchange), clientAddress.country(exchange)));
        default -> Responses.methodNotAllowed(exchange, "GET, POST");
      }
    } else if (path[0].equals("analytics-events") && path.length == 2
        && path[1].equals("batch")) {
      if (method.equals("POST")) {
        Responses.json(exchange, 200, events.importBatch(json(exchange),
            clientAddress.clientIp(exchange), clientAddress.country(exchange)));
      } else {
        Responses.methodNotAllowed(exchange, "POST");
      }
    } else if (path[0].equals("analytics-events") && path.length == 2 && !path[1].isEmpty()) {
      switch (method) {
        case "GET" -> Responses.json(exchange, 200, events.read(path[1]));
        case "PUT" -> Responses.json(exchange, 200, events.update(path[1], jsonObject(exchange)));
        case "DELETE" -> {
          events.delete(path[1]);
          exchange.respond(204, null, new byte[0]);
        }
        default -> Responses.methodNotAllowed(exchange, "GET, PUT, DELETE");
      }
    } else if (path[0].equals("jobs") && path.length <= 2) {
      jobs(exchange, path);
    } else if (path[0].equals("stats") && path.length == 1) {
      if (method.equals("GET")) {
        Responses.json(exchange, 200, counters.read());
      } else {
        Responses.methodNotAllowed(exchange, "GET");
      }
    } else {
      throw new NotFoundException("no admin endpoint at " + exchange.path());
    }
  }

  /**
   * {@code /admin/websites/{id}/goals} and {@code /funnels}: {@code GET} lists, {@code POST} adds;
   * {@code .../goals/{name}} and {@code .../funnels/{name}}: {@code GET} reads, {@code DELETE}
   * removes (see {@link GoalsEndpoint}).
   */
  private void goalsAndFunnels(HttpExchange exchange, String[] path)
      throws IOException, BodyTooLargeException, IncompleteBodyException {
    String site = path[1];
    boolean funnels = path[2].equals("funnels");
    String method = exchange.method();
    if (path.length == 3) {
      switch (method) {
        case "GET" -> Responses.json(exchange, 200,
            funnels ? goals.funnels(site) : goals.goals(site));
        case "POST" -> {
          JsonNode body = jsonObject(exchange);
          Responses.json(exchange, 201,
              funnels ? goals.addFunnel(site, body) : goals.addGoal(site, body));
        }
        default -> Responses.methodNotAllowed(exchange, "GET, POST");
      }
      return;
    }
    String name = GoalsEndpoint.name(path, 3);
    if (name.isEmpty()) {
      throw new NotFoundException("no admin endpoint at " + exchange.path());
    }
    switch (method) {
      case "GET" -> Responses.json(exchange, 200,
          funnels ? goals.funnel(site, name) : goals.goal(site, name));
      case "DELETE" -> {
        if (funnels) {
          goals.deleteFunnel(site, name);
        } else {
          goals.deleteGoal(site, name);
        }
        exchange.respond(204, null, new byte[0]);
      }
      default -> Responses.methodNotAllowed(exchange, "GET, DELETE");
    }
  }

  /**
   * {@code GET /admin/websites/{id}/export?period=…} answers the site's {@link Exports export} of
   * the period's days: a ZIP of CSV files in Plausible's export layout, as an attachment named
   * like {@code shop_example_20261101_20261130.zip}, written as it is read. The parameters, the
   * site and the range are checked before the response starts ({@code 400}, {@code 404}); a
   * storage failure after that cuts the download short (the archive then lacks its directory).
   */
  private void export(HttpExchange exchange, String siteId, QueryParameters parameters)
      throws IOException {
    parameters.allowOnly(Set.of("period", "start_date", "end_date"));
    DateRange range = exports.range(siteId, ReportParameters.period(parameters));
    String name = exports.fileName(siteId, range);
    OutputStream[] body = new OutputStream[1];
    OutputStream started = new OutputStream() {
      private OutputStream body() throws IOException {
        if (body[0] == null) {
          exchange.responseHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
          exchange.responseHeader("Cache-Control", "no-store");
          body[0] = exchange.respondStreaming(200, "application/zip");
        }
        return body[0];
      }

      @Override
      public void write(int b) throws IOException {
        body().write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        body().write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        if (body[0] != null) {
          body[0].flush();
        }
      }
    };
    try {
      exports.write(siteId, range, started);
    } catch (RuntimeException e) {
      if (body[0] == null) {
        throw e; // nothing sent yet: answered as any error
      }
      LOG.warn("footfall: export of site {} failed after its download started: {}", siteId,
          e.getMessage());
      throw new IOException("the export failed after its download started", e);
    }
    body[0].close();
  }

  /**
   * {@code POST /admin/websites/{id}/rollups?start_date=…&end_date=…} rolls up the site's days in
   * that range again (a backfill) and answers how many days it rolled up.
   */
  private Map<String, Object> rollUp(String siteId, QueryParameters parameters) {
    parameters.allowOnly(Set.of("start_date", "end_date"));
    LocalDate from = parameters.date("start_date").orElseThrow(
        () -> new IllegalArgumentException("start_date is required (yyyy-mm-dd)"));
    LocalDate to = parameters.date("end_date").orElseThrow(
        () -> new IllegalArgumentException("end_date is required (yyyy-mm-dd)"));
    if (!rollups.enabled()) {
      throw new ConflictException("this storage counts reports from raw events and keeps no"
          + " rollups: there is nothing to roll up");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("site", siteId);
    body.put("rolled_up_days", rollups.rollUp(siteId, from, to));
    return body;
  }

  /**
   * {@code GET /admin/jobs} lists the jobs and the {@linkplain dev.footfall.ScheduledTask tasks}
   * modules added (such as {@code email-reports}); {@code POST /admin/jobs/{job or task}} runs one
   * now (unless another instance is running it) and answers what it did.
   */
  private void jobs(HttpExchange exchange, String[] path) throws IOException {
    if (path.length == 1) {
      if (!exchange.method().equals("GET")) {
        Responses.methodNotAllowed(exchange, "GET");
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("jobs", Arrays.stream(Job.values()).map(Job::key).toList());
      body.put("tasks", List.copyOf(jobs.tasks()));
      // null: raw events are kept for good (a storage that counts them fast, with no retention set)
      body.put("retention_days", jobs.retention().map(Duration::toDays).orElse(null));
      Responses.json(exchange, 200, body);
      return;
    }
    if (!exchange.method().equals("POST")) {
      Responses.methodNotAllowed(exchange, "POST");
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    boolean ran;
    if (jobs.tasks().contains(path[1])) {
      TaskRun run = jobs.runTask(path[1]);
      body.put("task", run.task());
      ran = run.ran();
      body.put("ran", ran);
      body.put("summary", run.summary());
    } else {
      JobRun run = jobs.run(Job.fromKey(path[1]));
      body.put("job", run.job().key());
      ran = run.ran();
      body.put("ran", ran);
      body.put("summary", run.summary());
    }
    Responses.json(exchange, ran ? 200 : 409, body);
  }

  /** Reads the body as a JSON object. */
  private JsonNode jsonObject(HttpExchange exchange)
      throws IOException, BodyTooLargeException, IncompleteBodyException {
    JsonNode body = json(exchange);
    if (!body.isObject()) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
    return body;
  }

  /** Reads the body as JSON. */
  private JsonNode json(HttpExchange exchange)
      throws IOException, BodyTooLargeException, IncompleteBodyException {
    byte[] bytes = bodies.read(exchange, MAX_BODY_BYTES);
    try {
      JsonNode body = Responses.JSON.readTree(bytes);
      if (body == null || body.isMissingNode()) {
        throw new IllegalArgumentException("body must be JSON, but it is empty");
      }
      return body;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body must be JSON (" + e.getOriginalMessage() + ")");
    }
  }

  /** A path that names nothing, answered with {@code 404}. */
  static final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
      super(message);
    }
  }
}
