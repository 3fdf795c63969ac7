-- Issue 8 item 6: a backup login is an email address in a domain the provider assigned to the customer. A domain
-- belongs to one customer across the installation (lower case, IDNA ASCII form, validated by the customer feature).
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE customer_domain (
    customer_id BIGINT       NOT NULL REFERENCES customer (id),
    domain      VARCHAR(253) NOT NULL,
    CONSTRAINT uq_customer_domain UNIQUE (domain)
);
CREATE INDEX ix_customer_domain_customer ON customer_domain (customer_id);

-- Existing data: a customer gets each domain of its backup logins and of its admins' emails that nobody else's login
-- or admin email uses. Logins that are not email addresses, or whose domain is shared with another customer or is
-- not a plain ASCII host name, keep working but cannot be assigned anew.
CREATE TABLE customer_domain_candidate (
    customer_id BIGINT       NOT NULL,
    domain      VARCHAR(254) NOT NULL
);
INSERT INTO customer_domain_candidate (customer_id, domain)
SELECT customer_id, SUBSTRING(login_key FROM POSITION('@' IN login_key) + 1)
FROM backup_account
WHERE login_key LIKE '%_@_%' AND login_key NOT LIKE '%@%@%';
INSERT INTO customer_domain_candidate (customer_id, domain)
SELECT customer_id, SUBSTRING(LOWER(email) FROM POSITION('@' IN email) + 1)
FROM panel_user
WHERE customer_id IS NOT NULL AND role = 'CUSTOMER_ADMIN' AND email LIKE '%_@_%' AND email NOT LIKE '%@%@%';

INSERT INTO customer_domain (customer_id, domain)
SELECT MIN(customer_id), domain
FROM customer_domain_candidate
WHERE LENGTH(domain) <= 253
  AND domain LIKE '%_._%'
  AND domain NOT LIKE '%..%' AND domain NOT LIKE '.%' AND domain NOT LIKE '%.'
  AND domain NOT LIKE '-%' AND domain NOT LIKE '%-' AND domain NOT LIKE '%.-%' AND domain NOT LIKE '%-.%'
  -- only letters, digits, dots and hyphens (each mapped to 'a', then removed: nothing may remain), and not an IPv4
  -- address (only digits and dots). H2's TRANSLATE does not delete characters, hence the REPLACE.
  AND COALESCE(LENGTH(REPLACE(TRANSLATE(domain, 'abcdefghijklmnopqrstuvwxyz0123456789.-',
                                        'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'), 'a', '')), 0) = 0
  AND COALESCE(LENGTH(REPLACE(TRANSLATE(domain, '0123456789.', '00000000000'), '0', '')), 0) > 0
GROUP BY domain
HAVING COUNT(DISTINCT customer_id) = 1;

DROP TABLE customer_domain_candidate;
