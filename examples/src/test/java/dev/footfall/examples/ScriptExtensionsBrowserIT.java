package dev.footfall.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.footfall.Analytics;
import dev.footfall.Event;
import dev.footfall.Site;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.servlet.AnalyticsFilter;
import dev.footfall.servlet.HttpSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The script extensions of {@code /analytics.ext.js} in real headless Chromium: outbound-link
 * clicks, file downloads and 404 pages are stored under Plausible's event names with their props,
 * each only when its attribute is on the script tag.
 *
 * <p>The pages are served from {@code 127.0.0.1}; an outbound link points to {@code localhost}
 * (another host, served by the same Jetty so that following it works offline). Every condition is
 * polled with a deadline of minutes; nothing depends on timing.
 */
final class ScriptExtensionsBrowserIT {
  /** Long: conditions are polled, and the first request waits for the User-Agent parser to load. */
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final String SITE = "ext";
  private static final String DOMAIN = "ext.example";
  private static final String PAGEVIEW = "pageview";

  @TempDir
  Path dir;

  private Analytics analytics;
  private Server server;
  private ChromeDriver browser;
  /** The script tag of the pages, set by each test before the browser loads one. */
  private volatile String script = "";

  @BeforeEach
  void start() throws Exception {
    Browser.assumeInstalled();
    analytics = Analytics.builder().storage(JdbiStorage.h2(dir.resolve("db"))).build();
    analytics.sites().save(Site.of(SITE, DOMAIN, ZoneId.of("UTC"), "", Instant.now()));
    server = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(new AnalyticsFilter(analytics,
        HttpSettings.builder().noRateLimit().build())), "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new Pages()), "/");
    server.setHandler(context);
    server.start();
    browser = Browser.start(dir.resolve("chromium"), true);
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.stop();
      analytics.close();
    }
  }

  @Test
  void outboundLinks_clickCtrlClickMiddleClickAndNewTab_eachStoredWithItsUrl() throws Exception {
    script = tag("data-outbound-links");
    openLinksPage(1);

    click("blank");
    new Actions(browser).keyDown(Keys.CONTROL).click(link("ctrl")).keyUp(Keys.CONTROL).perform();
    middleClick(link("middle"));
    click("same-host");
    awaitEvents(4, e -> true);
    browser.get(url("/links"));
    awaitEvents(2, PAGEVIEW::equals);
    // The page is replaced by the outbound page: the click must be sent on the way out.
    click("plain");
    new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().contains("/landing"));

    List<Event> clicks = awaitEvents(4, "Outbound Link: Click"::equals);
    assertThat(clicks).extracting(e -> e.props().get("url")).containsExactlyInAnyOrder(
        outbound("/landing?from=blank"), outbound("/landing?from=ctrl"),
        outbound("/landing?from=middle"), outbound("/landing?from=plain#top"));
    assertThat(clicks).allSatisfy(e -> {
      assertThat(e.pathname()).isEqualTo("/links");
      assertThat(e.props()).containsOnlyKeys("url");
      assertThat(e.interactive()).isTrue();
    });
    // The link to a path on the page's own host is not outbound.
    assertThat(names()).containsOnly(PAGEVIEW, "Outbound Link: Click");
  }

  @Test
  void fileDownloads_defaultExtensionsOnly_urlWithoutQuery() throws Exception {
    script = tag("data-file-downloads");
    openLinksPage(1);

    click("pdf");
    click("zip-upper");
    middleClick(link("dmg"));
    click("markdown");
    click("same-host");
    click("blank");
    sentinel();

    assertThat(awaitEvents(3, "File Download"::equals))
        .extracting(e -> e.props().get("url"), Event::pathname)
        .containsExactlyInAnyOrder(tuple(local("/files/report.pdf"), "/links"),
            tuple(local("/files/ARCHIVE.ZIP"), "/links"), tuple(local("/files/app.dmg"), "/links"));
    // Not on the default list (.md), not a file, or outbound (off here): nothing.
    assertThat(names()).containsOnly(PAGEVIEW, "File Download", "done");
  }

  @Test
  void fileTypes_replaceTheDefaultList() throws Exception {
    script = tag("data-file-downloads data-file-types=\"md, .js\"");
    openLinksPage(1);

    click("pdf");
    click("markdown");
    sentinel();

    assertThat(awaitEvents(1, "File Download"::equals))
        .extracting(e -> e.props().get("url")).containsExactly(local("/files/notes.md"));
    assertThat(names()).containsOnly(PAGEVIEW, "File Download", "done");
  }

  @Test
  void notFoundPage_with404Attribute_stores404WithPath() throws Exception {
    script = tag("data-404");
    browser.get(url("/no/such/page?q=1"));

    List<Event> notFound = awaitEvents(1, "404"::equals);
    assertThat(notFound.get(0).props()).isEqualTo(Map.of("path", "/no/such/page"));
    assertThat(notFound.get(0).pathname()).isEqualTo("/no/such/page");
    // The link there is no event of its own; /home, without the attribute, sends no 404.
    click("home");
    awaitEvents(2, PAGEVIEW::equals);
    sentinel();
    assertThat(names()).containsExactlyInAnyOrder(PAGEVIEW, "404", PAGEVIEW, "done");
  }

  @Test
  void withoutAttributes_theExtendedScriptSendsOnlyPageviews() throws Exception {
    script = tag("");
    browser.get(url("/no/such/page"));
    awaitEvents(1, PAGEVIEW::equals);
    openLinksPage(2);

    click("blank");
    click("pdf");
    middleClick(link("middle"));
    click("zip-upper");
    sentinel();

    assertThat(names()).containsOnly(PAGEVIEW, "done");
    assertThat(awaitEvents(2, PAGEVIEW::equals)).extracting(Event::pathname)
        .containsExactlyInAnyOrder("/no/such/page", "/links");
  }

  private static String tag(String attributes) {
    return "<script defer data-domain=\"" + DOMAIN + "\" data-allow-local " + attributes
        + " src=\"/analytics.ext.js\"></script>";
  }

  private void openLinksPage(int pageviews) throws InterruptedException {
    browser.get(url("/links"));
    awaitEvents(pageviews, PAGEVIEW::equals);
  }

  private WebElement link(String id) {
    return browser.findElement(By.id(id));
  }

  private void click(String id) {
    link(id).click();
  }

  private void middleClick(WebElement element) {
    PointerInput mouse = new PointerInput(PointerInput.Kind.MOUSE, "mouse");
    Sequence press = new Sequence(mouse, 0)
        .addAction(mouse.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(element),
            0, 0))
        .addAction(mouse.createPointerDown(PointerInput.MouseButton.MIDDLE.asArg()))
        .addAction(mouse.createPointerUp(PointerInput.MouseButton.MIDDLE.asArg()));
    browser.perform(List.of(press));
  }

  /**
   * Sends a custom event {@code done} from the page after the clicks and waits for it: the clicks'
   * events were sent before it, from the same page, so once it is stored (and the buffer flushed)
   * an event of theirs that is missing was never sent.
   */
  private void sentinel() throws InterruptedException {
    ((JavascriptExecutor) browser).executeScript("window.trackEvent('done')");
    awaitEvents(1, "done"::equals);
  }

  /** Waits until at least {@code count} stored events have a name accepted by {@code name}. */
  private List<Event> awaitEvents(int count, Predicate<String> name) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<Event> matching = List.of();
    while (System.nanoTime() < deadline) {
      matching = events().stream().filter(e -> name.test(e.name())).toList();
      if (matching.size() >= count) {
        return matching;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("fewer than " + count + " matching events stored within " + WAIT
        + ": " + events());
  }

  private List<String> names() {
    return events().stream().map(Event::name).toList();
  }

  private List<Event> events() {
    analytics.flush(WAIT);
    return analytics.storage().events().list(SITE, Instant.EPOCH, Instant.now().plusSeconds(60),
            0, 100).stream()
        .filter(e -> !e.name().equals("engagement"))
        .toList();
  }

  private int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  private String url(String path) {
    return local(path);
  }

  private String local(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  private String outbound(String path) {
    return "http://localhost:" + port() + path;
  }

  /**
   * {@code /links}: links of each kind, with the test's script tag; {@code /files/*}: {@code 204}
   * (the browser stays on the page); {@code /landing}: a page without script; anything else a
   * {@code 404} page with the script tag and a link to {@code /home}, whose tag has no attribute.
   */
  private final class Pages extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String path = request.getRequestURI();
      if (path.startsWith("/files/")) {
        response.setStatus(204);
        return;
      }
      response.setContentType("text/html; charset=utf-8");
      String body;
      if (path.equals("/links")) {
        body = "<h1>Links</h1>"
            + a("plain", outbound("/landing?from=plain#top"), "")
            + a("blank", outbound("/landing?from=blank"), " target=\"_blank\"")
            + a("ctrl", outbound("/landing?from=ctrl"), "")
            + a("middle", outbound("/landing?from=middle"), "")
            + a("same-host", "/files/other", "")
            + a("pdf", "/files/report.pdf?v=2#page=3", "")
            + a("zip-upper", "/files/ARCHIVE.ZIP", "")
            + a("dmg", local("/files/app.dmg"), "")
            + a("markdown", "/files/notes.md", "");
      } else if (path.equals("/home")) {
        response.getOutputStream().write(("<!doctype html><html><head><title>Home</title>"
            + tag("") + "</head><body><h1>Home</h1></body></html>").getBytes(UTF_8));
        return;
      } else if (path.equals("/landing")) {
        response.getOutputStream().write("<!doctype html><title>Landing</title><p>Elsewhere"
            .getBytes(UTF_8));
        return;
      } else {
        response.setStatus(404);
        body = "<h1>Not found</h1>" + a("home", "/home", "");
      }
      response.getOutputStream().write(("<!doctype html><html><head><title>Page</title>" + script
          + "<style>a { display: block; margin: 8px; }</style></head><body>" + body
          + "</body></html>").getBytes(UTF_8));
    }

    private String a(String id, String href, String attributes) {
      return "<a id=\"" + id + "\" href=\"" + href + "\"" + attributes + "><span>" + id
          + "</span></a>";
    }
  }
}
