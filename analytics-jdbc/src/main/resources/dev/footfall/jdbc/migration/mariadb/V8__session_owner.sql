-- Which Footfall instance holds each open session in memory (Session.owner): an instance that starts
-- takes over only the open sessions of instances that are gone.
ALTER TABLE session ADD COLUMN owner VARCHAR(64) NOT NULL DEFAULT '';
