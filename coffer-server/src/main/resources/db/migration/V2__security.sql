-- Security fixes (issue 8). Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

-- Login throttling as one counter row per (area, kind, key), so that reserving an attempt is a single conditional
-- UPDATE: at most the limit of passwords is checked per window, whatever the concurrency and however many server
-- instances share the database. area: PANEL, CONSOLE, AGENT, or '*' for client addresses (counted across areas);
-- kind: LOGIN or ADDRESS; key_hash: SHA-256 (hex) of the login key or the address, so that what was typed into a
-- login field (sometimes a password) is not stored. window_start: the first attempt of the current window.
DROP TABLE login_failure;
CREATE TABLE login_throttle (
    area         VARCHAR(16) NOT NULL,
    kind         VARCHAR(16) NOT NULL,
    key_hash     VARCHAR(64) NOT NULL,
    attempts     INTEGER     NOT NULL,
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_login_throttle PRIMARY KEY (area, kind, key_hash)
);
CREATE INDEX ix_login_throttle_window ON login_throttle (window_start);
