/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ledger.ChainAnchor;
import io.consent4j.core.ledger.ChainVerifier;
import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerException;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.ledger.StoredRecord;
import io.consent4j.core.token.ConsentId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every read of the ledger's tables: lookups by consent id and account, time ranges as lazy streams,
 * whole chains for verification, checkpoints, archived policies, anchors and the newest purge. Records
 * are read from their canonical body, never from the columns beside it; only a chain read for
 * verification hands those columns on, so that the verifier can compare them with the body (C24).
 */
final class LedgerQueries {

    /** The span of times every supported database holds (MySQL's DATETIME is the narrowest). */
    private static final Instant EARLIEST_TIME = Instant.parse("1000-01-01T00:00:00Z");

    private static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    private final SqlRunner sql;
    private final JdbcDialect dialect;

    LedgerQueries(SqlRunner sql) {
        this.sql = sql;
        this.dialect = sql.dialect();
    }

    Optional<StoredRecord> lastRecord(String chainId) {
        return sql.query(
                "could not read the last record of chain " + chainId,
                LedgerSql.LAST_RECORD,
                statement -> statement.setString(1, chainId),
                rows -> rows.next() ? Optional.of(storedRecord(rows)) : Optional.empty());
    }

    Optional<StoredRecord> lastRecordBefore(String chainId, Instant cutoff) {
        return sql.query(
                "could not find the last record of chain " + chainId + " before " + cutoff,
                LedgerSql.LAST_RECORD_BEFORE,
                statement -> {
                    statement.setString(1, chainId);
                    dialect.setTime(statement, 2, cutoff);
                },
                rows -> rows.next() ? Optional.of(storedRecord(rows)) : Optional.empty());
    }

    /** Whether {@code row} is stored as given; false when that cannot be found out. */
    boolean isStored(StoredRecord row) {
        try {
            return sql.query(
                    "could not check the last record",
                    LedgerSql.RECORD_HASH,
                    statement -> {
                        statement.setString(1, row.chainId());
                        statement.setLong(2, row.sequence());
                    },
                    result -> result.next() && row.hash().equals(result.getString(1)));
        } catch (LedgerException e) {
            return false;
        }
    }

    List<Checkpoint> loadCheckpoints() {
        return sql.query("could not read the checkpoints", LedgerSql.CHECKPOINTS, statement -> {}, rows -> {
            List<Checkpoint> checkpoints = new ArrayList<>();
            while (rows.next()) {
                checkpoints.add(new Checkpoint(
                        rows.getString("chain_id"),
                        rows.getLong("seq"),
                        rows.getString("head_hash"),
                        dialect.getTime(rows, "created_at"),
                        rows.getString("jws")));
            }
            return checkpoints;
        });
    }

    Optional<String> loadPolicy(String contentHash) {
        return sql.query(
                "could not read the archived policy " + contentHash,
                LedgerSql.POLICY,
                statement -> statement.setString(1, contentHash),
                rows -> rows.next() ? Optional.of(rows.getString(1)) : Optional.empty());
    }

    List<ConsentRecord> selectByConsentId(ConsentId consentId) {
        String id = consentId.toString();
        List<ConsentRecord> records = sql.query(
                "could not look up the records of consent id " + id,
                LedgerSql.BY_CONSENT_ID,
                statement -> statement.setString(1, id),
                LedgerQueries::consentRecords);
        // The body is the record; a row whose column was edited to point elsewhere is not this visitor's.
        records.removeIf(record -> !consentId.equals(record.content().consentId()));
        return records;
    }

    List<ConsentRecord> selectByAccountRef(String accountRef) {
        List<ConsentRecord> records = sql.query(
                "could not look up the records of an account reference",
                LedgerSql.BY_ACCOUNT_REF,
                statement -> statement.setString(1, accountRef),
                LedgerQueries::consentRecords);
        records.removeIf(record -> !accountRef.equals(record.content().accountRef()));
        return records;
    }

    Stream<ConsentRecord> selectRange(Instant from, Instant to) {
        // No database takes every Instant, and no record lies outside what the narrowest one holds.
        Instant lower = from.isBefore(EARLIEST_TIME) ? EARLIEST_TIME : from;
        Instant upper = to.isAfter(LATEST_TIME) ? LATEST_TIME : to;
        if (!lower.isBefore(upper)) {
            return Stream.empty();
        }
        String what = "could not read the records from " + from + " to " + to;
        return sql.stream(
                what,
                LedgerSql.RANGE,
                statement -> {
                    dialect.setTime(statement, 1, lower);
                    dialect.setTime(statement, 2, upper);
                },
                LedgerQueries::consentRecord);
    }

    boolean hasRecords(Instant from, Instant to) {
        Instant lower = from.isBefore(EARLIEST_TIME) ? EARLIEST_TIME : from;
        Instant upper = to.isAfter(LATEST_TIME) ? LATEST_TIME : to;
        if (!lower.isBefore(upper)) {
            return false;
        }
        return sql.query(
                "could not look for records from " + from + " to " + to,
                LedgerSql.ANY_IN_RANGE,
                statement -> {
                    dialect.setTime(statement, 1, lower);
                    dialect.setTime(statement, 2, upper);
                },
                ResultSet::next);
    }

    Optional<ConsentRecord> selectLatestPurge() {
        return sql.query(
                "could not read the newest purge record",
                LedgerSql.LATEST_PURGE,
                statement -> statement.setString(1, ConsentEvent.PURGE.jsonName()),
                rows -> {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    // The body is the record: a row whose event column was edited to "purge" confirms nothing.
                    ConsentRecord record = consentRecord(rows);
                    return record.content().event() == ConsentEvent.PURGE ? Optional.of(record) : Optional.empty();
                });
    }

    List<String> selectChainIds() {
        return sql.query("could not list the chains", LedgerSql.CHAIN_IDS, statement -> {}, rows -> {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        });
    }

    /** Feeds a chain's rows, with the columns beside each body, to {@code verifier}, in sequence order. */
    void readChain(String chainId, ChainVerifier verifier) {
        try (Stream<Void> rows = sql.stream(
                "could not read chain " + chainId + " to verify it",
                LedgerSql.CHAIN,
                statement -> statement.setString(1, chainId),
                row -> {
                    StoredRecord stored = storedRecord(row);
                    Map<String, String> indexed = new HashMap<>(8);
                    indexed.put("id", row.getString("record_id"));
                    indexed.put("time", RecordJson.formatTime(dialect.getTime(row, "recorded_at")));
                    indexed.put("consentId", row.getString("consent_id"));
                    indexed.put("accountRef", row.getString("account_ref"));
                    indexed.put("event", row.getString("event"));
                    verifier.accept(stored, indexed);
                    return null;
                })) {
            rows.forEach(none -> {});
        }
    }

    List<ChainAnchor> loadAnchors() {
        return sql.query("could not read the purge anchors", LedgerSql.ANCHORS, statement -> {}, rows -> {
            List<ChainAnchor> anchors = new ArrayList<>();
            while (rows.next()) {
                anchors.add(new ChainAnchor(rows.getString("chain_id"), rows.getLong("seq"), rows.getString("hash")));
            }
            return anchors;
        });
    }

    private static StoredRecord storedRecord(ResultSet row) throws SQLException {
        return new StoredRecord(
                row.getString("chain_id"),
                row.getLong("seq"),
                row.getString("body"),
                row.getString("prev_hash"),
                row.getString("hash"));
    }

    private static ConsentRecord consentRecord(ResultSet row) throws SQLException {
        String body = row.getString("body");
        try {
            return RecordJson.parse(body, row.getString("prev_hash"), row.getString("hash"));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(
                    "record " + row.getLong("seq") + " of chain " + row.getString("chain_id")
                            + " cannot be read, its body is not a record (verify the ledger): " + e.getMessage(),
                    e);
        }
    }

    private static List<ConsentRecord> consentRecords(ResultSet rows) throws SQLException {
        List<ConsentRecord> records = new ArrayList<>();
        while (rows.next()) {
            records.add(consentRecord(rows));
        }
        return records;
    }
}
