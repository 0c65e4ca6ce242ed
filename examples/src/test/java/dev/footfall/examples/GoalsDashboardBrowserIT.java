package dev.footfall.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Analytics;
import dev.footfall.Funnel;
import dev.footfall.Goal;
import dev.footfall.RequestContext;
import dev.footfall.Revenue;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.servlet.HttpSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's goal conversions, funnel and properties panels, its filter chips for several
 * values and wildcards, and its goals and funnels management, in headless Chromium against what
 * the admin API answers; hostile goal names and prop values stay text.
 */
final class GoalsDashboardBrowserIT {
  private static final String KEY = "dashboard-test-key-0123";
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final String HOSTILE_GOAL = "<img src=x onerror=window.__xss=3>";
  private static final String HOSTILE_PROP = "<img src=x onerror=window.__xss=4>";
  /** A value holding the filter syntax's own characters, which a click must escape. */
  private static final String TRICKY_PROP = "B|C;D\\";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final Instant now = Instant.now();
  private Analytics analytics;
  private DemoServer server;
  private ChromeDriver browser;

  @BeforeEach
  void start() throws Exception {
    Browser.assumeInstalled();
    analytics = Analytics.builder().storage(InMemoryStorage.create()).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop", Instant.EPOCH));
    server = new DemoServer(analytics, HttpSettings.builder().adminApiKey(KEY).build(),
        "127.0.0.1", 0);
    seed();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
      analytics.close();
    }
  }

  /**
   * 12 visitors through pricing, signup and purchase (props {@code plan}), 6 blog readers (prop
   * {@code variant}), one hostile event and prop value; five goals and a three-step funnel.
   */
  private void seed() {
    for (int v = 0; v < 12; v++) {
      Instant at = now.minus(Duration.ofMinutes(30L * (v + 1)));
      String plan = v % 3 == 0 ? "team" : "pro";
      track(TrackRequest.pageview("shop", "https://shop.example/pricing"), "v" + v, at);
      if (v % 2 == 0) {
        track(TrackRequest.event("shop", "Signup", "https://shop.example/signup")
            .prop("plan", plan), "v" + v, at.plusSeconds(60));
      }
      if (v % 4 == 0) {
        track(TrackRequest.event("shop", "Purchase", "https://shop.example/checkout")
            .prop("plan", plan).revenue(Revenue.of(v == 0 ? "49.90" : "19", "USD")), "v" + v,
            at.plusSeconds(120));
      }
    }
    for (int v = 0; v < 6; v++) {
      track(TrackRequest.pageview("shop", "https://shop.example/blog/post-" + v)
          .prop("variant", v == 5 ? TRICKY_PROP : v % 2 == 0 ? "A" : "B"), "reader" + v,
          now.minus(Duration.ofMinutes(17L * (v + 1))));
    }
    track(TrackRequest.event("shop", HOSTILE_GOAL, "https://shop.example/pricing")
        .prop("plan", HOSTILE_PROP), "hostile", now.minus(Duration.ofMinutes(5)));
    analytics.flush(WAIT);
    analytics.goals().add("shop", Goal.pageview("/pricing"));
    analytics.goals().add("shop", Goal.event("Signup"));
    analytics.goals().add("shop", Goal.revenue("Purchase", Currency.getInstance("USD")));
    analytics.goals().add("shop", Goal.pageview("/blog/*"));
    analytics.goals().add("shop", Goal.event(HOSTILE_GOAL));
    analytics.goals().addFunnel("shop", new Funnel("Signup flow",
        List.of("Visit /pricing", "Signup", "Purchase")));
  }

  private void track(TrackRequest.Builder request, String visitor, Instant at) {
    analytics.tracker().track(request.visitorId(visitor).timestamp(at)
        .context(RequestContext.of("", Browser.DESKTOP_CHROME).withCountry("DE")).build());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private JsonNode api(String pathAndQuery) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(url("/admin/websites/shop/" + pathAndQuery)))
        .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(browser, WAIT);
  }

  private int awaitLoaded(int after) {
    waiting().until(d -> {
      String loaded = d.findElement(By.tagName("body")).getDomAttribute("data-loaded");
      return loaded != null && Integer.parseInt(loaded) > after;
    });
    return Integer.parseInt(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded"));
  }

  private int signIn(String path) {
    browser.get(url(path));
    waiting().until(d -> d.findElement(By.id("login")).isDisplayed());
    browser.findElement(By.id("key")).sendKeys(KEY);
    browser.findElement(By.cssSelector("#login button")).click();
    return awaitLoaded(0);
  }

  private List<WebElement> all(String css) {
    return browser.findElements(By.cssSelector(css));
  }

  private String visitorsCard() {
    return browser.findElement(By.cssSelector("[data-metric='visitors'] .value"))
        .getDomAttribute("data-value");
  }

  private List<String> chips() {
    return all(".chip").stream().map(WebElement::getText).toList();
  }

  @Test
  void panels_showWhatTheApiAnswers_andClicksFilter() throws Exception {
    browser = Browser.start(dir.resolve("profile"), false);
    int loaded = signIn("/admin/websites/shop/analytics?period=7d");

    // Goal conversions: every goal, with the API's numbers.
    JsonNode goals = api("analytics/goals?period=7d").get("results");
    List<WebElement> goalRows = all("[data-panel='goals'] .goal.row");
    assertThat(goalRows).hasSize(5);
    for (int i = 0; i < goals.size(); i++) {
      JsonNode goal = goals.get(i);
      WebElement row = goalRows.get(i);
      assertThat(row.getDomAttribute("data-value")).isEqualTo(goal.get("name").asText());
      assertThat(row.getDomAttribute("data-visitors")).isEqualTo(goal.get("visitors").asText());
      assertThat(row.getDomAttribute("data-events")).isEqualTo(goal.get("events").asText());
      assertThat(Double.parseDouble(row.getDomAttribute("data-conversion-rate")))
          .isEqualTo(goal.get("conversion_rate").asDouble());
      assertThat(row.getText()).contains(goal.get("name").asText());
    }
    assertThat(goals.get(0).get("visitors").asInt()).isEqualTo(12);
    assertThat(goals.get(2).get("revenue").get("total").decimalValue()).isEqualByComparingTo("87.90");
    WebElement revenue = browser.findElement(
        By.cssSelector("[data-panel='goals'] .row[data-value='Purchase'] .revenue"));
    assertThat(revenue.getText()).isEqualTo("$87.90");
    assertThat(revenue.getDomAttribute("data-total")).isEqualTo("87.9");

    // Funnel: the steps, visitors, drop-off and conversion the API counts.
    assertThat(new Select(browser.findElement(By.cssSelector("[data-panel='funnel'] select")))
        .getFirstSelectedOption().getText()).isEqualTo("Signup flow");
    JsonNode steps = api("analytics/funnel?period=7d&funnel=Signup%20flow").get("steps");
    List<WebElement> stepItems = all("[data-panel='funnel'] .step");
    assertThat(stepItems).hasSize(3);
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      WebElement item = stepItems.get(i);
      assertThat(item.getDomAttribute("data-goal")).isEqualTo(step.get("goal").asText());
      assertThat(item.getDomAttribute("data-visitors")).isEqualTo(step.get("visitors").asText());
      assertThat(item.getDomAttribute("data-dropoff")).isEqualTo(step.get("dropoff").asText());
      assertThat(Double.parseDouble(item.getDomAttribute("data-conversion-rate")))
          .isEqualTo(step.get("conversion_rate").asDouble());
    }
    assertThat(steps.get(2).get("visitors").asInt()).isEqualTo(3);
    assertThat(stepItems.get(1).getText()).contains("6 visitors · 50%", "↓ 6 dropped off");

    // Properties: the keys seen, and the first broken down by its values.
    JsonNode keys = api("analytics/props?period=7d").get("results");
    Select propKey = new Select(browser.findElement(By.cssSelector("[data-panel='props'] select")));
    assertThat(propKey.getOptions().stream().map(WebElement::getText).toList())
        .isEqualTo(values(keys));
    assertThat(propKey.getFirstSelectedOption().getText()).isEqualTo("plan");
    assertThat(rowValues("props")).isEqualTo(rowsOf(api("analytics/breakdown?period=7d"
        + "&dimension=prop:plan&metrics=visitors,events&limit=10")));
    // Screenshots of the three panels, wide and at phone width.
    screenshot("dashboard-goals-1280x900.png", 1280, 900);
    screenshot("dashboard-goals-390x844.png", 390, 844);
    assertThat(browser.executeScript("return document.documentElement.scrollWidth"
        + " <= document.documentElement.clientWidth")).as("no sideways scrolling at 390 px")
        .isEqualTo(true);
    browser.manage().window().setSize(new Dimension(1280, 900));

    propKey.selectByVisibleText("variant");
    waiting().until(d -> rowValues("props").contains("A"));
    assertThat(rowValues("props")).isEqualTo(rowsOf(api("analytics/breakdown?period=7d"
        + "&dimension=prop:variant&metrics=visitors,events&limit=10")));

    // A click on a prop value filters the dashboard by it.
    browser.findElement(By.cssSelector("[data-panel='props'] .row[data-value='A']")).click();
    loaded = awaitLoaded(loaded);
    assertThat(browser.getCurrentUrl()).contains("filters=prop%3Avariant%3D%3DA");
    assertThat(chips()).containsExactly("variant is A ✕");
    assertThat(visitorsCard()).isEqualTo("3");
    browser.findElement(By.cssSelector(".chip")).click();
    loaded = awaitLoaded(loaded);

    // A click on a goal filters by it.
    browser.findElement(By.cssSelector("[data-panel='goals'] .row[data-value='Signup']")).click();
    loaded = awaitLoaded(loaded);
    assertThat(browser.getCurrentUrl()).contains("filters=goal%3D%3DSignup");
    assertThat(chips()).containsExactly("goal is Signup ✕");
    assertThat(visitorsCard()).isEqualTo(api("analytics/overview?period=7d&filters="
        + encoded("goal==Signup")).get("metrics").get("visitors").get("value").asText())
        .isEqualTo("6");

  }

  @Test
  void chips_showSeveralValuesAndWildcards() throws Exception {
    browser = Browser.start(dir.resolve("profile"), false);
    String filters = "page*=/blog/*;prop:variant==A|B;country!=FR|US;page~=po\\;st";
    signIn("/admin/websites/shop/analytics?period=7d&filters=" + encoded(filters));

    assertThat(chips()).containsExactly("page matches /blog/* ✕", "variant is A or B ✕",
        "country is not FR or US ✕", "page contains po;st ✕");
    assertThat(visitorsCard()).isEqualTo(api("analytics/overview?period=7d&filters="
        + encoded(filters)).get("metrics").get("visitors").get("value").asText());
    browser.get(url("/admin/websites/shop/analytics?period=7d&filters="
        + encoded("page*=/blog/*;country==DE|FR")));
    awaitLoaded(0);
    assertThat(chips()).containsExactly("page matches /blog/* ✕", "country is DE or FR ✕");
    assertThat(visitorsCard()).isEqualTo("6");
  }

  @Test
  void hostileGoalNamesAndPropValues_renderAsText() throws Exception {
    browser = Browser.start(dir.resolve("profile"), false);
    int loaded = signIn("/admin/websites/shop/analytics?period=7d");

    WebElement goals = browser.findElement(By.cssSelector("[data-panel='goals']"));
    assertThat(goals.getText()).contains(HOSTILE_GOAL);
    assertThat(rowValues("props")).contains(HOSTILE_PROP);
    assertThat(browser.findElement(By.cssSelector("[data-panel='props']")).getText())
        .contains(HOSTILE_PROP);
    assertThat(all("main img")).isEmpty();
    // Filtering by the hostile goal: the chip is text too, and the API gets the exact name.
    browser.findElements(By.cssSelector("[data-panel='goals'] .goal.row")).stream()
        .filter(row -> HOSTILE_GOAL.equals(row.getDomAttribute("data-value"))).findFirst()
        .orElseThrow().click();
    awaitLoaded(loaded);
    assertThat(chips()).containsExactly("goal is " + HOSTILE_GOAL + " ✕");
    assertThat(visitorsCard()).isEqualTo("1");
    assertThat(all("img")).isEmpty();
    assertThat(browser.executeScript("return window.__xss === undefined")).isEqualTo(true);
  }

  @Test
  void propValueWithFilterSyntax_filtersByExactlyIt() throws Exception {
    browser = Browser.start(dir.resolve("profile"), false);
    int loaded = signIn("/admin/websites/shop/analytics?period=7d");

    new Select(browser.findElement(By.cssSelector("[data-panel='props'] select")))
        .selectByVisibleText("variant");
    waiting().until(d -> rowValues("props").contains(TRICKY_PROP));
    browser.findElements(By.cssSelector("[data-panel='props'] .row")).stream()
        .filter(row -> TRICKY_PROP.equals(row.getDomAttribute("data-value"))).findFirst()
        .orElseThrow().click();
    awaitLoaded(loaded);

    assertThat(chips()).containsExactly("variant is " + TRICKY_PROP + " ✕");
    assertThat(visitorsCard()).isEqualTo("1");
  }

  @Test
  void goalsAndFunnels_addedAndDeletedFromTheDashboard() throws Exception {
    browser = Browser.start(dir.resolve("profile"), false);
    int loaded = signIn("/admin/websites/shop/analytics?period=7d");
    browser.findElement(By.cssSelector("[data-panel='manage'] summary")).click();
    screenshot("dashboard-goals-manage-390x844.png", 390, 844, "manage");
    browser.manage().window().setSize(new Dimension(1280, 900));

    // A pageview goal with a wildcard, named.
    new Select(browser.findElement(By.cssSelector(".add-goal select"))).selectByValue("page");
    browser.findElement(By.cssSelector(".add-goal [aria-label='Event name or page path']"))
        .sendKeys("/blog/post-*");
    browser.findElement(By.cssSelector(".add-goal [aria-label='Goal name']")).sendKeys("Posts");
    browser.findElement(By.cssSelector(".add-goal button[type='submit']")).click();
    loaded = awaitLoaded(loaded);
    assertThat(browser.findElement(By.cssSelector("[data-panel='goals'] .row[data-value='Posts']"))
        .getDomAttribute("data-visitors")).isEqualTo("6");
    assertThat(api("goals/Posts").get("page_path").asText()).isEqualTo("/blog/post-*");

    // A funnel of two goals.
    browser.findElement(By.cssSelector(".add-funnel [aria-label='Funnel name']"))
        .sendKeys("Blog to signup");
    Select step = new Select(browser.findElement(By.cssSelector(".add-funnel select")));
    step.selectByValue("Posts");
    browser.findElement(By.xpath("//form[contains(@class,'add-funnel')]//button[.='Add step']"))
        .click();
    step.selectByValue("Signup");
    browser.findElement(By.xpath("//form[contains(@class,'add-funnel')]//button[.='Add step']"))
        .click();
    browser.findElement(By.cssSelector(".add-funnel button[type='submit']")).click();
    loaded = awaitLoaded(loaded);
    assertThat(api("funnels").get("results").get(1).toString())
        .isEqualTo("{\"name\":\"Blog to signup\",\"steps\":[\"Posts\",\"Signup\"]}");
    assertThat(new Select(browser.findElement(By.cssSelector("[data-panel='funnel'] select")))
        .getOptions()).hasSize(2);

    // A goal a funnel uses is refused, as the API words it; deleting the funnel first works.
    browser.findElement(By.cssSelector("[aria-label='Delete goal Posts']")).click();
    waiting().until(d -> d.findElement(By.cssSelector(".manage .error")).isDisplayed());
    assertThat(browser.findElement(By.cssSelector(".manage .error")).getText())
        .isEqualTo("goal 'Posts' is a step of funnel 'Blog to signup'; delete the funnel first");
    browser.findElement(By.cssSelector("[aria-label='Delete funnel Blog to signup']")).click();
    loaded = awaitLoaded(loaded);
    browser.findElement(By.cssSelector("[aria-label='Delete goal Posts']")).click();
    loaded = awaitLoaded(loaded);
    assertThat(all("[data-panel='goals'] .row[data-value='Posts']")).isEmpty();
    assertThat(values(api("goals").get("results"), "name")).doesNotContain("Posts");
    // A name with slashes is deleted too.
    browser.findElement(By.cssSelector("[aria-label='Delete goal Visit /blog/*']")).click();
    awaitLoaded(loaded);
    assertThat(values(api("goals").get("results"), "name")).doesNotContain("Visit /blog/*");
  }

  /** The panel's row values, read in one script so that a panel drawn meanwhile is no problem. */
  @SuppressWarnings("unchecked")
  private List<String> rowValues(String panel) {
    return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll("
        + "'[data-panel=\"' + arguments[0] + '\"] .row'), function (row) {"
        + " return row.dataset.value; });", panel);
  }

  private static List<String> rowsOf(JsonNode report) {
    return values(report.get("results"), "value");
  }

  private static List<String> values(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static List<String> values(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(row -> row.get(field).asText()).toList();
  }

  /**
   * Resizes the window, waits until the page has laid itself out at that width (two animation
   * frames after the resize), scrolls the properties panel to the top and saves the viewport.
   */
  private void screenshot(String name, int width, int height) throws IOException {
    screenshot(name, width, height, "props");
  }

  /** As {@link #screenshot(String, int, int)}, scrolled to the panel {@code panel}. */
  private void screenshot(String name, int width, int height, String panel) throws IOException {
    browser.manage().window().setSize(new Dimension(width, height));
    waiting().until(d -> (Boolean) browser.executeAsyncScript(
        "var done = arguments[arguments.length - 1], width = arguments[0];"
            + "requestAnimationFrame(function () { requestAnimationFrame(function () {"
            + " done(window.innerWidth === width || window.outerWidth === width); }); });",
        width));
    browser.executeScript("document.querySelector('[data-panel=\"' + arguments[0] + '\"]')"
        + ".scrollIntoView({block: 'start'})", panel);
    Path directory = Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(directory.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }
}
