-- Email reports: who receives each site's weekly or monthly report, and the ledger of the reports
-- claimed for sending, whose primary key lets exactly one claim of a (recipient, period) succeed.
CREATE TABLE email_recipient (
  id                 VARCHAR   NOT NULL PRIMARY KEY,
  site_id            VARCHAR   NOT NULL,
  address            VARCHAR   NOT NULL,
  cadence            VARCHAR   NOT NULL,
  unsubscribe_token  VARCHAR   NOT NULL UNIQUE,
  created_at         TIMESTAMP NOT NULL,
  UNIQUE (site_id, address, cadence)
);
CREATE TABLE email_report_claim (
  site_id       VARCHAR   NOT NULL,
  cadence       VARCHAR   NOT NULL,
  period_start  DATE      NOT NULL,
  recipient_id  VARCHAR   NOT NULL,
  claimed_at    TIMESTAMP NOT NULL,
  PRIMARY KEY (site_id, cadence, period_start, recipient_id)
);
