package dev.footfall.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.footfall.AggregateReport;
import dev.footfall.Analytics;
import dev.footfall.EmailRecipient;
import dev.footfall.Metric;
import dev.footfall.MetricValue;
import dev.footfall.Period;
import dev.footfall.ReportCadence;
import dev.footfall.ReportQuery;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TaskRun;
import dev.footfall.TrackRequest;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.testkit.MutableClock;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Email reports against a real SMTP server (GreenMail) and one shared H2 database: two instances
 * that send at once send each report once, a restart sends nothing again, the numbers are the
 * reports', the unsubscribe token stops the next report, and a refused send is retried.
 */
final class EmailReportSenderTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** The reported week, Monday 23 to Sunday 29 November 2026 in Berlin. */
  private static final LocalDate MONDAY = LocalDate.parse("2026-11-23");
  /** Wednesday of the week after. */
  private static final Instant SEND_TIME = Instant.parse("2026-12-02T09:00:00Z");
  private static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
  private static final Pattern METRIC = Pattern.compile(
      "(?m)^(Visitors|Pageviews|Bounce rate|Visit duration) +(\\d+m \\d+s|\\d+s|\\d+%|\\d+) +"
          + "(\\S+) +\\(previous (\\d+m \\d+s|\\d+s|\\d+%|\\d+)\\)$");

  private String url;
  private EmailRecipient ann;
  private EmailRecipient bob;

  /** Stores two weeks of visits on a fresh database and subscribes two recipients. */
  @BeforeEach
  void trackTwoWeeks() {
    url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    MutableClock clock = MutableClock.at(MONDAY.minusWeeks(1).atTime(8, 0).atZone(BERLIN)
        .toInstant());
    try (Analytics tracking = Analytics.builder().storage(JdbiStorage.pooled(url, "", ""))
        .clock(clock).build()) {
      tracking.sites().save(Site.of("shop", "shop.example", BERLIN, "Shop <&>", Instant.EPOCH));
      ann = tracking.emailReports().subscribe("shop", "ann@example.com", ReportCadence.WEEKLY);
      bob = tracking.emailReports().subscribe("shop", "bob@example.com", ReportCadence.WEEKLY);
      tracking.emailReports().subscribe("shop", "carl@example.com", ReportCadence.MONTHLY);
      // The week before: one bounce.
      view(tracking, "10.0.0.1", "/", "");
      // The reported week: a visit of two pages, a bounce from Google, and a visit from HN.
      clock.set(MONDAY.atTime(9, 0).atZone(BERLIN).toInstant());
      view(tracking, "10.0.0.2", "/", "");
      clock.advance(Duration.ofSeconds(64));
      view(tracking, "10.0.0.2", "/pricing", "");
      clock.set(MONDAY.plusDays(2).atTime(14, 0).atZone(BERLIN).toInstant());
      view(tracking, "10.0.0.3", "/", "https://www.google.com/");
      clock.set(MONDAY.plusDays(4).atTime(20, 0).atZone(BERLIN).toInstant());
      view(tracking, "10.0.0.4", "/blog", "https://news.ycombinator.com/item?id=1");
      clock.advance(Duration.ofSeconds(30));
      view(tracking, "10.0.0.4", "/", "");
      assertThat(tracking.flush(Duration.ofMinutes(2))).isTrue();
    }
  }

  private static void view(Analytics analytics, String ip, String path, String referrer) {
    analytics.tracker().track(TrackRequest.pageview("shop", "https://shop.example" + path)
        .referrer(referrer).context(RequestContext.of(ip, UA)).build());
  }

  private Analytics instance(Clock clock, EmailReportSender sender) {
    return Analytics.builder().storage(JdbiStorage.pooled(url, "", "")).clock(clock)
        .task(sender).build();
  }

  private static EmailReportSender greenMailSender() {
    return EmailReportSender.builder().smtp("127.0.0.1", MAIL.getSmtp().getPort())
        .from("Footfall <reports@footfall.dev>").baseUrl("https://app.example/analytics/")
        .interval(Duration.ofDays(1)).build();
  }

  @Test
  void twoInstancesAtOnce_sendOneReportPerRecipient_withTheReportsNumbers() throws Exception {
    Clock clock = Clock.fixed(SEND_TIME, ZoneOffset.UTC);
    List<TaskRun> runs;
    try (Analytics a = instance(clock, greenMailSender());
        Analytics b = instance(clock, greenMailSender())) {
      runs = atOnce(() -> a.jobs().runTask(EmailReportSender.NAME),
          () -> b.jobs().runTask(EmailReportSender.NAME));

      // Carl's monthly report of November is due too.
      assertThat(runs).extracting(TaskRun::summary).contains("sent 3 reports, 0 failed");
      MimeMessage[] received = MAIL.getReceivedMessages();
      assertThat(received).hasSize(3);
      assertThat(Arrays.stream(received).map(EmailReportSenderTest::to))
          .containsExactlyInAnyOrder("ann@example.com", "bob@example.com", "carl@example.com");
      MimeMessage[] weekly = Arrays.stream(received)
          .filter(m -> !to(m).equals("carl@example.com")).toArray(MimeMessage[]::new);

      AggregateReport expected = a.reports().aggregate(ReportQuery.builder("shop")
          .period(Period.custom(MONDAY, MONDAY.plusDays(6)))
          .metrics(Metric.VISITORS, Metric.PAGEVIEWS, Metric.BOUNCE_RATE, Metric.VISIT_DURATION)
          .compare(true).build());
      assertThat(expected.metrics().get(Metric.VISITORS).value().longValue()).isEqualTo(3);
      for (MimeMessage message : weekly) {
        assertThat(message.getSubject())
            .isEqualTo("Shop <&>: weekly report, 23 Nov 2026 to 29 Nov 2026");
        Multipart parts = (Multipart) message.getContent();
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();

        assertThat(metrics(text)).isEqualTo(printed(expected.metrics()));
        assertThat(text).contains("/pricing", "Google", "Hacker News", "Mon 23 Nov");
        assertThat(html).contains("Shop &lt;&amp;&gt;", "/pricing", "Visitors per day")
            .doesNotContain("Shop <&>");
        String token = (to(message).equals("ann@example.com") ? ann : bob).unsubscribeToken();
        String link = "https://app.example/analytics/email/unsubscribe/" + token;
        assertThat(message.getHeader("List-Unsubscribe")).containsExactly("<" + link + ">");
        assertThat(message.getHeader("List-Unsubscribe-Post"))
            .containsExactly("List-Unsubscribe=One-Click");
        assertThat(text).contains(link);
        assertThat(html).contains(link);
      }
    }
  }

  @Test
  void concurrentRunsWithoutTheLease_theLedgerAloneSendsOnce() throws Exception {
    Clock clock = Clock.fixed(SEND_TIME, ZoneOffset.UTC);
    EmailReportSender sender = greenMailSender();
    try (Analytics a = instance(clock, sender); Analytics b = instance(clock, sender)) {
      List<String> summaries = atOnce(() -> sender.run(a), () -> sender.run(b));

      // The claims may fall to either run, but each report is sent by one.
      assertThat(summaries).allMatch(summary -> summary.matches("sent [0-3] reports, 0 failed"));
      assertThat(summaries.stream().mapToInt(summary -> summary.charAt(5) - '0').sum())
          .isEqualTo(3);
    }
    assertThat(Arrays.stream(MAIL.getReceivedMessages()).map(EmailReportSenderTest::to))
        .containsExactlyInAnyOrder("ann@example.com", "bob@example.com", "carl@example.com");
  }

  @Test
  void restart_sendsNothingAgain_andUnsubscribedRecipientsGetNoNextReport() throws Exception {
    try (Analytics a = instance(Clock.fixed(SEND_TIME, ZoneOffset.UTC), greenMailSender())) {
      assertThat(a.jobs().runTask(EmailReportSender.NAME).summary())
          .isEqualTo("sent 3 reports, 0 failed");
    }
    try (Analytics restarted = instance(Clock.fixed(SEND_TIME.plus(Duration.ofDays(3)),
        ZoneOffset.UTC), greenMailSender())) {
      assertThat(restarted.jobs().runTask(EmailReportSender.NAME).summary())
          .isEqualTo("sent 0 reports, 0 failed");
      MimeMessage toAnn = Arrays.stream(MAIL.getReceivedMessages())
          .filter(m -> to(m).equals("ann@example.com")).findFirst().orElseThrow();
      String header = toAnn.getHeader("List-Unsubscribe")[0];
      String token = header.substring(header.lastIndexOf('/') + 1, header.length() - 1);
      assertThat(restarted.emailReports().unsubscribe(token)).contains(ann);
    }
    assertThat(MAIL.getReceivedMessages()).hasSize(3);

    try (Analytics nextWeek = instance(Clock.fixed(SEND_TIME.plus(Duration.ofDays(7)),
        ZoneOffset.UTC), greenMailSender())) {
      assertThat(nextWeek.jobs().runTask(EmailReportSender.NAME).summary())
          .isEqualTo("sent 1 reports, 0 failed");
    }
    MimeMessage[] received = MAIL.getReceivedMessages();
    assertThat(received).hasSize(4);
    assertThat(Arrays.stream(received).filter(m -> subject(m).endsWith("30 Nov 2026 to 6 Dec 2026"))
        .map(EmailReportSenderTest::to)).containsExactly("bob@example.com");
  }

  @Test
  void aSessionOfTheApplicationsOwn_sends() throws Exception {
    // only the server: no mail.transport.protocol, as a session made for other mail may lack it
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.host", "127.0.0.1");
    properties.setProperty("mail.smtp.port", Integer.toString(MAIL.getSmtp().getPort()));
    properties.setProperty("mail.smtp.connectiontimeout", "10000");
    properties.setProperty("mail.smtp.timeout", "30000");
    EmailReportSender sender = EmailReportSender.builder()
        .session(Session.getInstance(properties)).from("reports@footfall.dev")
        .baseUrl("https://app.example").build();
    try (Analytics a = instance(Clock.fixed(SEND_TIME, ZoneOffset.UTC), sender)) {
      assertThat(a.jobs().runTask(EmailReportSender.NAME).summary())
          .isEqualTo("sent 3 reports, 0 failed");
    }
    assertThat(MAIL.getReceivedMessages()).hasSize(3);
  }

  @Test
  void monthly_sendsTheLastCompletedMonth() throws Exception {
    try (Analytics a = instance(Clock.fixed(SEND_TIME, ZoneOffset.UTC), greenMailSender())) {
      a.emailReports().list("shop").stream().filter(r -> r.cadence() == ReportCadence.WEEKLY)
          .forEach(r -> a.emailReports().remove("shop", r.id()));

      assertThat(a.jobs().runTask(EmailReportSender.NAME).summary())
          .isEqualTo("sent 1 reports, 0 failed");
    }
    MimeMessage[] received = MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(to(received[0])).isEqualTo("carl@example.com");
    assertThat(received[0].getSubject())
        .isEqualTo("Shop <&>: monthly report, 1 Nov 2026 to 30 Nov 2026");
  }

  @Test
  void smtpUnreachable_releasesTheClaims_andTheNextRunSends() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    EmailReportSender unreachable = EmailReportSender.builder().smtp("127.0.0.1", closedPort)
        .from("reports@footfall.dev").baseUrl("https://app.example").build();
    Clock clock = Clock.fixed(SEND_TIME, ZoneOffset.UTC);
    try (Analytics down = instance(clock, unreachable)) {
      // the first report finds the server down; the run stops there, and gives its claim back
      assertThat(down.jobs().runTask(EmailReportSender.NAME).summary())
          .isEqualTo("sent 0 reports, 1 failed");
      assertThat(down.stats().tasks().get(EmailReportSender.NAME).runs()).isEqualTo(1);
    }
    try (Analytics up = instance(clock, greenMailSender())) {
      assertThat(up.jobs().runTask(EmailReportSender.NAME).summary())
          .isEqualTo("sent 3 reports, 0 failed");
    }
    assertThat(MAIL.getReceivedMessages()).hasSize(3);
  }

  /** Runs both at the same moment, on two threads, and returns their results. */
  @SafeVarargs
  private static <T> List<T> atOnce(Callable<T>... calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.length);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String to(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The headline as the text part prints it: value, change and previous value per label. */
  private static Map<String, List<String>> metrics(String text) {
    Map<String, List<String>> found = new java.util.LinkedHashMap<>();
    Matcher m = METRIC.matcher(text.replace("\r\n", "\n"));
    while (m.find()) {
      found.put(m.group(1), List.of(m.group(2), m.group(3), m.group(4)));
    }
    return found;
  }

  /** The headline as it should be printed from the report's numbers. */
  private static Map<String, List<String>> printed(Map<Metric, MetricValue> metrics) {
    Map<Metric, String> labels = new EnumMap<>(Map.of(Metric.VISITORS, "Visitors",
        Metric.PAGEVIEWS, "Pageviews", Metric.BOUNCE_RATE, "Bounce rate",
        Metric.VISIT_DURATION, "Visit duration"));
    Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
    labels.forEach((metric, label) -> {
      MetricValue value = metrics.get(metric);
      expected.put(label, List.of(number(metric, value.value()),
          value.change() == null ? "n/a" : (value.change() > 0 ? "+" : "") + value.change() + "%",
          number(metric, value.previous())));
    });
    return expected;
  }

  private static String number(Metric metric, Number value) {
    long n = Math.round(value.doubleValue());
    return switch (metric) {
      case BOUNCE_RATE -> n + "%";
      case VISIT_DURATION -> n < 60 ? n + "s" : n / 60 + "m " + n % 60 + "s";
      default -> Long.toString(n);
    };
  }
}
