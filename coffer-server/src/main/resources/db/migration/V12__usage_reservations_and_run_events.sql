-- Usage (feature dev.coffer.server.usage): one row per upload in flight, so that a reservation left behind by a
-- crashed server instance or a killed upload is released once it is older than coffer.quota.reservation-lease.
-- usage_counter.reserved stays the sum the conditional UPDATE checks; a row's bytes leave it exactly once: by the
-- commit, the release, or the lease's expiry, whichever deletes the row.
CREATE TABLE usage_reservation (
    id          UUID        PRIMARY KEY,
    account_id  BIGINT      NOT NULL,
    device_type VARCHAR(16) NOT NULL,
    bytes       BIGINT      NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_usage_reservation_created ON usage_reservation (created_at);

-- Devices (feature dev.coffer.server.device): a backup run that a hard quota stopped (its "stopped" quota alert is
-- the error mail, so the run's own result mail is not sent as well), and the latest missed due time already
-- reported per device (keeps the missed-schedule scan from republishing; the outbox dedups regardless).
ALTER TABLE device_run ADD COLUMN quota_stopped BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE device ADD COLUMN missed_reported_for TIMESTAMP WITH TIME ZONE;
