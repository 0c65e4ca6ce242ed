package dev.footfall.email;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.footfall.EmailRecipient;
import dev.footfall.Metric;
import dev.footfall.MetricValue;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URLEncoder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link Summary} as one recipient's message: {@code multipart/alternative} with a
 * plain-text part and an HTML part (inline styles and tables only, no images or scripts, so that
 * mail clients show it as it is), a {@code List-Unsubscribe} header with the recipient's link and
 * {@code List-Unsubscribe-Post} for one-click unsubscribing (RFC 8058).
 *
 * <p>Text layout, one metric a line, which tests read back: {@code <label>  <value>  <change>
 * (previous <value>)}, where a duration is {@code 1m 4s} or {@code 42s}, a bounce rate {@code
 * 31%}, and the change {@code +20%}, {@code -5%} or {@code n/a} when the previous value is 0.
 */
final class ReportMessage {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy",
      Locale.ENGLISH);
  private static final DateTimeFormatter CHART_DAY = DateTimeFormatter.ofPattern("EEE d MMM",
      Locale.ENGLISH);
  private static final Map<Metric, String> LABELS = Map.of(Metric.VISITORS, "Visitors",
      Metric.PAGEVIEWS, "Pageviews", Metric.BOUNCE_RATE, "Bounce rate", Metric.VISIT_DURATION,
      "Visit duration");
  /** The widest bar of the text chart, in characters, and of the HTML chart, in pixels. */
  private static final int TEXT_BAR = 30;
  private static final int HTML_BAR = 280;

  private final Summary summary;
  private final String unsubscribeUrl;
  private final String dashboardUrl;

  ReportMessage(Summary summary, EmailRecipient recipient, String baseUrl) {
    this.summary = summary;
    this.unsubscribeUrl = baseUrl + "/email/unsubscribe/" + recipient.unsubscribeToken();
    this.dashboardUrl = baseUrl + "/admin/websites/"
        + URLEncoder.encode(summary.site().id(), UTF_8).replace("+", "%20") + "/analytics";
  }

  /** Builds the message from {@code from} to the recipient, dated {@code now}. */
  MimeMessage toMime(Session session, InternetAddress from, EmailRecipient recipient, Instant now)
      throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(from);
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(recipient.address()));
    message.setSubject(subject(), UTF_8.name());
    message.setSentDate(Date.from(now));
    message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    message.setHeader("Auto-Submitted", "auto-generated");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(text(), UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(html(), UTF_8.name(), "html");
    // Plainest first: a client shows the last part it can render.
    message.setContent(new MimeMultipart("alternative", text, html));
    return message;
  }

  String subject() {
    return summary.site().name() + ": " + cadenceWord() + " report, " + range();
  }

  String text() {
    StringBuilder out = new StringBuilder();
    out.append(summary.site().name()).append(" (").append(summary.site().domain()).append("), ")
        .append(cadenceWord()).append(" report\n").append(range()).append("\n\n");
    for (Metric metric : Summary.HEADLINE) {
      MetricValue value = summary.headline().get(metric);
      out.append(String.format(Locale.ROOT, "%-16s%10s  %5s  (previous %s)%n",
          LABELS.get(metric), format(metric, value.value()), change(value.change()),
          format(metric, value.previous())));
    }
    out.append("\nVisitors per day\n");
    long most = mostVisitors();
    for (Summary.Day day : summary.days()) {
      int length = most == 0 ? 0 : (int) Math.round(TEXT_BAR * (double) day.visitors() / most);
      out.append(String.format(Locale.ROOT, "  %-11s %-" + TEXT_BAR + "s %d%n",
          CHART_DAY.format(day.date()), "#".repeat(length), day.visitors()));
    }
    textTop(out, "Top pages", summary.pages());
    textTop(out, "Top sources", summary.sources());
    textTop(out, "Top countries", summary.countries());
    out.append("\nDashboard: ").append(dashboardUrl).append('\n');
    out.append("Unsubscribe from these reports: ").append(unsubscribeUrl).append('\n');
    return out.toString();
  }

  private static void textTop(StringBuilder out, String title, List<Summary.Row> rows) {
    out.append('\n').append(title).append(" (visitors)\n");
    if (rows.isEmpty()) {
      out.append("  none\n");
    }
    for (Summary.Row row : rows) {
      out.append(String.format(Locale.ROOT, "  %-40s %8d%n", row.value(), row.visitors()));
    }
  }

  String html() {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
        .append(escape(subject())).append("</title></head>")
        .append("<body style=\"margin:0;padding:16px;background:#f6f7f9;font-family:-apple-system,"
            + "'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2937\">")
        .append("<table role=\"presentation\" width=\"100%\" style=\"max-width:600px;margin:0 auto;"
            + "background:#ffffff;border-radius:8px;padding:24px\"><tr><td>")
        .append("<h1 style=\"font-size:20px;margin:0 0 4px\">").append(escape(
            summary.site().name())).append(" <span style=\"color:#6b7280;font-weight:normal\">")
        .append(escape(cadenceWord())).append(" report</span></h1>")
        .append("<p style=\"margin:0 0 16px;color:#6b7280\">").append(escape(range()))
        .append(" &middot; ").append(escape(summary.site().domain())).append("</p>");
    out.append("<table role=\"presentation\" width=\"100%\" style=\"border-collapse:collapse;"
        + "margin-bottom:16px\"><tr>");
    for (Metric metric : Summary.HEADLINE) {
      MetricValue value = summary.headline().get(metric);
      out.append("<td style=\"padding:8px;border:1px solid #e5e7eb;vertical-align:top\">")
          .append("<div style=\"font-size:12px;color:#6b7280\">").append(LABELS.get(metric))
          .append("</div><div style=\"font-size:22px;font-weight:bold\">")
          .append(escape(format(metric, value.value()))).append("</div>")
          .append("<div style=\"font-size:12px;color:").append(changeColour(metric,
              value.change())).append("\">").append(escape(change(value.change())))
          .append(" <span style=\"color:#6b7280\">(previous ")
          .append(escape(format(metric, value.previous()))).append(")</span></div></td>");
    }
    out.append("</tr></table>");
    out.append("<h2 style=\"font-size:15px;margin:16px 0 8px\">Visitors per day</h2>")
        .append("<table role=\"presentation\" style=\"border-collapse:collapse;font-size:12px\">");
    long most = mostVisitors();
    for (Summary.Day day : summary.days()) {
      int width = most == 0 ? 0 : (int) Math.round(HTML_BAR * (double) day.visitors() / most);
      out.append("<tr><td style=\"padding:1px 8px 1px 0;color:#6b7280;white-space:nowrap\">")
          .append(CHART_DAY.format(day.date())).append("</td><td style=\"padding:1px 0\">")
          .append("<div style=\"background:#4f46e5;height:12px;width:").append(Math.max(width, 1))
          .append("px\"></div></td><td style=\"padding:1px 0 1px 8px\">").append(day.visitors())
          .append("</td></tr>");
    }
    out.append("</table>");
    htmlTop(out, "Top pages", summary.pages());
    htmlTop(out, "Top sources", summary.sources());
    htmlTop(out, "Top countries", summary.countries());
    out.append("<p style=\"margin:24px 0 0\"><a href=\"").append(escape(dashboardUrl))
        .append("\" style=\"color:#4f46e5\">Open the dashboard</a></p>")
        .append("<p style=\"margin:16px 0 0;font-size:12px;color:#6b7280\">You receive this ")
        .append(escape(cadenceWord())).append(" report of ").append(escape(summary.site().name()))
        .append(". <a href=\"").append(escape(unsubscribeUrl))
        .append("\" style=\"color:#6b7280\">Unsubscribe</a></p>")
        .append("</td></tr></table></body></html>");
    return out.toString();
  }

  private static void htmlTop(StringBuilder out, String title, List<Summary.Row> rows) {
    out.append("<h2 style=\"font-size:15px;margin:16px 0 8px\">").append(title).append("</h2>")
        .append("<table role=\"presentation\" width=\"100%\" style=\"border-collapse:collapse;"
            + "font-size:13px\">");
    if (rows.isEmpty()) {
      out.append("<tr><td style=\"color:#6b7280\">none</td></tr>");
    }
    for (Summary.Row row : rows) {
      out.append("<tr><td style=\"padding:3px 0;border-bottom:1px solid #f0f1f3\">")
          .append(escape(row.value())).append("</td><td style=\"padding:3px 0;text-align:right;"
              + "border-bottom:1px solid #f0f1f3\">").append(row.visitors()).append("</td></tr>");
    }
    out.append("</table>");
  }

  private long mostVisitors() {
    return summary.days().stream().mapToLong(Summary.Day::visitors).max().orElse(0);
  }

  private String cadenceWord() {
    return switch (summary.cadence()) {
      case WEEKLY -> "weekly";
      case MONTHLY -> "monthly";
    };
  }

  private String range() {
    return DAY.format(summary.period().from()) + " to " + DAY.format(summary.period().to());
  }

  static String format(Metric metric, Number value) {
    long n = Math.round(value.doubleValue());
    if (metric == Metric.BOUNCE_RATE) {
      return n + "%";
    }
    if (metric == Metric.VISIT_DURATION) {
      return n < 60 ? n + "s" : n / 60 + "m " + n % 60 + "s";
    }
    return Long.toString(n);
  }

  static String change(Long change) {
    if (change == null) {
      return "n/a";
    }
    return (change > 0 ? "+" : "") + change + "%";
  }

  /** Green for better, red for worse: a higher bounce rate is worse. */
  private static String changeColour(Metric metric, Long change) {
    if (change == null || change == 0) {
      return "#6b7280";
    }
    boolean better = metric == Metric.BOUNCE_RATE ? change < 0 : change > 0;
    return better ? "#047857" : "#b91c1c";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
