-- consent4j JDBC ledger, MySQL 8 and MariaDB 10.5 or later (InnoDB). Idempotent:
-- JdbcConsentLedger.initializeSchema() runs it. The tests run it on a real MariaDB server, through
-- MariaDB Connector/J and MySQL Connector/J, and on H2 in MODE=MySQL.
-- Records are append-only (C21): the application needs INSERT and SELECT on consent_record, and DELETE
-- only for the retention purge (C26). The body column is the canonical JSON that the hash covers; the
-- other columns repeat parts of it for the indexes, and verification checks that they match it (C24).
-- Ids and hashes use a binary collation: consent ids are case-sensitive base64url. Times are UTC.
-- MySQL has no CREATE INDEX IF NOT EXISTS, so the indexes are declared in the tables.

CREATE TABLE IF NOT EXISTS consent_record (
    chain_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq         BIGINT                                            NOT NULL,
    record_id   VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    recorded_at DATETIME(3)                                       NOT NULL,
    consent_id  VARCHAR(22) CHARACTER SET ascii COLLATE ascii_bin,
    account_ref VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
    event       VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    body        MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    prev_hash   VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    hash        VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (chain_id, seq),
    INDEX consent_record_consent_id (consent_id),
    INDEX consent_record_account_ref (account_ref),
    INDEX consent_record_recorded_at (recorded_at)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS consent_policy (
    content_hash   VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin    NOT NULL,
    version        INT                                                  NOT NULL,
    canonical_json MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    archived_at    DATETIME(3)                                          NOT NULL,
    PRIMARY KEY (content_hash)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS consent_checkpoint (
    chain_id   VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq        BIGINT                                            NOT NULL,
    head_hash  VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at DATETIME(3)                                       NOT NULL,
    jws        TEXT CHARACTER SET ascii COLLATE ascii_bin        NOT NULL,
    PRIMARY KEY (chain_id, seq)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS consent_anchor (
    chain_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq      BIGINT                                            NOT NULL,
    hash     VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (chain_id)
) ENGINE = InnoDB;

-- Not part of the ledger and never verified: the cookie inventory of the servlet filter, the names of
-- cookies the site set that the policy does not declare (never their values). Times in epoch milliseconds;
-- paths are separated by line feeds.
CREATE TABLE IF NOT EXISTS consent_cookie_seen (
    cookie_name     VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    likely_category VARCHAR(16)  NOT NULL,
    first_seen      BIGINT       NOT NULL,
    last_seen       BIGINT       NOT NULL,
    seen_count      BIGINT       NOT NULL,
    paths           VARCHAR(2100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    CONSTRAINT consent_cookie_seen_pk PRIMARY KEY (cookie_name)
);

-- Counters of the auditor dashboard (LedgerInsights), added up from the records after they are committed,
-- never on the append path. They hold counts per day and kind, nothing that names a person; the purge
-- leaves them. consent_stats_progress says up to which sequence number each chain is counted.
CREATE TABLE IF NOT EXISTS consent_stats_progress (
    chain_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq      BIGINT      NOT NULL,
    CONSTRAINT consent_stats_progress_pk PRIMARY KEY (chain_id)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS consent_stats_choice (
    stat_day         DATE        NOT NULL,
    event            VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    method           VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    collection_point VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    policy_version   INTEGER     NOT NULL,
    signal_gpc       SMALLINT    NOT NULL,
    signal_dnt       SMALLINT    NOT NULL,
    parental         SMALLINT    NOT NULL,
    n                BIGINT      NOT NULL,
    CONSTRAINT consent_stats_choice_pk PRIMARY KEY
        (stat_day, event, method, collection_point, policy_version, signal_gpc, signal_dnt, parental)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS consent_stats_category (
    stat_day         DATE        NOT NULL,
    category         VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    policy_version   INTEGER     NOT NULL,
    collection_point VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    choices          BIGINT      NOT NULL,
    granted          BIGINT      NOT NULL,
    CONSTRAINT consent_stats_category_pk PRIMARY KEY (stat_day, category, policy_version, collection_point)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS consent_stats_policy (
    policy_hash    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    policy_version INTEGER                     NOT NULL,
    first_used     DATETIME(3)                NOT NULL,
    n              BIGINT                      NOT NULL,
    CONSTRAINT consent_stats_policy_pk PRIMARY KEY (policy_hash)
) ENGINE = InnoDB;
