-- Imported stats (see Imports): each import of a site, and its daily counts by dimension value
-- (dimension '' for the day's totals), summed by reports for the days without events.
CREATE TABLE site_import (
  id          VARCHAR(32)                 NOT NULL PRIMARY KEY,
  site_id     VARCHAR(100)                NOT NULL,
  source      VARCHAR(200)                NOT NULL,
  created_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  first_day   INT                         NOT NULL,
  last_day    INT                         NOT NULL,
  row_count   BIGINT                      NOT NULL
);
CREATE INDEX site_import_site ON site_import (site_id, created_at);

CREATE TABLE imported_count (
  import_id          VARCHAR(32)   NOT NULL,
  site_id            VARCHAR(100)  NOT NULL,
  epoch_day          INT           NOT NULL,
  dimension          VARCHAR(16)   NOT NULL,
  dimension_value    VARCHAR(2000) NOT NULL,
  visitors           BIGINT        NOT NULL,
  pageviews          BIGINT        NOT NULL,
  events             BIGINT        NOT NULL,
  visits             BIGINT        NOT NULL,
  sessions           BIGINT        NOT NULL,
  session_pageviews  BIGINT        NOT NULL,
  bounces            BIGINT        NOT NULL,
  duration_seconds   BIGINT        NOT NULL
);
CREATE INDEX imported_count_day ON imported_count (site_id, dimension, epoch_day);
CREATE INDEX imported_count_import ON imported_count (import_id);
