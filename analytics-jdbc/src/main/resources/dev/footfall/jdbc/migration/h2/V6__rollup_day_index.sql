-- Replacing a day deletes and reads the rows of one site's day or month, whatever their dimension:
-- an index that starts (site_id, epoch_day) keeps that from reading all the site's rows.

CREATE INDEX daily_rollup_site_day ON daily_rollup (site_id, epoch_day);
CREATE INDEX monthly_rollup_site_month ON monthly_rollup (site_id, epoch_day);
