-- consent4j JDBC ledger, H2 2.x. Idempotent: JdbcConsentLedger.initializeSchema() runs it.
-- Records are append-only (C21): the application needs INSERT and SELECT on consent_record, and DELETE
-- only for the retention purge (C26). The body column is the canonical JSON that the hash covers; the
-- other columns repeat parts of it for the indexes, and verification checks that they match it (C24).

CREATE TABLE IF NOT EXISTS consent_record (
    chain_id    VARCHAR(64)                 NOT NULL,
    seq         BIGINT                      NOT NULL,
    record_id   VARCHAR(36)                 NOT NULL,
    recorded_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    consent_id  VARCHAR(22),
    account_ref VARCHAR(64),
    event       VARCHAR(32)                 NOT NULL,
    body        CHARACTER VARYING           NOT NULL,
    prev_hash   VARCHAR(64)                 NOT NULL,
    hash        VARCHAR(64)                 NOT NULL,
    CONSTRAINT consent_record_pk PRIMARY KEY (chain_id, seq)
);

CREATE INDEX IF NOT EXISTS consent_record_consent_id ON consent_record (consent_id);

CREATE INDEX IF NOT EXISTS consent_record_account_ref ON consent_record (account_ref);

CREATE INDEX IF NOT EXISTS consent_record_recorded_at ON consent_record (recorded_at);

CREATE TABLE IF NOT EXISTS consent_policy (
    content_hash   VARCHAR(64)                 NOT NULL,
    version        INTEGER                     NOT NULL,
    canonical_json CHARACTER LARGE OBJECT      NOT NULL,
    archived_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT consent_policy_pk PRIMARY KEY (content_hash)
);

CREATE TABLE IF NOT EXISTS consent_checkpoint (
    chain_id   VARCHAR(64)                 NOT NULL,
    seq        BIGINT                      NOT NULL,
    head_hash  VARCHAR(64)                 NOT NULL,
    created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    jws        CHARACTER VARYING           NOT NULL,
    CONSTRAINT consent_checkpoint_pk PRIMARY KEY (chain_id, seq)
);

CREATE TABLE IF NOT EXISTS consent_anchor (
    chain_id VARCHAR(64) NOT NULL,
    seq      BIGINT      NOT NULL,
    hash     VARCHAR(64) NOT NULL,
    CONSTRAINT consent_anchor_pk PRIMARY KEY (chain_id)
);

-- Not part of the ledger and never verified: the cookie inventory of the servlet filter, the names of
-- cookies the site set that the policy does not declare (never their values). Times in epoch milliseconds;
-- paths are separated by line feeds.
CREATE TABLE IF NOT EXISTS consent_cookie_seen (
    cookie_name     VARCHAR(128) NOT NULL,
    likely_category VARCHAR(16)  NOT NULL,
    first_seen      BIGINT       NOT NULL,
    last_seen       BIGINT       NOT NULL,
    seen_count      BIGINT       NOT NULL,
    paths           VARCHAR(2100) NOT NULL,
    CONSTRAINT consent_cookie_seen_pk PRIMARY KEY (cookie_name)
);
