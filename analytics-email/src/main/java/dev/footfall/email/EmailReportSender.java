package dev.footfall.email;

import dev.footfall.Analytics;
import dev.footfall.DateRange;
import dev.footfall.EmailRecipient;
import dev.footfall.EmailReports;
import dev.footfall.ReportCadence;
import dev.footfall.ScheduledTask;
import dev.footfall.Site;
import dev.footfall.StorageException;
import dev.footfall.UnknownSiteException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each site's weekly and monthly email reports to the recipients added with {@link
 * EmailReports#subscribe}: a {@link ScheduledTask} that {@link Analytics} runs on its job
 * scheduler, under the lease {@code task:email-reports}, so that with several instances on one
 * database one instance at a time sends.
 *
 * <pre>{@code
 * Analytics analytics = Analytics.builder()
 *     .storage(storage)
 *     .task(EmailReportSender.builder()
 *         .smtp("smtp.example.com", 587)
 *         .from("Footfall <reports@example.com>")
 *         .baseUrl("https://example.com/analytics")
 *         .build())
 *     .build();
 * analytics.emailReports().subscribe("shop", "ann@example.com", ReportCadence.WEEKLY);
 * }</pre>
 *
 * <p>What a run sends: for each site and cadence, the {@linkplain EmailReports#latestPeriod
 * latest completed period} (the week Monday to Sunday, or the calendar month, before the current
 * one, in the site's timezone), to each recipient added before that period ended. A sender that
 * was down for a whole period skips it; a new recipient gets no backlog.
 *
 * <p>Once per period and recipient: before sending, a run {@linkplain EmailReports#claim claims}
 * (recipient, period) in the storage, which exactly one claim wins whichever instance makes it,
 * and whenever; so a restart, a second instance or a run by hand does not send it again. If the
 * SMTP server refuses the message, or the connection fails before the server has answered for
 * it, the claim is {@linkplain EmailReports#release released} and the next run (every {@link
 * Builder#interval}) tries again, as long as the period is still the latest completed one; if the
 * server cannot be reached at all, the run stops there and the next one tries every report. The
 * one way a recipient can get a report twice is a connection that breaks after the server took
 * the message but before it said so. If the process dies between the claim and the end of the
 * SMTP transaction, or the claim cannot be given back, the claim stays and that report is not
 * sent.
 *
 * <p>Each message is {@code multipart/alternative}, plain text and HTML, with visitors,
 * pageviews, bounce rate and visit duration against the previous period of equal length, the
 * visitors of each day as a bar chart, the top five pages, sources and countries (the numbers
 * of {@link Analytics#reports()}, as the overview API answers them), a link to the dashboard, and
 * the recipient's unsubscribe link {@code <baseUrl>/email/unsubscribe/<token>}, also in a {@code
 * List-Unsubscribe} header with {@code List-Unsubscribe-Post} (one click, RFC 8058); the servlet
 * module answers that path. Failures are logged with the site, cadence and recipient id, never
 * the address, and with the failure's type rather than its message.
 *
 * @since 0.4
 */
public final class EmailReportSender implements ScheduledTask {
  /** The task's name, and its lease's: {@code task:email-reports}. */
  public static final String NAME = "email-reports";
  private static final Logger LOG = LoggerFactory.getLogger(EmailReportSender.class);

  private final Session session;
  private final InternetAddress from;
  private final String baseUrl;
  private final Duration interval;

  private EmailReportSender(Builder b) {
    this.session = b.session;
    this.from = b.from;
    this.baseUrl = b.baseUrl;
    this.interval = b.interval;
  }

  /** Starts configuring a sender. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Returns how long the scheduler waits between runs (default 15 minutes). */
  @Override
  public Duration interval() {
    return interval;
  }

  /**
   * Sends the reports that are due and not yet sent; called by the scheduler under its lease, or
   * by hand through {@code analytics.jobs().runTask("email-reports")}.
   *
   * @return how many reports were sent and how many failed, such as {@code sent 3 reports, 0
   *     failed}
   * @throws dev.footfall.StorageException if the storage failed (the reports not yet claimed are
   *     sent at the next run)
   */
  @Override
  public String run(Analytics analytics) {
    EmailReports reports = analytics.emailReports();
    int sent = 0;
    int failed = 0;
    sites:
    for (Site site : analytics.sites().list()) {
      for (ReportCadence cadence : ReportCadence.values()) {
        DateRange period;
        List<EmailRecipient> recipients;
        try {
          period = reports.latestPeriod(site.id(), cadence);
          recipients = reports.recipientsOf(site.id(), cadence, period);
        } catch (UnknownSiteException e) {
          continue; // deleted since the sites were listed
        }
        Summary summary = null;
        for (EmailRecipient recipient : recipients) {
          if (!reports.claim(recipient, period.from())) {
            continue; // sent already, by this or another instance
          }
          try {
            if (summary == null) {
              summary = Summary.of(analytics, site, cadence, period);
            }
            send(new ReportMessage(summary, recipient, baseUrl)
                .toMime(session, from, recipient, analytics.clock().instant()));
            sent++;
          } catch (MessagingException | RuntimeException e) {
            giveBack(reports, recipient, period);
            failed++;
            LOG.warn("footfall: the {} report of site {} for {} to recipient {} was not sent and"
                + " is tried again at the next run: {}", cadence.key(), site.id(), period.from(),
                recipient.id(), reason(e));
            if (e instanceof Unreachable) {
              // every other report would wait for the same timeout: the next run tries them all
              break sites;
            }
          }
        }
      }
    }
    return "sent " + sent + " reports, " + failed + " failed";
  }

  /**
   * Sends a message over a connection of its own. Only a failure to connect or to hand the
   * message over is a failure: once the server has taken it, a failure to close the connection
   * changes nothing.
   *
   * @throws Unreachable if the server cannot be reached
   * @throws MessagingException if it refused the message, or the connection broke before it
   *     answered
   */
  private void send(MimeMessage message) throws MessagingException {
    message.saveChanges();
    Transport transport = session.getTransport();
    try {
      transport.connect();
    } catch (MessagingException e) {
      throw new Unreachable(e);
    }
    try {
      transport.sendMessage(message, message.getAllRecipients());
    } finally {
      try {
        transport.close();
      } catch (MessagingException e) {
        // the message was taken, or its failure is being thrown already
      }
    }
  }

  /**
   * Gives a failed report's claim back so that the next run sends it; if the storage fails to, the
   * report is not sent (at most once), and the run goes on with the others.
   */
  private static void giveBack(EmailReports reports, EmailRecipient recipient, DateRange period) {
    try {
      reports.release(recipient, period.from());
    } catch (RuntimeException e) {
      LOG.warn("footfall: the claim of the report for {} to recipient {} could not be given back,"
          + " so that report is not sent: {}", period.from(), recipient.id(), reason(e));
    }
  }

  /** The SMTP server could not be reached. */
  private static final class Unreachable extends MessagingException {
    private static final long serialVersionUID = 1L;

    Unreachable(MessagingException cause) {
      super("the SMTP server cannot be reached", cause);
    }
  }

  /**
   * Names a failure for the log without its message, which can quote the SMTP server's reply (the
   * recipient's address, say): the exception's type and its cause's, or a {@link
   * StorageException}'s message, which holds no values.
   */
  private static String reason(Exception e) {
    if (e instanceof StorageException) {
      return e.getMessage();
    }
    Throwable cause = e.getCause();
    return e.getClass().getName() + (cause == null || cause == e ? ""
        : " (caused by " + cause.getClass().getName() + ")");
  }

  /**
   * Configures an {@link EmailReportSender}. Each setter validates its value at once and may be
   * called only once; {@link #build()} checks the rest and reports every problem together. Not
   * thread-safe.
   *
   * @since 0.4
   */
  public static final class Builder {
    private Session session;
    private InternetAddress from;
    private String baseUrl;
    private Duration interval;

    private Builder() {}

    /**
     * Sends through this SMTP server, without authentication or TLS; for anything more, build a
     * {@link Session} and pass it to {@link #session}. Either this or that is required.
     *
     * @throws IllegalArgumentException if the host is blank or the port not 1 to 65535
     */
    public Builder smtp(String host, int port) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be 1 to 65535 but was " + port);
      }
      Properties properties = new Properties();
      properties.setProperty("mail.transport.protocol", "smtp");
      properties.setProperty("mail.smtp.host", host);
      properties.setProperty("mail.smtp.port", Integer.toString(port));
      properties.setProperty("mail.smtp.connectiontimeout", "10000");
      properties.setProperty("mail.smtp.timeout", "30000");
      properties.setProperty("mail.smtp.writetimeout", "30000");
      return session(Session.getInstance(properties));
    }

    /**
     * Sends with this Jakarta Mail session: its {@code mail.smtp.*} properties say the server,
     * authentication and TLS. Either this or {@link #smtp} is required. Set its {@code
     * mail.smtp.connectiontimeout}, {@code timeout} and {@code writetimeout} (as {@link #smtp}
     * does: 10, 30 and 30 seconds): a run holds one of the job scheduler's threads while it sends,
     * and Jakarta Mail waits forever by default.
     */
    public Builder session(Session session) {
      requireUnset(this.session, "session");
      this.session = Objects.requireNonNull(session, "session");
      return this;
    }

    /**
     * Sets the sender (required), such as {@code reports@example.com} or {@code Footfall
     * <reports@example.com>}.
     *
     * @throws IllegalArgumentException if it is not one valid address
     */
    public Builder from(String address) {
      Objects.requireNonNull(address, "from");
      requireUnset(this.from, "from");
      try {
        InternetAddress parsed = new InternetAddress(address, true);
        parsed.validate();
        this.from = parsed;
      } catch (AddressException e) {
        throw new IllegalArgumentException("from must be an email address such as"
            + " reports@example.com but was '" + address + "'");
      }
      return this;
    }

    /**
     * Sets where Footfall's servlet is reachable from the recipients' mail clients (required),
     * such as {@code https://example.com/analytics}: the unsubscribe links are {@code
     * <baseUrl>/email/unsubscribe/<token>}, the dashboard link {@code
     * <baseUrl>/admin/websites/<site>/analytics}. A trailing slash is dropped.
     *
     * @throws IllegalArgumentException if it is not an absolute http or https URL without a
     *     query or fragment
     */
    public Builder baseUrl(String url) {
      Objects.requireNonNull(url, "baseUrl");
      requireUnset(this.baseUrl, "baseUrl");
      String stripped = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      try {
        URI uri = new URI(stripped);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
          throw new URISyntaxException(url, "not an absolute http(s) URL");
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("baseUrl must be an absolute http or https URL"
            + " without query or fragment, such as https://example.com/analytics, but was '"
            + url + "'");
      }
      this.baseUrl = stripped;
      return this;
    }

    /**
     * Sets how long the scheduler waits between runs (default 15 minutes): the longest delay
     * between a period's end and its reports, and between a failed send and its retry.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder interval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      requireUnset(this.interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive but was " + interval);
      }
      this.interval = interval;
      return this;
    }

    /**
     * Builds the sender, to pass to {@link Analytics.Builder#task}.
     *
     * @throws IllegalStateException listing every missing setting
     */
    public EmailReportSender build() {
      List<String> problems = new ArrayList<>();
      if (session == null) {
        problems.add("smtp or session was not set but one is required");
      }
      if (from == null) {
        problems.add("from was not set but it is required");
      }
      if (baseUrl == null) {
        problems.add("baseUrl was not set but it is required");
      }
      if (!problems.isEmpty()) {
        throw new IllegalStateException("invalid email report configuration: "
            + String.join("; ", problems));
      }
      interval = interval != null ? interval : Duration.ofMinutes(15);
      return new EmailReportSender(this);
    }

    private static void requireUnset(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }
  }
}
