-- consent4j JDBC ledger, PostgreSQL 12 or later. Idempotent: JdbcConsentLedger.initializeSchema() runs it.
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
    body        TEXT                        NOT NULL,
    prev_hash   VARCHAR(64)                 NOT NULL,
    hash        VARCHAR(64)                 NOT NULL,
    CONSTRAINT consent_record_pk PRIMARY KEY (chain_id, seq)
);

-- Consent ids and account references are random and only ever looked up by equality: hash indexes keep
-- a 4-byte hash code per row where a B-tree keeps the whole key in key order, so they stay smaller and
-- every insert costs less (about a fifth of the server's insert cost at a few hundred thousand records,
-- growing with the table). Databases created by an earlier schema keep their B-trees, which work as well.
CREATE INDEX IF NOT EXISTS consent_record_consent_id ON consent_record USING hash (consent_id);

-- Most records have no account reference: leaving the NULLs out makes every insert cheaper.
CREATE INDEX IF NOT EXISTS consent_record_account_ref ON consent_record USING hash (account_ref)
    WHERE account_ref IS NOT NULL;

CREATE INDEX IF NOT EXISTS consent_record_recorded_at ON consent_record (recorded_at);

CREATE TABLE IF NOT EXISTS consent_policy (
    content_hash   VARCHAR(64)                 NOT NULL,
    version        INTEGER                     NOT NULL,
    canonical_json TEXT                        NOT NULL,
    archived_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT consent_policy_pk PRIMARY KEY (content_hash)
);

CREATE TABLE IF NOT EXISTS consent_checkpoint (
    chain_id   VARCHAR(64)                 NOT NULL,
    seq        BIGINT                      NOT NULL,
    head_hash  VARCHAR(64)                 NOT NULL,
    created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    jws        TEXT                        NOT NULL,
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

-- Counters of the auditor dashboard (LedgerInsights), added up from the records after they are committed,
-- never on the append path. They hold counts per day and kind, nothing that names a person; the purge
-- leaves them. consent_stats_progress says up to which sequence number each chain is counted.
CREATE TABLE IF NOT EXISTS consent_stats_progress (
    chain_id VARCHAR(64) NOT NULL,
    seq      BIGINT      NOT NULL,
    CONSTRAINT consent_stats_progress_pk PRIMARY KEY (chain_id)
);

CREATE TABLE IF NOT EXISTS consent_stats_choice (
    stat_day         DATE        NOT NULL,
    event            VARCHAR(32) NOT NULL,
    method           VARCHAR(32) NOT NULL,
    collection_point VARCHAR(32) NOT NULL,
    policy_version   INTEGER     NOT NULL,
    signal_gpc       SMALLINT    NOT NULL,
    signal_dnt       SMALLINT    NOT NULL,
    parental         SMALLINT    NOT NULL,
    n                BIGINT      NOT NULL,
    CONSTRAINT consent_stats_choice_pk PRIMARY KEY
        (stat_day, event, method, collection_point, policy_version, signal_gpc, signal_dnt, parental)
);

CREATE TABLE IF NOT EXISTS consent_stats_category (
    stat_day         DATE        NOT NULL,
    category         VARCHAR(40) NOT NULL,
    policy_version   INTEGER     NOT NULL,
    collection_point VARCHAR(32) NOT NULL,
    choices          BIGINT      NOT NULL,
    granted          BIGINT      NOT NULL,
    CONSTRAINT consent_stats_category_pk PRIMARY KEY (stat_day, category, policy_version, collection_point)
);

CREATE TABLE IF NOT EXISTS consent_stats_policy (
    policy_hash    VARCHAR(64)                 NOT NULL,
    policy_version INTEGER                     NOT NULL,
    first_used     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    n              BIGINT                      NOT NULL,
    CONSTRAINT consent_stats_policy_pk PRIMARY KEY (policy_hash)
);
