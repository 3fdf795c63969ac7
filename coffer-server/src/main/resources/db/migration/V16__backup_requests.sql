-- "Back up now" (the device feature): when an admin or the console asked the device for a backup that it has not
-- started yet. NULL: nothing asked. The device's next backup run start (POST /agent/v1/runs) clears it, so a request
-- is served once; asking again while one is pending keeps the first time.
ALTER TABLE device ADD COLUMN backup_requested_at TIMESTAMP WITH TIME ZONE;
