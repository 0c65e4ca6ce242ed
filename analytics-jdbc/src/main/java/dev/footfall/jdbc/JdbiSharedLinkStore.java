package dev.footfall.jdbc;

import dev.footfall.spi.SharedLinkStore;
import dev.footfall.spi.StoredSharedLink;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Shared links in the {@code shared_link} table: looked up by the token hash's unique index,
 * listed by the {@code (site_id, created_at)} one. Never cached, so a delete holds at once for
 * every instance on the database.
 */
final class JdbiSharedLinkStore implements SharedLinkStore {
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final RowMapper<StoredSharedLink> mapper;

  JdbiSharedLinkStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.mapper = (rs, ctx) -> new StoredSharedLink(rs.getString("id"), rs.getString("site_id"),
        rs.getString("name"), rs.getString("token_hash"), rs.getString("password_hash"),
        dialect.instant(rs, "created_at"));
  }

  @Override
  public void add(StoredSharedLink link) {
    Failures.call("add a shared link", () -> jdbi.withHandle(h -> h
        .createUpdate("INSERT INTO shared_link (id, site_id, name, token_hash, password_hash,"
            + " created_at) VALUES (:id, :site, :name, :tokenHash, :passwordHash, :createdAt)")
        .bind("id", link.id())
        .bind("site", link.siteId())
        .bind("name", link.name())
        .bind("tokenHash", link.tokenHash())
        .bind("passwordHash", link.passwordHash())
        .bind("createdAt", dialect.bind(link.createdAt()))
        .execute()));
  }

  @Override
  public List<StoredSharedLink> list(String siteId) {
    return Failures.call("list shared links", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM shared_link WHERE site_id = :site ORDER BY created_at, id")
        .bind("site", siteId)
        .map(mapper)
        .list()));
  }

  @Override
  public Optional<StoredSharedLink> findByTokenHash(String tokenHash) {
    return Failures.call("find a shared link", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM shared_link WHERE token_hash = :hash")
        .bind("hash", tokenHash)
        .map(mapper)
        .findOne()));
  }

  @Override
  public boolean delete(String siteId, String id) {
    return Failures.call("delete a shared link", () -> jdbi.withHandle(h -> h
        .createUpdate("DELETE FROM shared_link WHERE site_id = :site AND id = :id")
        .bind("site", siteId)
        .bind("id", id)
        .execute()) > 0);
  }
}
