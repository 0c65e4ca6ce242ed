-- Engagements (EventType.ENGAGEMENT): per page of a visit, how far the visitor scrolled and how long
-- they engaged. Not events, so kept apart from them: no event count reads this table. session_id is
-- the visitor's open session when the engagement came (0 if none), which it never changes.
CREATE TABLE engagement (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site_id       VARCHAR(100)  NOT NULL,
  timestamp     DATETIME(3)   NOT NULL,
  visitor_id    BIGINT        NOT NULL,
  session_id    BIGINT        NOT NULL,
  pathname      VARCHAR(2000) NOT NULL,
  country       VARCHAR(2)    NOT NULL,
  device_type   VARCHAR(32)   NOT NULL,
  browser       VARCHAR(255)  NOT NULL,
  os            VARCHAR(255)  NOT NULL,
  scroll_depth  SMALLINT      NOT NULL,
  engaged_ms    BIGINT        NOT NULL,
  INDEX engagement_site_path_time (site_id, pathname(255), timestamp),
  INDEX engagement_time (timestamp)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
