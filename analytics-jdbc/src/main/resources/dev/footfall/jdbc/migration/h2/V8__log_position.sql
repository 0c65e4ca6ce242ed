-- How far each partition of an event log (cluster mode) is stored: the offset its next record has.
-- A write moves it in the transaction that stores the records (Storage.write with positions).
CREATE TABLE log_position (
  log_partition  VARCHAR(200) NOT NULL PRIMARY KEY,
  next_offset    BIGINT       NOT NULL
);
