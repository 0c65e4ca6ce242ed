-- The revenue a custom event brought (Event.revenue): an exact amount, at most 15 digits before the
-- point and 3 after, and its ISO 4217 currency; both null for an event without revenue.
ALTER TABLE event ADD COLUMN revenue_amount DECIMAL(18,3);
ALTER TABLE event ADD COLUMN revenue_currency CHAR(3);
