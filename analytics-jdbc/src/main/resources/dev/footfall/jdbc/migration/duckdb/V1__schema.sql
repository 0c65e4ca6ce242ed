-- Footfall schema, DuckDB: the tables of the other stores' migrations up to recurring visitor ids,
-- in one script. Timestamps are UTC in TIMESTAMP (bound as UTC LocalDateTime, as on MariaDB);
-- props are a JSON object in VARCHAR (read with json_extract_string).
--
-- Only the primary and unique keys are indexes: DuckDB prunes scans by the min/max of each row
-- group (zonemaps), and an ART index would only slow appends down and hold memory. Event ids come
-- from a sequence and grow with every write, so a lookup by id is pruned to one row group as well;
-- the event table has no key to check on append.

CREATE TABLE site (
  id          VARCHAR   NOT NULL PRIMARY KEY,
  domain      VARCHAR   NOT NULL UNIQUE,
  timezone    VARCHAR   NOT NULL,
  name        VARCHAR   NOT NULL,
  created_at  TIMESTAMP NOT NULL
);

CREATE SEQUENCE event_id START 1;

CREATE TABLE event (
  id               BIGINT    NOT NULL DEFAULT nextval('event_id'),
  site_id          VARCHAR   NOT NULL,
  event_type       VARCHAR   NOT NULL,
  event_name       VARCHAR   NOT NULL,
  hostname         VARCHAR   NOT NULL,
  pathname         VARCHAR   NOT NULL,
  referrer         VARCHAR   NOT NULL,
  referrer_source  VARCHAR   NOT NULL,
  utm_source       VARCHAR   NOT NULL,
  utm_medium       VARCHAR   NOT NULL,
  utm_campaign     VARCHAR   NOT NULL,
  utm_content      VARCHAR   NOT NULL,
  utm_term         VARCHAR   NOT NULL,
  visitor_id       BIGINT    NOT NULL,
  session_id       BIGINT    NOT NULL,
  browser          VARCHAR   NOT NULL,
  browser_version  VARCHAR   NOT NULL,
  os               VARCHAR   NOT NULL,
  os_version       VARCHAR   NOT NULL,
  device_type      VARCHAR   NOT NULL,
  country          VARCHAR   NOT NULL,
  interactive      BOOLEAN   NOT NULL,
  metadata         VARCHAR   NOT NULL,
  timestamp        TIMESTAMP NOT NULL
);

CREATE TABLE session (
  session_id        BIGINT    NOT NULL PRIMARY KEY,
  site_id           VARCHAR   NOT NULL,
  visitor_id        BIGINT    NOT NULL,
  entry_page        VARCHAR   NOT NULL,
  exit_page         VARCHAR   NOT NULL,
  pageviews         INTEGER   NOT NULL,
  events            INTEGER   NOT NULL,
  duration_seconds  BIGINT    NOT NULL,
  is_bounce         BOOLEAN   NOT NULL,
  referrer          VARCHAR   NOT NULL,
  referrer_source   VARCHAR   NOT NULL,
  utm_source        VARCHAR   NOT NULL,
  utm_medium        VARCHAR   NOT NULL,
  utm_campaign      VARCHAR   NOT NULL,
  utm_content       VARCHAR   NOT NULL,
  utm_term          VARCHAR   NOT NULL,
  country           VARCHAR   NOT NULL,
  device_type       VARCHAR   NOT NULL,
  browser           VARCHAR   NOT NULL,
  os                VARCHAR   NOT NULL,
  started_at        TIMESTAMP NOT NULL,
  last_activity_at  TIMESTAMP NOT NULL,
  ended_at          TIMESTAMP
);

CREATE TABLE salt (
  salt_date   DATE      NOT NULL PRIMARY KEY,
  salt_key    BLOB      NOT NULL,
  created_at  TIMESTAMP NOT NULL
);

-- Leases that let one background job run at a time.
CREATE TABLE job_lease (
  name        VARCHAR   NOT NULL PRIMARY KEY,
  owner       VARCHAR   NOT NULL,
  expires_at  TIMESTAMP NOT NULL
);

-- Day and month rollups, as on the other stores (see JdbiRollupStore).
CREATE TABLE daily_stats (
  site_id               VARCHAR   NOT NULL,
  date                  DATE      NOT NULL,
  pageviews             BIGINT    NOT NULL,
  unique_visitors       BIGINT    NOT NULL,
  sessions              BIGINT    NOT NULL,
  bounce_rate           INTEGER   NOT NULL,
  avg_session_duration  BIGINT    NOT NULL,
  desktop_visitors      BIGINT    NOT NULL,
  mobile_visitors       BIGINT    NOT NULL,
  tablet_visitors       BIGINT    NOT NULL,
  top_pages             VARCHAR   NOT NULL,
  top_referrers         VARCHAR   NOT NULL,
  top_countries         VARCHAR   NOT NULL,
  top_browsers          VARCHAR   NOT NULL,
  top_os                VARCHAR   NOT NULL,
  recurring_visitors    BIGINT    NOT NULL,
  rolled_up_at          TIMESTAMP NOT NULL,
  PRIMARY KEY (site_id, date)
);

CREATE TABLE daily_rollup (
  site_id                      VARCHAR NOT NULL,
  epoch_day                    INTEGER NOT NULL,
  dimension                    VARCHAR NOT NULL,
  dimension_value              VARCHAR NOT NULL,
  pageviews                    BIGINT  NOT NULL,
  events                       BIGINT  NOT NULL,
  visitors                     BIGINT  NOT NULL,
  visits                       BIGINT  NOT NULL,
  sessions                     BIGINT  NOT NULL,
  session_pageviews            BIGINT  NOT NULL,
  bounces                      BIGINT  NOT NULL,
  duration_seconds             BIGINT  NOT NULL,
  continued_visitors           BIGINT  NOT NULL,
  continued_visits             BIGINT  NOT NULL,
  continued_sessions           BIGINT  NOT NULL,
  continued_session_pageviews  BIGINT  NOT NULL,
  continued_bounces            BIGINT  NOT NULL,
  continued_duration_seconds   BIGINT  NOT NULL
);

CREATE TABLE monthly_rollup (
  site_id                      VARCHAR NOT NULL,
  epoch_day                    INTEGER NOT NULL,
  dimension                    VARCHAR NOT NULL,
  dimension_value              VARCHAR NOT NULL,
  pageviews                    BIGINT  NOT NULL,
  events                       BIGINT  NOT NULL,
  visitors                     BIGINT  NOT NULL,
  visits                       BIGINT  NOT NULL,
  sessions                     BIGINT  NOT NULL,
  session_pageviews            BIGINT  NOT NULL,
  bounces                      BIGINT  NOT NULL,
  duration_seconds             BIGINT  NOT NULL,
  continued_visitors           BIGINT  NOT NULL,
  continued_visits             BIGINT  NOT NULL,
  continued_sessions           BIGINT  NOT NULL,
  continued_session_pageviews  BIGINT  NOT NULL,
  continued_bounces            BIGINT  NOT NULL,
  continued_duration_seconds   BIGINT  NOT NULL
);

CREATE TABLE recurring_visitor (
  site_id     VARCHAR NOT NULL,
  epoch_day   INTEGER NOT NULL,
  visitor_id  BIGINT  NOT NULL,
  PRIMARY KEY (site_id, epoch_day, visitor_id)
);
