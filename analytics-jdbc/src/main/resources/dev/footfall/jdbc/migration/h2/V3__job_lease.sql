-- Leases that let one of several application instances run each background job at a time.
CREATE TABLE job_lease (
  name        VARCHAR(64)                 NOT NULL PRIMARY KEY,
  owner       VARCHAR(64)                 NOT NULL,
  expires_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL
);
