package dev.footfall;

import dev.footfall.internal.RandomIds;
import dev.footfall.spi.EmailReportStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Manages who receives a site's email reports, and the ledger that sends each report once. Obtain
 * it from {@link Analytics#emailReports()}; the admin API
 * adapts it to HTTP, and the {@code analytics-email} module composes and sends the reports (the
 * core sends no mail).
 *
 * <p>Recipients: each (site, address, {@linkplain ReportCadence cadence}) at most once; each gets
 * an unsubscribe token of 256 bits from {@link SecureRandom}, which every report carries in its
 * unsubscribe link. The token is stored as it is, since every report needs it again; it can do
 * nothing but unsubscribe its recipient.
 *
 * <p>Ledger: a sender {@linkplain #claim claims} (recipient, period) before it sends, and only
 * the one claim that succeeds, among every instance sharing the storage, sends; a report that
 * could not be sent is {@linkplain #release released}, to be claimed again at a later run.
 *
 * <p>Thread-safe. On a storage that stores no recipients ({@link
 * dev.footfall.spi.Storage#emailReports()}) every method throws {@link
 * UnsupportedOperationException}.
 *
 * @since 0.4
 */
public final class EmailReports {
  /** The longest email address accepted (RFC 5321's limit for a path). */
  public static final int MAX_ADDRESS_LENGTH = 254;
  /**
   * A deliberately plain address check: a local part of 1 to 64 ASCII characters as RFC 5322's
   * dot-atom has them (letters, digits and {@code !#$%&'*+/=?^_`{|}~-}, dots only between them),
   * an {@code @}, and a domain of dot-separated labels of letters, digits and hyphens with at least
   * one dot: what every SMTP server takes.
   */
  private static final Pattern ADDRESS = Pattern.compile(
      "(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
          + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private final SiteRegistry sites;
  private final EmailReportStore store;
  private final Clock clock;
  private final RandomIds ids = new RandomIds();

  /** @param store the storage's email report store, or null if it stores none */
  EmailReports(SiteRegistry sites, EmailReportStore store, Clock clock) {
    this.sites = sites;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Adds a recipient of the site's reports at this cadence, or returns the one already added with
   * that address and cadence. The first report is the one of the first period that ends after
   * now: a recipient added on a Wednesday gets the report of that week on the next Monday, not a
   * backlog.
   *
   * @param address an email address such as {@code ann@example.com}, at most {@value
   *     #MAX_ADDRESS_LENGTH} characters; surrounding spaces are stripped and the domain is
   *     lower-cased
   * @throws IllegalArgumentException if the address is not a plain email address
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public EmailRecipient subscribe(String siteId, String address, ReportCadence cadence) {
    Objects.requireNonNull(cadence, "cadence");
    String normalized = normalize(address);
    site(siteId);
    Optional<EmailRecipient> existing = existing(siteId, normalized, cadence);
    if (existing.isPresent()) {
      return existing.get();
    }
    EmailRecipient recipient = new EmailRecipient(ids.id(), siteId, normalized, cadence,
        clock.instant().truncatedTo(ChronoUnit.MILLIS), ids.token());
    try {
      store().add(recipient);
    } catch (StorageException e) {
      // Another instance may have added the same address meanwhile: that one stands.
      return existing(siteId, normalized, cadence).orElseThrow(() -> e);
    }
    return recipient;
  }

  /**
   * Returns the site's recipients, oldest first.
   *
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public List<EmailRecipient> list(String siteId) {
    return store().list(site(siteId));
  }

  /**
   * Removes the site's recipient with this id: no further report is sent to it.
   *
   * @return whether the site had that recipient
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public boolean remove(String siteId, String id) {
    Objects.requireNonNull(id, "id");
    return store().delete(site(siteId), id);
  }

  /**
   * Returns the recipient whose unsubscribe link carries this token; empty for an unknown token
   * (or one already used).
   *
   * @throws StorageException if the storage failed
   */
  public Optional<EmailRecipient> resolve(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    return store().findByToken(token);
  }

  /**
   * Removes the recipient whose unsubscribe link carries this token, on every instance sharing
   * the storage at once.
   *
   * @return the recipient removed; empty for an unknown token (or one already used)
   * @throws StorageException if the storage failed
   */
  public Optional<EmailRecipient> unsubscribe(String token) {
    Optional<EmailRecipient> recipient = resolve(token);
    recipient.ifPresent(r -> store().delete(r.siteId(), r.id()));
    return recipient;
  }

  /**
   * Claims the report of the period starting {@code periodStart} for sending to the recipient:
   * of any number of claims of one (recipient, period), by any instances sharing the storage,
   * exactly one returns {@code true}, and that caller sends the report.
   *
   * @return whether this call claimed it; {@code false} if it was claimed before
   * @throws StorageException if the storage failed
   */
  public boolean claim(EmailRecipient recipient, LocalDate periodStart) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(periodStart, "periodStart");
    return store().claim(recipient, periodStart, clock.instant());
  }

  /**
   * Gives a claim up after the report could not be sent, so that a later run claims and sends it.
   *
   * @throws StorageException if the storage failed
   */
  public void release(EmailRecipient recipient, LocalDate periodStart) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(periodStart, "periodStart");
    store().release(recipient, periodStart);
  }

  /**
   * Returns the latest period of this cadence that has ended in the site's timezone: the week
   * (Monday to Sunday) or the calendar month before the current one. The only period a sender
   * sends: a sender that was down for a whole period skips it rather than mail a backlog.
   *
   * @throws UnknownSiteException if the site is not registered
   */
  public DateRange latestPeriod(String siteId, ReportCadence cadence) {
    Objects.requireNonNull(cadence, "cadence");
    Site site = sites.find(site(siteId)).orElseThrow(() -> new UnknownSiteException(siteId));
    return cadence.latestCompleted(LocalDate.ofInstant(clock.instant(), site.timezone()));
  }

  /**
   * Returns the site's recipients at this cadence who get the report of this period: those added
   * before it ended (before the local midnight after {@code period.to()}).
   *
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public List<EmailRecipient> recipientsOf(String siteId, ReportCadence cadence,
      DateRange period) {
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(period, "period");
    Site site = sites.find(site(siteId)).orElseThrow(() -> new UnknownSiteException(siteId));
    Instant end = period.to().plusDays(1).atStartOfDay(site.timezone()).toInstant();
    return store().list(siteId).stream()
        .filter(r -> r.cadence() == cadence && r.createdAt().isBefore(end)).toList();
  }

  private Optional<EmailRecipient> existing(String siteId, String address,
      ReportCadence cadence) {
    return store().list(siteId).stream()
        .filter(r -> r.address().equals(address) && r.cadence() == cadence).findFirst();
  }

  /** Strips the address, checks it and lower-cases its domain. */
  static String normalize(String address) {
    Objects.requireNonNull(address, "address");
    String stripped = address.strip();
    if (stripped.length() > MAX_ADDRESS_LENGTH) {
      throw new IllegalArgumentException("address must be at most " + MAX_ADDRESS_LENGTH
          + " characters but had " + stripped.length());
    }
    if (!ADDRESS.matcher(stripped).matches()) {
      throw new IllegalArgumentException("address must be an email address such as"
          + " ann@example.com but was '" + stripped + "'");
    }
    int at = stripped.lastIndexOf('@');
    return stripped.substring(0, at + 1) + stripped.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  private EmailReportStore store() {
    if (store == null) {
      throw new UnsupportedOperationException("the storage does not store email report"
          + " recipients");
    }
    return store;
  }

  private String site(String siteId) {
    Objects.requireNonNull(siteId, "siteId");
    if (sites.find(siteId).isEmpty()) {
      throw new UnknownSiteException(siteId);
    }
    return siteId;
  }
}
