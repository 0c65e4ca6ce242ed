-- Month rollups (see JdbiRollupStore): a month's day rows merged, so that a sum over a long range
-- reads one row per value and month instead of one per value and day. epoch_day is the month's 1st.
-- The months of days rolled up before this version are computed here.

CREATE TABLE monthly_rollup (
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
CREATE INDEX monthly_rollup_month ON monthly_rollup (site_id, dimension, epoch_day);

INSERT INTO monthly_rollup (site_id, epoch_day, dimension, dimension_value,
  pageviews, events, visitors, visits, sessions, session_pageviews, bounces, duration_seconds,
  continued_visitors, continued_visits, continued_sessions, continued_session_pageviews,
  continued_bounces, continued_duration_seconds)
SELECT site_id, month_start, dimension, dimension_value,
  SUM(pageviews),
  SUM(events),
  SUM(visitors)
    - SUM(CASE WHEN epoch_day > month_start THEN continued_visitors ELSE 0 END),
  SUM(visits)
    - SUM(CASE WHEN epoch_day > month_start THEN continued_visits ELSE 0 END),
  SUM(sessions)
    - SUM(CASE WHEN epoch_day > month_start THEN continued_sessions ELSE 0 END),
  SUM(session_pageviews)
    - SUM(CASE WHEN epoch_day > month_start THEN continued_session_pageviews ELSE 0 END),
  SUM(bounces)
    - SUM(CASE WHEN epoch_day > month_start THEN continued_bounces ELSE 0 END),
  SUM(duration_seconds)
    - SUM(CASE WHEN epoch_day > month_start THEN continued_duration_seconds ELSE 0 END),
  SUM(CASE WHEN epoch_day = month_start THEN continued_visitors ELSE 0 END),
  SUM(CASE WHEN epoch_day = month_start THEN continued_visits ELSE 0 END),
  SUM(CASE WHEN epoch_day = month_start THEN continued_sessions ELSE 0 END),
  SUM(CASE WHEN epoch_day = month_start THEN continued_session_pageviews ELSE 0 END),
  SUM(CASE WHEN epoch_day = month_start THEN continued_bounces ELSE 0 END),
  SUM(CASE WHEN epoch_day = month_start THEN continued_duration_seconds ELSE 0 END)
FROM (SELECT d.*,
        d.epoch_day + 1 - EXTRACT(DAY FROM DATEADD(DAY, d.epoch_day, DATE '1970-01-01')) AS month_start
      FROM daily_rollup d) days
GROUP BY site_id, month_start, dimension, dimension_value;
