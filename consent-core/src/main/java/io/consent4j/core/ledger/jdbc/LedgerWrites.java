/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ledger.ChainAnchor;
import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerException;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.ledger.StoredRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every write to the ledger's tables, each durable when it returns: a group of records in one
 * transaction (one statement over arrays on PostgreSQL, a JDBC batch elsewhere), a checkpoint, an
 * archived policy, and a purge's deletions with its anchors. On H2 each is forced to the disk after its
 * commit.
 */
final class LedgerWrites {

    private static final Logger log = LoggerFactory.getLogger(LedgerWrites.class);

    /** H2's error code for a statement that needs admin rights. */
    private static final int H2_ADMIN_RIGHTS_REQUIRED = 90040;

    private final SqlRunner sql;
    private final JdbcDialect dialect;
    private final LedgerQueries queries;
    /** Held from a commit until it is forced to the disk, where the store's compactor needs it; or null. */
    private final Lock storeLock;

    /** Whether commits are followed by the dialect's force to disk; off once the user turns out not to be admin. */
    private volatile boolean syncAfterCommit = true;

    LedgerWrites(SqlRunner sql, LedgerQueries queries, Lock storeLock) {
        this.sql = sql;
        this.dialect = sql.dialect();
        this.queries = queries;
        this.storeLock = storeLock;
    }

    private void lock() {
        if (storeLock != null) {
            storeLock.lock();
        }
    }

    private void unlock() {
        if (storeLock != null) {
            storeLock.unlock();
        }
    }

    /** Stores a group of records, all or none; see {@code AbstractConsentLedger.insert}. */
    void insert(List<ConsentRecord> records, List<StoredRecord> stored) {
        StoredRecord first = stored.get(0);
        StoredRecord last = stored.get(stored.size() - 1);
        String what = stored.size() == 1
                ? "could not store record " + first.sequence() + " of chain " + first.chainId()
                : "could not store records " + first.sequence() + " to " + last.sequence() + " of chain "
                        + first.chainId();
        try (Connection connection = sql.connect()) {
            String arrays = dialect.insertRecordArraysSql();
            if (arrays != null) {
                insertAtOnce(connection, arrays, records, stored, what);
            } else {
                lock();
                try {
                    insertInTransaction(connection, records, stored, what);
                    forceToDisk(connection);
                } finally {
                    unlock();
                }
            }
        } catch (SQLException e) {
            if (SqlRunner.isDuplicateKey(e)) {
                throw new LedgerException(
                        what + ": a record with such a sequence number exists already. Another ledger appends to"
                                + " chain '" + first.chainId() + "' (give every node or process its own chain id),"
                                + " or an earlier commit reported as failed went through (reopen this ledger)",
                        e);
            }
            throw sql.failure(what, e);
        }
    }

    /**
     * Inserts a group with one statement in auto-commit mode, which makes the statement its own
     * transaction: all rows or none, committed and durable when the database answers, in one round trip
     * instead of two.
     */
    private void insertAtOnce(
            Connection connection,
            String insertSql,
            List<ConsentRecord> records,
            List<StoredRecord> stored,
            String what)
            throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            bindArrays(connection, insert, records, stored);
            insert.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            if (storedDespite(e, stored, what)) {
                return;
            }
            throw e;
        }
    }

    /** Inserts a group as a JDBC batch in one transaction. */
    private void insertInTransaction(
            Connection connection, List<ConsentRecord> records, List<StoredRecord> stored, String what)
            throws SQLException {
        connection.setAutoCommit(false);
        boolean committing = false;
        try {
            try (PreparedStatement insert = connection.prepareStatement(LedgerSql.INSERT_RECORD)) {
                for (int i = 0; i < records.size(); i++) {
                    bindRecord(insert, records.get(i), stored.get(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            committing = true;
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            SqlRunner.rollback(connection, e);
            if (committing && storedDespite(e, stored, what)) {
                return;
            }
            throw e;
        } finally {
            SqlRunner.resetAutoCommit(connection);
        }
    }

    /**
     * Whether the group is stored although storing it reported {@code failure}, as when the connection is
     * lost after the server committed: then the appends succeeded, and this says so in the log.
     */
    private boolean storedDespite(Exception failure, List<StoredRecord> stored, String what) {
        if (!queries.isStored(stored.get(stored.size() - 1))) {
            return false;
        }
        log.warn("{}: the database reported {}, but the records are stored", what, failure.toString());
        return true;
    }

    private void bindRecord(PreparedStatement insert, ConsentRecord record, StoredRecord row) throws SQLException {
        insert.setString(1, row.chainId());
        insert.setLong(2, row.sequence());
        insert.setString(3, record.id());
        dialect.setTime(insert, 4, record.recordedAt());
        RecordContent content = record.content();
        insert.setString(
                5, content.consentId() == null ? null : content.consentId().toString());
        insert.setString(6, content.accountRef());
        insert.setString(7, content.event().jsonName());
        insert.setString(8, row.body());
        insert.setString(9, row.previousHash());
        insert.setString(10, row.hash());
    }

    private static void bindArrays(
            Connection connection, PreparedStatement insert, List<ConsentRecord> records, List<StoredRecord> stored)
            throws SQLException {
        int size = records.size();
        String[][] text = new String[9][size];
        Long[] sequences = new Long[size];
        Instant time = null;
        String timeText = null;
        for (int i = 0; i < size; i++) {
            ConsentRecord record = records.get(i);
            StoredRecord row = stored.get(i);
            text[0][i] = row.chainId();
            sequences[i] = row.sequence();
            text[1][i] = record.id();
            if (!record.recordedAt().equals(time)) { // most records of a group share their millisecond
                time = record.recordedAt();
                timeText = RecordJson.formatTime(time);
            }
            text[2][i] = timeText;
            RecordContent content = record.content();
            text[3][i] =
                    content.consentId() == null ? null : content.consentId().toString();
            text[4][i] = content.accountRef();
            text[5][i] = content.event().jsonName();
            text[6][i] = row.body();
            text[7][i] = row.previousHash();
            text[8][i] = row.hash();
        }
        insert.setArray(1, connection.createArrayOf("varchar", text[0]));
        insert.setArray(2, connection.createArrayOf("int8", sequences));
        for (int column = 1; column < text.length; column++) {
            insert.setArray(column + 2, connection.createArrayOf("varchar", text[column]));
        }
    }

    void insertCheckpoint(Checkpoint checkpoint) {
        update(
                "could not store the checkpoint of chain " + checkpoint.chainId() + " at record "
                        + checkpoint.sequence(),
                LedgerSql.INSERT_CHECKPOINT,
                statement -> {
                    statement.setString(1, checkpoint.chainId());
                    statement.setLong(2, checkpoint.sequence());
                    statement.setString(3, checkpoint.headHash());
                    dialect.setTime(statement, 4, checkpoint.createdAt());
                    statement.setString(5, checkpoint.jws());
                });
    }

    /** Archives a policy text under its hash, unless it is archived already, also by another node just now. */
    void insertPolicy(String contentHash, int version, String canonicalJson, Instant archivedAt) {
        String what = "could not archive the policy " + contentHash;
        try {
            update(what, dialect.insertPolicySql(), statement -> {
                statement.setString(1, contentHash);
                statement.setInt(2, version);
                statement.setString(3, canonicalJson);
                dialect.setTime(statement, 4, archivedAt);
            });
        } catch (LedgerException e) {
            if (e.getCause() instanceof SQLException cause
                    && SqlRunner.isDuplicateKey(cause)
                    && queries.loadPolicy(contentHash).isPresent()) {
                return; // archived at the same moment by another node: stored once, as it should be
            }
            throw e;
        }
    }

    /** Deletes each anchor's chain through its sequence number and stores the anchors, in one transaction. */
    long deleteThrough(List<ChainAnchor> anchors) {
        String what = "could not purge the records before the anchors " + anchors;
        try (Connection connection = sql.connect()) {
            connection.setAutoCommit(false);
            lock();
            try {
                long deleted = 0;
                try (PreparedStatement delete = connection.prepareStatement(LedgerSql.DELETE_THROUGH)) {
                    for (ChainAnchor anchor : anchors) {
                        delete.setString(1, anchor.chainId());
                        delete.setLong(2, anchor.sequence());
                        deleted += delete.executeUpdate();
                    }
                }
                try (PreparedStatement upsert = connection.prepareStatement(dialect.upsertAnchorSql())) {
                    for (ChainAnchor anchor : anchors) {
                        upsert.setString(1, anchor.chainId());
                        upsert.setLong(2, anchor.sequence());
                        upsert.setString(3, anchor.hash());
                        upsert.executeUpdate();
                    }
                }
                connection.commit();
                forceToDisk(connection);
                return deleted;
            } catch (SQLException | RuntimeException e) {
                SqlRunner.rollback(connection, e);
                throw e;
            } finally {
                unlock();
                SqlRunner.resetAutoCommit(connection);
            }
        } catch (SQLException e) {
            throw sql.failure(what, e);
        }
    }

    /** Runs one statement in auto-commit mode (a checkpoint, an archived policy), durable when it returns. */
    private void update(String what, String updateSql, SqlRunner.Binder binder) {
        try (Connection connection = sql.connect();
                PreparedStatement statement = connection.prepareStatement(updateSql)) {
            binder.bind(statement);
            lock();
            try {
                statement.executeUpdate();
                forceToDisk(connection);
            } finally {
                unlock();
            }
        } catch (SQLException e) {
            throw sql.failure(what, e);
        }
    }

    /**
     * Forces what H2 committed to the disk: every group of records, checkpoint, archived policy and purge.
     * H2 writes a commit to its file before it returns ({@code WRITE_DELAY=0}) but leaves it in the
     * operating system's cache, where a power failure or a crash of the machine would lose it;
     * {@code CHECKPOINT SYNC} makes the file durable, as PostgreSQL and MySQL are at commit. In-memory
     * databases ignore it. It needs admin rights, which the {@code sa} user of
     * {@link JdbcConsentLedger#h2File} has; without them the ledger warns once and goes on without.
     */
    private void forceToDisk(Connection connection) {
        String force = dialect.forceToDiskSql();
        if (force == null || !syncAfterCommit) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(force);
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_ADMIN_RIGHTS_REQUIRED) {
                syncAfterCommit = false;
                log.warn("The H2 database user has no admin rights, so committed consent records cannot be forced"
                        + " to the disk (CHECKPOINT SYNC); a power failure may lose the newest. Use an admin"
                        + " user, or JdbcConsentLedger.h2File.");
                return;
            }
            // What was committed is readable; only its durability against a crash of the machine is in doubt,
            // so the appends stand and the operator is told.
            log.error(
                    "H2 committed consent records but could not force them to the disk; a power failure may lose"
                            + " the newest: {}",
                    e.toString());
        }
    }
}
