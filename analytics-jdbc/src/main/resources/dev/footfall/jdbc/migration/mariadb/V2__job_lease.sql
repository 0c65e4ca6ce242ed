-- Leases that let one of several application instances run each background job at a time.
CREATE TABLE job_lease (
  name        VARCHAR(64)  NOT NULL PRIMARY KEY,
  owner       VARCHAR(64)  NOT NULL,
  expires_at  DATETIME(3)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
