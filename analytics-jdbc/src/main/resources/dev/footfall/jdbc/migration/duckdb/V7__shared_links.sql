-- Shared links: read-only dashboards of one site. Only the SHA-256 of each token is stored (hex),
-- and a password's PBKDF2 hash, or '' for a link without one.
CREATE TABLE shared_link (
  id             VARCHAR   NOT NULL PRIMARY KEY,
  site_id        VARCHAR   NOT NULL,
  name           VARCHAR   NOT NULL,
  token_hash     VARCHAR   NOT NULL UNIQUE,
  password_hash  VARCHAR   NOT NULL,
  created_at     TIMESTAMP NOT NULL
);
