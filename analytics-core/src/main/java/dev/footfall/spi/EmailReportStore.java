package dev.footfall.spi;

import dev.footfall.EmailRecipient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Stores the recipients of email reports and the ledger of the reports claimed for sending: one
 * entry per (site, cadence, period start, recipient), so that a report goes out once even when
 * several instances, or a restarted one, send the same period. Every call goes to the storage;
 * nothing is cached. Deleting a site ({@link SiteStore#delete}) deletes its recipients and their
 * ledger entries too. Thread-safe; failures throw {@link dev.footfall.StorageException}.
 *
 * @since 0.4
 */
public interface EmailReportStore {

  /**
   * Stores a new recipient.
   *
   * @throws dev.footfall.StorageException if it failed, or a recipient with its id or token, or
   *     with its site, address and cadence, is stored already
   */
  void add(EmailRecipient recipient);

  /** Returns the site's recipients, oldest first (then by id). */
  List<EmailRecipient> list(String siteId);

  /** Returns the recipient with this unsubscribe token, if one is stored. */
  Optional<EmailRecipient> findByToken(String token);

  /**
   * Deletes the site's recipient with this id and its ledger entries.
   *
   * @return whether there was one (a recipient of another site is not deleted)
   */
  boolean delete(String siteId, String id);

  /**
   * Claims the report of the period starting {@code periodStart} for the recipient: records the
   * entry unless it is recorded already, atomically (a unique key), so that of any number of
   * concurrent claims, on any number of instances, exactly one returns {@code true}.
   *
   * @return whether this call recorded it
   */
  boolean claim(EmailRecipient recipient, LocalDate periodStart, Instant claimedAt);

  /**
   * Deletes a claim, so that the report is claimed, and sent, again at a later run: for a report
   * that could not be sent.
   */
  void release(EmailRecipient recipient, LocalDate periodStart);
}
