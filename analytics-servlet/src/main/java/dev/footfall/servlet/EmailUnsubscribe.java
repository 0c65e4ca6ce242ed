package dev.footfall.servlet;

import dev.footfall.EmailRecipient;
import dev.footfall.EmailReports;
import dev.footfall.Site;
import dev.footfall.SiteRegistry;
import dev.footfall.StorageException;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public unsubscribe link of email reports, {@code /email/unsubscribe/{token}}: no admin
 * credentials, only the recipient's token, which opens nothing else.
 *
 * <p>{@code GET} answers a page that names the site and cadence and asks to confirm with a
 * button; it changes nothing, since mail scanners and link previews fetch links in messages.
 * {@code POST} (the button, or a mail client's one-click {@code List-Unsubscribe=One-Click} of RFC
 * 8058, whatever the body) removes the recipient and answers a page saying so. An unknown or used
 * token is {@code 404} with a page saying the link is no longer valid. Every answer is {@code
 * Cache-Control: private, no-store} and {@code X-Robots-Tag: noindex}.
 */
final class EmailUnsubscribe {
  static final String PREFIX = "/email/unsubscribe/";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Logger LOG = LoggerFactory.getLogger(EmailUnsubscribe.class);

  private final EmailReports reports;
  private final SiteRegistry sites;
  private final Dashboard dashboard;

  EmailUnsubscribe(EmailReports reports, SiteRegistry sites, Dashboard dashboard) {
    this.reports = reports;
    this.sites = sites;
    this.dashboard = dashboard;
  }

  /**
   * Returns whether a path is an unsubscribe link: {@code /email/unsubscribe/} and a token (43
   * URL-safe base64 characters). Other paths stay the host application's.
   */
  static boolean handles(String path) {
    return path.startsWith(PREFIX) && TOKEN.matcher(path.substring(PREFIX.length())).matches();
  }

  void handle(HttpExchange exchange) throws IOException {
    exchange.responseHeader("X-Robots-Tag", "noindex");
    exchange.responseHeader("Cache-Control", "private, no-store");
    String token = exchange.path().substring(PREFIX.length());
    String method = exchange.method();
    if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
      Responses.methodNotAllowed(exchange, "GET, POST");
      return;
    }
    try {
      Optional<EmailRecipient> recipient = method.equals("POST")
          ? reports.unsubscribe(token) : reports.resolve(token);
      if (recipient.isEmpty()) {
        dashboard.messagePage(exchange, 404, "This unsubscribe link is no longer valid: the"
            + " address was already unsubscribed or removed.");
      } else if (method.equals("POST")) {
        dashboard.messagePage(exchange, 200, "You are unsubscribed: no more "
            + recipient.get().cadence().key() + " email reports of " + siteName(recipient.get())
            + " will be sent to you.");
      } else {
        dashboard.confirmPage(exchange, "Stop the " + recipient.get().cadence().key()
            + " email reports of " + siteName(recipient.get()) + "?", "Unsubscribe");
      }
    } catch (UnsupportedOperationException e) {
      dashboard.messagePage(exchange, 404, "This unsubscribe link is no longer valid.");
    } catch (StorageException e) {
      LOG.warn("footfall: unsubscribe {} failed: {}", method, e.getMessage());
      Responses.error(exchange, 503, "storage is unavailable; try again later");
    }
  }

  private String siteName(EmailRecipient recipient) {
    return sites.find(recipient.siteId()).map(Site::name).orElse(recipient.siteId());
  }
}
