package dev.footfall.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.DateRange;
import dev.footfall.EmailRecipient;
import dev.footfall.Metric;
import dev.footfall.MetricValue;
import dev.footfall.ReportCadence;
import dev.footfall.Site;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text and HTML of a report: layout, formats, the chart, escaping and the links. */
final class ReportMessageTest {
  private static final LocalDate MONDAY = LocalDate.parse("2026-11-23");
  private static final EmailRecipient ANN = new EmailRecipient("r1", "shop", "ann@example.com",
      ReportCadence.WEEKLY, Instant.EPOCH, "t".repeat(43));

  private static Summary summary() {
    List<Summary.Day> days = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      days.add(new Summary.Day(MONDAY.plusDays(i), i == 2 ? 10 : i));
    }
    return new Summary(Site.of("shop", "shop.example", ZoneOffset.UTC, "Shop & <Co>",
        Instant.EPOCH), ReportCadence.WEEKLY, new DateRange(MONDAY, MONDAY.plusDays(6)),
        Map.of(Metric.VISITORS, new MetricValue(120L, 100L, 20L),
            Metric.PAGEVIEWS, new MetricValue(300L, 0L, null),
            Metric.BOUNCE_RATE, new MetricValue(31L, 40L, -23L),
            Metric.VISIT_DURATION, new MetricValue(64L, 42L, 52L)),
        List.of(new Summary.Row("/pricing?a=<b>", 40)), List.of(), List.of(
            new Summary.Row("DE", 12)), days);
  }

  @Test
  void text_linesThatAPersonAndATestCanRead() {
    String text = new ReportMessage(summary(), ANN, "https://app.example").text();

    assertThat(text).startsWith("Shop & <Co> (shop.example), weekly report\n"
        + "23 Nov 2026 to 29 Nov 2026\n\n"
        + "Visitors               120   +20%  (previous 100)\n"
        + "Pageviews              300    n/a  (previous 0)\n"
        + "Bounce rate            31%   -23%  (previous 40%)\n"
        + "Visit duration       1m 4s   +52%  (previous 42s)\n");
    assertThat(text).contains("  Wed 25 Nov  " + "#".repeat(30) + " 10\n",
        "  Mon 23 Nov  " + " ".repeat(30) + " 0\n", "Top sources (visitors)\n  none\n",
        "  /pricing?a=<b>", "Unsubscribe from these reports: https://app.example/email/"
            + "unsubscribe/" + "t".repeat(43) + "\n",
        "Dashboard: https://app.example/admin/websites/shop/analytics\n");
  }

  @Test
  void html_escapesEveryValue_andDrawsTheChartWithTables() {
    ReportMessage message = new ReportMessage(summary(), ANN, "https://app.example");
    String html = message.html();

    assertThat(message.subject()).isEqualTo("Shop & <Co>: weekly report, 23 Nov 2026 to 29 Nov 2026");
    assertThat(html).contains("Shop &amp; &lt;Co&gt;", "/pricing?a=&lt;b&gt;",
        "width:280px", "width:84px", "href=\"https://app.example/email/unsubscribe/")
        .doesNotContain("<Co>", "<b>", "<script", "<img");
  }
}
