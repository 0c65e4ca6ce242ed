-- Day rollups (see Rollups and DayCounts). daily_stats has one row per site and local day that is
-- rolled up, with the day's headline numbers; daily_rollup has the day's counts in total (dimension
-- '') and by each value of each dimension, with the part continued from the day before.

CREATE TABLE daily_stats (
  site_id               VARCHAR(100) NOT NULL,
  date                  DATE         NOT NULL,
  pageviews             BIGINT       NOT NULL,
  unique_visitors       BIGINT       NOT NULL,
  sessions              BIGINT       NOT NULL,
  bounce_rate           INT          NOT NULL,
  avg_session_duration  BIGINT       NOT NULL,
  desktop_visitors      BIGINT       NOT NULL,
  mobile_visitors       BIGINT       NOT NULL,
  tablet_visitors       BIGINT       NOT NULL,
  top_pages             VARCHAR(1000000) NOT NULL,
  top_referrers         VARCHAR(1000000) NOT NULL,
  top_countries         VARCHAR(1000000) NOT NULL,
  top_browsers          VARCHAR(1000000) NOT NULL,
  top_os                VARCHAR(1000000) NOT NULL,
  recurring_visitors    BIGINT       NOT NULL,
  rolled_up_at          TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (site_id, date)
);

CREATE TABLE daily_rollup (
  site_id          VARCHAR(100) NOT NULL,
  epoch_day        INT          NOT NULL,
  dimension        VARCHAR(16)  NOT NULL,
  dimension_value  VARCHAR(2000) NOT NULL,
  pageviews                        BIGINT NOT NULL,
  events                           BIGINT NOT NULL,
  visitors                         BIGINT NOT NULL,
  visits                           BIGINT NOT NULL,
  sessions                         BIGINT NOT NULL,
  session_pageviews                BIGINT NOT NULL,
  bounces                          BIGINT NOT NULL,
  duration_seconds                 BIGINT NOT NULL,
  continued_visitors               BIGINT NOT NULL,
  continued_visits                 BIGINT NOT NULL,
  continued_sessions               BIGINT NOT NULL,
  continued_session_pageviews      BIGINT NOT NULL,
  continued_bounces                BIGINT NOT NULL,
  continued_duration_seconds       BIGINT NOT NULL
);
CREATE INDEX daily_rollup_day ON daily_rollup (site_id, dimension, epoch_day);
