-- Imported stats (see Imports): each import of a site, and its daily counts by dimension value
-- (dimension '' for the day's totals), summed by reports for the days without events.
CREATE TABLE site_import (
  id          VARCHAR(32)                 NOT NULL PRIMARY KEY,
  site_id     VARCHAR(100)                NOT NULL,
  source      VARCHAR(200)                NOT NULL,
  created_at  DATETIME(3)                 NOT NULL,
  first_day   INT                         NOT NULL,
  last_day    INT                         NOT NULL,
  row_count   BIGINT                      NOT NULL,
  INDEX site_import_site (site_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

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
  duration_seconds   BIGINT        NOT NULL,
  INDEX imported_count_day (site_id, dimension, epoch_day),
  INDEX imported_count_import (import_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
