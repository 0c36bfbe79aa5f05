/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerInsights.Tally;
import io.consent4j.core.ledger.RecordJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;

/**
 * Holds the counting of a JDBC ledger's records into the dashboard counters for {@link JdbcInsights}: per
 * chain, the batch after the chain's progress mark (or its purge anchor), whose counts commit together with
 * the move of the mark, and the mark moves only from where the batch started, so that several nodes
 * counting at once never count a record twice. Also how many records wait. The caller holds the counting
 * lock; this class decides nothing about when to count.
 */
final class InsightsBatches {

    /**
     * The chains to count, without reading the records' table: every chain has a checkpoint soon after its
     * first records, an anchor after a purge, and a progress mark once counted.
     */
    private static final String KNOWN_CHAINS = "SELECT chain_id FROM consent_stats_progress"
            + " UNION SELECT chain_id FROM consent_checkpoint UNION SELECT chain_id FROM consent_anchor";

    private final SqlRunner sql;
    private final String ownChain;
    private final int batchSize;

    InsightsBatches(SqlRunner sql, String ownChain, int batchSize) {
        this.sql = sql;
        this.ownChain = ownChain;
        this.batchSize = batchSize;
    }

    /** The chains known from the small tables, and this ledger's own, sorted. */
    List<String> chainIds() {
        return sql.query("could not list the chains", KNOWN_CHAINS, s -> {}, rows -> {
            TreeSet<String> ids = new TreeSet<>();
            ids.add(ownChain);
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return List.copyOf(ids);
        });
    }

    /**
     * Whether more than {@code limit} records wait in some chain: whether the position {@code limit + 1}
     * after its mark (or its anchor) is taken, one lookup by key; H2 answers MAX(seq) by reading the chain.
     */
    boolean moreWaitingThan(long limit) {
        for (String chainId : chainIds()) {
            long start = Math.max(progressMark(chainId), anchor(chainId));
            boolean taken = sql.query(
                    "could not look for records to count",
                    "SELECT 1 FROM consent_record WHERE chain_id = ? AND seq = ?",
                    s -> {
                        s.setString(1, chainId);
                        s.setLong(2, start + limit + 1);
                    },
                    rows -> rows.next());
            if (taken) {
                return true;
            }
        }
        return false;
    }

    private long progressMark(String chainId) {
        Long mark = storedProgress(chainId);
        return mark == null ? 0 : mark;
    }

    /** The chain's progress mark, or null before its counting started. */
    private Long storedProgress(String chainId) {
        return sql.query(
                "could not read the counting progress",
                "SELECT seq FROM consent_stats_progress WHERE chain_id = ?",
                s -> s.setString(1, chainId),
                rows -> rows.next() ? rows.getLong(1) : null);
    }

    /**
     * How many records wait to be counted: per chain, the positions after its mark (or its anchor) to its
     * head. Only the background asks it: on H2 it reads each chain's keys.
     */
    long waiting() {
        long waiting = 0;
        for (String chainId : chainIds()) {
            long head = sql.query(
                    "could not read the chain's head",
                    "SELECT MAX(seq) FROM consent_record WHERE chain_id = ?",
                    s -> s.setString(1, chainId),
                    rows -> rows.next() ? rows.getLong(1) : 0);
            Long mark = sql.query(
                    "could not read the counting progress",
                    "SELECT seq FROM consent_stats_progress WHERE chain_id = ?",
                    s -> s.setString(1, chainId),
                    rows -> rows.next() ? rows.getLong(1) : null);
            waiting += Math.max(0, head - Math.max(mark == null ? 0 : mark, anchor(chainId)));
        }
        return waiting;
    }

    /**
     * Counts the next batch of a chain: how many records it added, 0 when the chain is counted to its
     * head, -1 when another node counted that batch first.
     */
    long countNext(String chainId) {
        long from = progress(chainId);
        Batch batch = read(chainId, from);
        if (batch.count == 0) {
            // Nothing right after the mark: done, unless the purge removed what came next; the chain then
            // goes on right after its anchor.
            long anchor = anchor(chainId);
            if (anchor <= from) {
                return 0;
            }
            batch = read(chainId, anchor);
            if (batch.count == 0) {
                return 0;
            }
        }
        return store(chainId, from, batch) ? batch.count : -1;
    }

    private long progress(String chainId) {
        Long seq = storedProgress(chainId);
        if (seq != null) {
            return seq;
        }
        try (Connection connection = sql.connect();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO consent_stats_progress (chain_id, seq) VALUES (?, 0)")) {
            insert.setString(1, chainId);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!SqlRunner.isDuplicateKey(e)) { // another node made the row first: fine
                throw sql.failure("could not start counting chain " + chainId, e);
            }
        }
        return 0;
    }

    /** Counts of records a batch adds, and the last sequence number it read. */
    private static final class Batch {
        final Tally tally = new Tally();
        long count;
        long last;
    }

    /** The position of a chain's purge anchor, 0 when it has none. */
    private long anchor(String chainId) {
        return sql.query(
                "could not read the chain's anchor",
                "SELECT seq FROM consent_anchor WHERE chain_id = ?",
                s -> s.setString(1, chainId),
                rows -> rows.next() ? rows.getLong(1) : 0);
    }

    /** The records at the positions after {@code after}: a bounded range of the key, so none reads more. */
    private Batch read(String chainId, long after) {
        return sql.query(
                "could not read records to count",
                "SELECT seq, body, prev_hash, hash FROM consent_record"
                        + " WHERE chain_id = ? AND seq > ? AND seq <= ? ORDER BY seq",
                s -> {
                    s.setString(1, chainId);
                    s.setLong(2, after);
                    s.setLong(3, after + batchSize);
                    s.setFetchSize(1000);
                },
                rows -> {
                    Batch batch = new Batch();
                    while (rows.next()) {
                        ConsentRecord record =
                                RecordJson.parse(rows.getString(2), rows.getString(3), rows.getString(4));
                        batch.tally.add(record);
                        batch.count++;
                        batch.last = rows.getLong(1);
                    }
                    return batch;
                });
    }

    /** Stores a batch's counts with the move of the progress mark; false when another node moved it first. */
    private boolean store(String chainId, long from, Batch batch) {
        try (Connection connection = sql.connect()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement mark = connection.prepareStatement(
                        "UPDATE consent_stats_progress SET seq = ? WHERE chain_id = ? AND seq = ?")) {
                    mark.setLong(1, batch.last);
                    mark.setString(2, chainId);
                    mark.setLong(3, from);
                    if (mark.executeUpdate() != 1) {
                        connection.rollback();
                        return false;
                    }
                }
                new InsightsCounters(sql.dialect(), connection).add(batch.tally);
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                SqlRunner.rollback(connection, e);
                if (e instanceof SQLException s && SqlRunner.isDuplicateKey(s)) {
                    return false; // another node added the same new counter row at once: count again
                }
                throw e;
            } finally {
                SqlRunner.resetAutoCommit(connection);
            }
        } catch (SQLException e) {
            throw sql.failure("could not store the dashboard counters", e);
        }
    }
}
