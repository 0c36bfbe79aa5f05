/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

/**
 * The ledger's SQL that every supported database reads alike. What differs between them is in
 * {@link JdbcDialect}; the tables are in the schema scripts.
 */
final class LedgerSql {

    private LedgerSql() {}

    static final String INSERT_RECORD = "INSERT INTO consent_record"
            + " (chain_id, seq, record_id, recorded_at, consent_id, account_ref, event, body, prev_hash, hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The columns a stored record is read from. */
    private static final String RECORD = "chain_id, seq, body, prev_hash, hash";

    static final String LAST_RECORD =
            "SELECT " + RECORD + " FROM consent_record WHERE chain_id = ? ORDER BY seq DESC LIMIT 1";
    static final String LAST_RECORD_BEFORE = "SELECT " + RECORD
            + " FROM consent_record WHERE chain_id = ? AND recorded_at < ? ORDER BY seq DESC LIMIT 1";
    static final String RECORD_HASH = "SELECT hash FROM consent_record WHERE chain_id = ? AND seq = ?";
    static final String BY_CONSENT_ID =
            "SELECT " + RECORD + " FROM consent_record WHERE consent_id = ? ORDER BY recorded_at, chain_id, seq";
    static final String BY_ACCOUNT_REF =
            "SELECT " + RECORD + " FROM consent_record WHERE account_ref = ? ORDER BY recorded_at, chain_id, seq";
    static final String RANGE = "SELECT " + RECORD
            + " FROM consent_record WHERE recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at, chain_id, seq";
    static final String ANY_IN_RANGE =
            "SELECT 1 FROM consent_record WHERE recorded_at >= ? AND recorded_at < ? LIMIT 1";
    // The time index read from its newest end: purges run regularly, so the newest purge record is near. Ordered
    // by the indexed time alone, so that no database has to sort.
    static final String LATEST_PURGE =
            "SELECT " + RECORD + " FROM consent_record WHERE event = ? ORDER BY recorded_at DESC LIMIT 1";
    static final String CHAIN = "SELECT chain_id, seq, record_id, recorded_at, consent_id, account_ref,"
            + " event, body, prev_hash, hash FROM consent_record WHERE chain_id = ? ORDER BY seq";
    static final String CHAIN_IDS =
            "SELECT chain_id FROM consent_record UNION SELECT chain_id FROM consent_anchor ORDER BY chain_id";
    static final String INSERT_CHECKPOINT =
            "INSERT INTO consent_checkpoint (chain_id, seq, head_hash, created_at, jws) VALUES (?, ?, ?, ?, ?)";
    static final String CHECKPOINTS = "SELECT chain_id, seq, head_hash, created_at, jws"
            + " FROM consent_checkpoint ORDER BY created_at, chain_id, seq";
    static final String POLICY = "SELECT canonical_json FROM consent_policy WHERE content_hash = ?";
    static final String ANCHORS = "SELECT chain_id, seq, hash FROM consent_anchor ORDER BY chain_id";
    static final String DELETE_THROUGH = "DELETE FROM consent_record WHERE chain_id = ? AND seq <= ?";
}
