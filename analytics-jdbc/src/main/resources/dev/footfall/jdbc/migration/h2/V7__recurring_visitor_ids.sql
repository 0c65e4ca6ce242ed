-- The ids each rolled-up day lists as recurring (RollupStore.recurringVisitors), so that reports
-- can correct the sums of days for them. Days rolled up before have no ids here: their count
-- becomes -1, "not known", and reports over them read the raw events until they are rolled up again.

CREATE TABLE recurring_visitor (
  site_id     VARCHAR(100) NOT NULL,
  epoch_day   INT          NOT NULL,
  visitor_id  BIGINT       NOT NULL,
  PRIMARY KEY (site_id, epoch_day, visitor_id)
);

UPDATE daily_stats SET recurring_visitors = -1 WHERE recurring_visitors > 0;
