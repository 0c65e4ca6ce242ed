-- Engagements (EventType.ENGAGEMENT): per page of a visit, how far the visitor scrolled and how long
-- they engaged. Not events, so kept apart from them: no event count reads this table. session_id is
-- the visitor's open session when the engagement came (0 if none), which it never changes.
CREATE SEQUENCE engagement_id;
CREATE TABLE engagement (
  id            BIGINT    NOT NULL DEFAULT nextval('engagement_id'),
  site_id       VARCHAR   NOT NULL,
  timestamp     TIMESTAMP NOT NULL,
  visitor_id    BIGINT    NOT NULL,
  session_id    BIGINT    NOT NULL,
  pathname      VARCHAR   NOT NULL,
  country       VARCHAR   NOT NULL,
  device_type   VARCHAR   NOT NULL,
  browser       VARCHAR   NOT NULL,
  os            VARCHAR   NOT NULL,
  scroll_depth  SMALLINT  NOT NULL,
  engaged_ms    BIGINT    NOT NULL
);
