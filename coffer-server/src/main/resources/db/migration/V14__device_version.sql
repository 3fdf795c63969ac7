-- A device's version, raised by every change an admin or a backup user makes to it (its schedule), so that the
-- panel's and the console's forms (schedule, remove) refuse to act on a device changed after the page was opened.
ALTER TABLE device ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
