-- Server-side retention (feature package dev.coffer.server.retention owns these tables).
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

-- An account's retention policy; an account without a row has the default (keep daily 14, weekly 8, monthly 12).
-- version: optimistic locking of the API's PUT (ETag); the default policy is version 0.
CREATE TABLE retention_policy (
    account_id   BIGINT  NOT NULL,
    keep_last    INTEGER NOT NULL,
    keep_daily   INTEGER NOT NULL,
    keep_weekly  INTEGER NOT NULL,
    keep_monthly INTEGER NOT NULL,
    keep_yearly  INTEGER NOT NULL,
    version      BIGINT  NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_retention_policy PRIMARY KEY (account_id)
);

-- One row per account the retention job has seen: the job holds this row locked (SELECT ... FOR UPDATE SKIP
-- LOCKED) while it forgets and prunes, so that server instances sharing the database never prune one account twice
-- at once; and the outcome of the last run.
CREATE TABLE retention_run (
    account_id        BIGINT NOT NULL,
    last_run_at       TIMESTAMP WITH TIME ZONE,
    snapshots_removed INTEGER NOT NULL,
    bytes_freed       BIGINT  NOT NULL,
    message           VARCHAR(500),
    CONSTRAINT pk_retention_run PRIMARY KEY (account_id)
);

-- The backup markers (locks/) the job has seen in an account's store and when it first saw each, by the server's
-- clock: a backup counts as running while its marker is younger than a day (Repository.MARKER_EXPIRY) by this time,
-- whatever start time the device wrote into it (a false clock neither hides a running backup nor blocks retention).
CREATE TABLE retention_marker (
    account_id    BIGINT       NOT NULL,
    name          VARCHAR(200) NOT NULL,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_retention_marker PRIMARY KEY (account_id, name)
);
