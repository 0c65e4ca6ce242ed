package dev.footfall.jdbc;

import dev.footfall.Site;
import dev.footfall.spi.SiteStore;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Sites in the {@code site} table. */
final class JdbiSiteStore implements SiteStore {
  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiSiteStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public void save(Site site) {
    Failures.call("save site", () -> jdbi.withHandle(h -> h.createUpdate(dialect.upsertSite)
        .bind("id", site.id())
        .bind("domain", site.domain())
        .bind("timezone", site.timezone().getId())
        .bind("name", site.name())
        .bind("createdAt", dialect.bind(site.createdAt()))
        .execute()));
  }

  @Override
  public Optional<Site> find(String id) {
    return Failures.call("find site", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM site WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> Rows.site(rs, dialect))
        .findOne()));
  }

  @Override
  public List<Site> list() {
    return Failures.call("list sites", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM site ORDER BY id")
        .map((rs, ctx) -> Rows.site(rs, dialect))
        .list()));
  }

  @Override
  public boolean delete(String id) {
    return Failures.call("delete site", () -> jdbi.inTransaction(h -> {
      h.createUpdate("DELETE FROM engagement WHERE site_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM shared_link WHERE site_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM email_report_claim WHERE site_id = :id").bind("id", id)
          .execute();
      h.createUpdate("DELETE FROM email_recipient WHERE site_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM imported_count WHERE site_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM site_import WHERE site_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM site WHERE id = :id").bind("id", id).execute();
    }) > 0);
  }
}
