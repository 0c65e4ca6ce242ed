-- Email reports: who receives each site's weekly or monthly report, and the ledger of the reports
-- claimed for sending, whose primary key lets exactly one instance claim a (recipient, period).
CREATE TABLE email_recipient (
  id                 VARCHAR(32)              NOT NULL PRIMARY KEY,
  site_id            VARCHAR(100)             NOT NULL,
  address            VARCHAR(254)             NOT NULL,
  cadence            VARCHAR(10)              NOT NULL,
  unsubscribe_token  VARCHAR(64)              NOT NULL,
  created_at         TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  CONSTRAINT email_recipient_token_unique UNIQUE (unsubscribe_token),
  CONSTRAINT email_recipient_unique UNIQUE (site_id, address, cadence)
);
CREATE TABLE email_report_claim (
  site_id       VARCHAR(100)             NOT NULL,
  cadence       VARCHAR(10)              NOT NULL,
  period_start  DATE                     NOT NULL,
  recipient_id  VARCHAR(32)              NOT NULL,
  claimed_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (site_id, cadence, period_start, recipient_id)
);
