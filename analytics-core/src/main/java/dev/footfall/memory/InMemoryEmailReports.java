package dev.footfall.memory;

import dev.footfall.EmailRecipient;
import dev.footfall.StorageException;
import dev.footfall.spi.EmailReportStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The email report recipients by id, and the claimed reports as (recipient id, period start). */
final class InMemoryEmailReports implements EmailReportStore {
  private final Map<String, EmailRecipient> recipients = new HashMap<>();
  private final Set<Claim> claims = new HashSet<>();

  private record Claim(String recipientId, LocalDate periodStart) {}

  @Override
  public synchronized void add(EmailRecipient recipient) {
    boolean clash = recipients.values().stream().anyMatch(r -> r.id().equals(recipient.id())
        || r.unsubscribeToken().equals(recipient.unsubscribeToken())
        || r.siteId().equals(recipient.siteId()) && r.address().equals(recipient.address())
            && r.cadence() == recipient.cadence());
    if (clash) {
      throw new StorageException("cannot add an email report recipient: its id or token, or its"
          + " site, address and cadence, are stored already", null, null);
    }
    recipients.put(recipient.id(), recipient);
  }

  @Override
  public synchronized List<EmailRecipient> list(String siteId) {
    return recipients.values().stream().filter(r -> r.siteId().equals(siteId))
        .sorted(Comparator.comparing(EmailRecipient::createdAt).thenComparing(EmailRecipient::id))
        .toList();
  }

  @Override
  public synchronized Optional<EmailRecipient> findByToken(String token) {
    return recipients.values().stream().filter(r -> r.unsubscribeToken().equals(token))
        .findFirst();
  }

  @Override
  public synchronized boolean delete(String siteId, String id) {
    EmailRecipient recipient = recipients.get(id);
    if (recipient == null || !recipient.siteId().equals(siteId)) {
      return false;
    }
    recipients.remove(id);
    claims.removeIf(claim -> claim.recipientId().equals(id));
    return true;
  }

  @Override
  public synchronized boolean claim(EmailRecipient recipient, LocalDate periodStart,
      Instant claimedAt) {
    return claims.add(new Claim(recipient.id(), periodStart));
  }

  @Override
  public synchronized void release(EmailRecipient recipient, LocalDate periodStart) {
    claims.remove(new Claim(recipient.id(), periodStart));
  }

  /** Deletes every recipient of the site and their claims, when the site is deleted. */
  synchronized void deleteSite(String siteId) {
    recipients.values().removeIf(r -> {
      boolean ofSite = r.siteId().equals(siteId);
      if (ofSite) {
        claims.removeIf(claim -> claim.recipientId().equals(r.id()));
      }
      return ofSite;
    });
  }
}
