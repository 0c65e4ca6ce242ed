package dev.footfall.jdbc;

import dev.footfall.EmailRecipient;
import dev.footfall.ReportCadence;
import dev.footfall.spi.EmailReportStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Email report recipients in the {@code email_recipient} table (looked up by the token's unique
 * index), and the ledger in {@code email_report_claim}: a claim is one {@code INSERT} that the
 * primary key (site, cadence, period start, recipient) lets only one instance win. Never cached.
 */
final class JdbiEmailReportStore implements EmailReportStore {
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final RowMapper<EmailRecipient> mapper;

  JdbiEmailReportStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.mapper = (rs, ctx) -> new EmailRecipient(rs.getString("id"), rs.getString("site_id"),
        rs.getString("address"), ReportCadence.fromKey(rs.getString("cadence")),
        dialect.instant(rs, "created_at"), rs.getString("unsubscribe_token"));
  }

  @Override
  public void add(EmailRecipient recipient) {
    Failures.call("add an email report recipient", () -> jdbi.withHandle(h -> h
        .createUpdate("INSERT INTO email_recipient (id, site_id, address, cadence,"
            + " unsubscribe_token, created_at) VALUES (:id, :site, :address, :cadence, :token,"
            + " :createdAt)")
        .bind("id", recipient.id())
        .bind("site", recipient.siteId())
        .bind("address", recipient.address())
        .bind("cadence", recipient.cadence().key())
        .bind("token", recipient.unsubscribeToken())
        .bind("createdAt", dialect.bind(recipient.createdAt()))
        .execute()));
  }

  @Override
  public List<EmailRecipient> list(String siteId) {
    return Failures.call("list email report recipients", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM email_recipient WHERE site_id = :site"
            + " ORDER BY created_at, id")
        .bind("site", siteId)
        .map(mapper)
        .list()));
  }

  @Override
  public Optional<EmailRecipient> findByToken(String token) {
    return Failures.call("find an email report recipient", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM email_recipient WHERE unsubscribe_token = :token")
        .bind("token", token)
        .map(mapper)
        .findOne()));
  }

  @Override
  public boolean delete(String siteId, String id) {
    return Failures.call("delete an email report recipient", () -> jdbi.inTransaction(h -> {
      h.createUpdate("DELETE FROM email_report_claim WHERE site_id = :site"
              + " AND recipient_id = :id")
          .bind("site", siteId)
          .bind("id", id)
          .execute();
      return h.createUpdate("DELETE FROM email_recipient WHERE site_id = :site AND id = :id")
          .bind("site", siteId)
          .bind("id", id)
          .execute() > 0;
    }));
  }

  @Override
  public boolean claim(EmailRecipient recipient, LocalDate periodStart, Instant claimedAt) {
    return Failures.call("claim an email report", () -> {
      try {
        jdbi.useHandle(h -> h
            .createUpdate("INSERT INTO email_report_claim (site_id, cadence, period_start,"
                + " recipient_id, claimed_at) VALUES (:site, :cadence, :start, :recipient,"
                + " :claimedAt)")
            .bind("site", recipient.siteId())
            .bind("cadence", recipient.cadence().key())
            .bind("start", periodStart)
            .bind("recipient", recipient.id())
            .bind("claimedAt", dialect.bind(claimedAt))
            .execute());
        return true;
      } catch (JdbiException e) {
        if (Failures.isUniqueViolation(e)) {
          return false; // claimed before, here or on another instance
        }
        throw e;
      }
    });
  }

  @Override
  public void release(EmailRecipient recipient, LocalDate periodStart) {
    Failures.call("release an email report claim", () -> jdbi.withHandle(h -> h
        .createUpdate("DELETE FROM email_report_claim WHERE site_id = :site"
            + " AND cadence = :cadence AND period_start = :start AND recipient_id = :recipient")
        .bind("site", recipient.siteId())
        .bind("cadence", recipient.cadence().key())
        .bind("start", periodStart)
        .bind("recipient", recipient.id())
        .execute()));
  }
}
