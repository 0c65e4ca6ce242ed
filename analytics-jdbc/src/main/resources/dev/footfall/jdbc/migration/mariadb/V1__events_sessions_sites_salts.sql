-- Footfall schema, MariaDB 10.11+ / MySQL 8 (InnoDB, utf8mb4). Timestamps are DATETIME(3) in UTC:
-- Footfall binds and reads them as UTC itself, so neither server nor JVM timezone shifts them.
-- Long texts are TEXT to stay within InnoDB's row size; the pathname index uses a prefix.

CREATE TABLE site (
  id          VARCHAR(100) NOT NULL PRIMARY KEY,
  domain      VARCHAR(255) NOT NULL,
  timezone    VARCHAR(64)  NOT NULL,
  name        VARCHAR(255) NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  CONSTRAINT site_domain_unique UNIQUE (domain)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE event (
  id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  site_id          VARCHAR(100) NOT NULL,
  event_type       VARCHAR(16)  NOT NULL,
  event_name       VARCHAR(120) NOT NULL,
  hostname         VARCHAR(255) NOT NULL,
  pathname         VARCHAR(2000) NOT NULL,
  referrer         TEXT         NOT NULL,
  referrer_source  TEXT         NOT NULL,
  utm_source       TEXT         NOT NULL,
  utm_medium       TEXT         NOT NULL,
  utm_campaign     TEXT         NOT NULL,
  utm_content      TEXT         NOT NULL,
  utm_term         TEXT         NOT NULL,
  visitor_id       BIGINT       NOT NULL,
  session_id       BIGINT       NOT NULL,
  browser          VARCHAR(255) NOT NULL,
  browser_version  VARCHAR(64)  NOT NULL,
  os               VARCHAR(255) NOT NULL,
  os_version       VARCHAR(64)  NOT NULL,
  device_type      VARCHAR(32)  NOT NULL,
  country          VARCHAR(2)   NOT NULL,
  interactive      BOOLEAN      NOT NULL,
  metadata         JSON         NOT NULL,
  timestamp        DATETIME(3)  NOT NULL,
  INDEX event_site_time (site_id, timestamp),
  INDEX event_site_path_time (site_id, pathname(255), timestamp),
  INDEX event_session (session_id),
  INDEX event_visitor (visitor_id),
  INDEX event_site_type_time (site_id, event_type, timestamp)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE session (
  session_id        BIGINT        NOT NULL PRIMARY KEY,
  site_id           VARCHAR(100)  NOT NULL,
  visitor_id        BIGINT        NOT NULL,
  entry_page        VARCHAR(2000) NOT NULL,
  exit_page         VARCHAR(2000) NOT NULL,
  pageviews         INT           NOT NULL,
  events            INT           NOT NULL,
  duration_seconds  BIGINT        NOT NULL,
  is_bounce         BOOLEAN       NOT NULL,
  referrer          TEXT          NOT NULL,
  referrer_source   TEXT          NOT NULL,
  utm_source        TEXT          NOT NULL,
  utm_medium        TEXT          NOT NULL,
  utm_campaign      TEXT          NOT NULL,
  utm_content       TEXT          NOT NULL,
  utm_term          TEXT          NOT NULL,
  country           VARCHAR(2)    NOT NULL,
  device_type       VARCHAR(32)   NOT NULL,
  browser           VARCHAR(255)  NOT NULL,
  os                VARCHAR(255)  NOT NULL,
  started_at        DATETIME(3)   NOT NULL,
  last_activity_at  DATETIME(3)   NOT NULL,
  ended_at          DATETIME(3)   NULL,
  INDEX session_site_start (site_id, started_at),
  INDEX session_visitor (visitor_id),
  INDEX session_site_bounce (site_id, is_bounce),
  INDEX session_active (ended_at, last_activity_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE salt (
  salt_date   DATE          NOT NULL PRIMARY KEY,
  salt_key    VARBINARY(64) NOT NULL,
  created_at  DATETIME(3)   NOT NULL
) ENGINE = InnoDB;
