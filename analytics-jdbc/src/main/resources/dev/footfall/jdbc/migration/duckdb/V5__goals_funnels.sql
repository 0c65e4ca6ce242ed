-- Each site's goals (a custom event, or pageviews of pages matching a wildcard pattern; a revenue
-- goal has a currency) and funnels (2 to 8 goal names, as a JSON array), in the order added.
CREATE TABLE goal (
  site_id     VARCHAR NOT NULL,
  name        VARCHAR NOT NULL,
  event_name  VARCHAR NOT NULL,
  page_path   VARCHAR NOT NULL,
  currency    VARCHAR NOT NULL,
  position    BIGINT  NOT NULL,
  PRIMARY KEY (site_id, name)
);
CREATE TABLE funnel (
  site_id   VARCHAR NOT NULL,
  name      VARCHAR NOT NULL,
  steps     VARCHAR NOT NULL,
  position  BIGINT  NOT NULL,
  PRIMARY KEY (site_id, name)
);
