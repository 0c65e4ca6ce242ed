-- Shared links: read-only dashboards of one site. Only the SHA-256 of each token is stored (hex),
-- and a password's PBKDF2 hash, or '' for a link without one.
CREATE TABLE shared_link (
  id             VARCHAR(32)                 NOT NULL PRIMARY KEY,
  site_id        VARCHAR(100)                NOT NULL,
  name           VARCHAR(120)                NOT NULL,
  token_hash     CHAR(64)                    NOT NULL,
  password_hash  VARCHAR(200)                NOT NULL,
  created_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT shared_link_token_unique UNIQUE (token_hash)
);
CREATE INDEX shared_link_site ON shared_link (site_id, created_at);
