-- The usage ledger (the usage feature): every object stored for an account (locks/ aside), who paid for it, and
-- byte counters per account (and its customer, for the customer's totals) and item (STORAGE, or a device type) with the space reserved by uploads in flight.
CREATE TABLE stored_object (
    account_id  BIGINT        NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    size        BIGINT        NOT NULL,
    device_type VARCHAR(16),
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_stored_object PRIMARY KEY (account_id, name)
);

CREATE TABLE usage_counter (
    account_id  BIGINT      NOT NULL,
    customer_id BIGINT      NOT NULL,
    item       VARCHAR(16) NOT NULL,
    used       BIGINT      NOT NULL,
    reserved   BIGINT      NOT NULL,
    CONSTRAINT pk_usage_counter PRIMARY KEY (account_id, item)
);
CREATE INDEX ix_usage_counter_customer ON usage_counter (customer_id, item);
