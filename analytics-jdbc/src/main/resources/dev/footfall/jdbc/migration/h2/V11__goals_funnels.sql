-- Each site's goals (a custom event, or pageviews of pages matching a wildcard pattern; a revenue
-- goal has a currency) and funnels (2 to 8 goal names, as a JSON array), in the order added.
CREATE TABLE goal (
  site_id     VARCHAR(100) NOT NULL,
  name        VARCHAR(120) NOT NULL,
  event_name  VARCHAR(120) NOT NULL,
  page_path   VARCHAR(120) NOT NULL,
  currency    VARCHAR(3)   NOT NULL,
  position    BIGINT       NOT NULL,
  PRIMARY KEY (site_id, name)
);
CREATE TABLE funnel (
  site_id   VARCHAR(100)  NOT NULL,
  name      VARCHAR(120)  NOT NULL,
  steps     VARCHAR(2000) NOT NULL,
  position  BIGINT        NOT NULL,
  PRIMARY KEY (site_id, name)
);
-- The properties panel lists the prop keys of the selected events through this Java function.
CREATE ALIAS FOOTFALL_PROP_KEYS DETERMINISTIC FOR 'dev.footfall.jdbc.internal.H2Functions.propKeys';
