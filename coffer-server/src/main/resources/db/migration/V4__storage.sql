-- The managed repository key of each backup account (the storage feature): the 32-byte repository secret, only
-- AES-256-GCM-wrapped by the server's key-encryption key (base64 of nonce || ciphertext+tag, AAD = account id).
-- initialized says whether the engine repository was created in the account's store with that secret.
CREATE TABLE repository_key (
    account_id     BIGINT       PRIMARY KEY,
    wrapped_secret VARCHAR(200) NOT NULL,
    initialized    BOOLEAN      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
