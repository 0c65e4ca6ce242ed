-- Imported stats (see Imports): each import of a site, and its daily counts by dimension value
-- (dimension '' for the day's totals), summed by reports for the days without events.
CREATE TABLE site_import (
  id                 VARCHAR   NOT NULL PRIMARY KEY,
  site_id            VARCHAR   NOT NULL,
  source             VARCHAR   NOT NULL,
  created_at         TIMESTAMP NOT NULL,
  first_day          INT       NOT NULL,
  last_day           INT       NOT NULL,
  row_count          BIGINT    NOT NULL
);

CREATE TABLE imported_count (
  import_id          VARCHAR   NOT NULL,
  site_id            VARCHAR   NOT NULL,
  epoch_day          INT       NOT NULL,
  dimension          VARCHAR   NOT NULL,
  dimension_value    VARCHAR   NOT NULL,
  visitors           BIGINT    NOT NULL,
  pageviews          BIGINT    NOT NULL,
  events             BIGINT    NOT NULL,
  visits             BIGINT    NOT NULL,
  sessions           BIGINT    NOT NULL,
  session_pageviews  BIGINT    NOT NULL,
  bounces            BIGINT    NOT NULL,
  duration_seconds   BIGINT    NOT NULL
);
