/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerInsights;
import io.consent4j.core.ledger.RecordJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link LedgerInsights} of a JDBC ledger, from counters in the {@code consent_stats_*} tables. Before it
 * answers, it adds the records committed since the last answer to the counters ({@link #refresh()}), a
 * batch at a time, parsing each record once in its life; the records' own table is only read by index.
 * The counting of a batch and the move of the chain's progress mark commit together, and the mark moves
 * only from where the batch started, so that several nodes counting at once never count a record twice.
 */
final class JdbcInsights implements LedgerInsights {

    /** Records counted per transaction: bounds memory and the transaction's length. */
    static final int BATCH = 20_000;

    /**
     * The chains to count, without reading the records' table: every chain has a checkpoint soon after its
     * first records, an anchor after a purge, and a progress mark once counted.
     */
    private static final String KNOWN_CHAINS = "SELECT chain_id FROM consent_stats_progress"
            + " UNION SELECT chain_id FROM consent_checkpoint UNION SELECT chain_id FROM consent_anchor";

    private final SqlRunner sql;
    private final String ownChain;

    JdbcInsights(SqlRunner sql, String ownChain) {
        this.sql = sql;
        this.ownChain = ownChain;
    }

    /** The chains known from the small tables, and this ledger's own, sorted. */
    private List<String> chainIds() {
        return sql.query("could not list the chains", KNOWN_CHAINS, s -> {}, rows -> {
            TreeSet<String> ids = new TreeSet<>();
            ids.add(ownChain);
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return List.copyOf(ids);
        });
    }

    @Override
    public Overview overview() {
        refresh();
        // Where each chain starts (right after its purge anchor) and where its counting reached (its head
        // when refresh returned): small tables only, where ORDER BY ... LIMIT 1 on the records' key made
        // H2 sort a whole chain.
        Map<String, Long> anchors = marks("SELECT chain_id, seq FROM consent_anchor");
        Map<String, Long> heads = marks("SELECT chain_id, seq FROM consent_stats_progress");
        List<ChainSummary> chains = new ArrayList<>();
        heads.forEach((chainId, last) -> {
            long first = anchors.getOrDefault(chainId, 0L) + 1;
            if (last >= first) {
                chains.add(new ChainSummary(chainId, last - first + 1, first, last, recordedAt(chainId, last)));
            }
        });
        Instant oldest = sql.query(
                "could not find the oldest record",
                "SELECT recorded_at AS t FROM consent_record ORDER BY recorded_at LIMIT 1",
                s -> {},
                rows -> rows.next() ? sql.dialect().getTime(rows, "t") : null);
        return new Overview(chains, oldest);
    }

    private Map<String, Long> marks(String query) {
        return sql.query("could not read the chains' marks", query, s -> {}, rows -> {
            Map<String, Long> marks = new TreeMap<>();
            while (rows.next()) {
                marks.put(rows.getString(1), rows.getLong(2));
            }
            return marks;
        });
    }

    private Instant recordedAt(String chainId, long sequence) {
        return sql.query(
                "could not read a record's time",
                "SELECT recorded_at AS t FROM consent_record WHERE chain_id = ? AND seq = ?",
                s -> {
                    s.setString(1, chainId);
                    s.setLong(2, sequence);
                },
                rows -> rows.next() ? sql.dialect().getTime(rows, "t") : Instant.EPOCH);
    }

    @Override
    public List<ChoiceCount> choices(LocalDate from, LocalDate to) {
        refresh();
        return sql.query(
                "could not read the choice counts",
                "SELECT stat_day, event, method, collection_point, policy_version, signal_gpc, signal_dnt,"
                        + " parental, n FROM consent_stats_choice WHERE stat_day >= ? AND stat_day < ?"
                        + " ORDER BY stat_day",
                s -> {
                    setDay(s, 1, from);
                    setDay(s, 2, to);
                },
                rows -> {
                    List<ChoiceCount> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(new ChoiceCount(
                                rows.getObject(1, LocalDate.class),
                                ConsentEvent.valueOf(rows.getString(2).toUpperCase(Locale.ROOT)),
                                ConsentMethod.valueOf(rows.getString(3).toUpperCase(Locale.ROOT)),
                                CollectionPoint.valueOf(rows.getString(4).toUpperCase(Locale.ROOT)),
                                rows.getInt(5),
                                rows.getInt(6) != 0,
                                rows.getInt(7) != 0,
                                rows.getInt(8) != 0,
                                rows.getLong(9)));
                    }
                    return out;
                });
    }

    @Override
    public List<CategoryCount> categories(LocalDate from, LocalDate to) {
        refresh();
        return sql.query(
                "could not read the category counts",
                "SELECT stat_day, category, policy_version, collection_point, choices, granted"
                        + " FROM consent_stats_category WHERE stat_day >= ? AND stat_day < ?"
                        + " ORDER BY stat_day, category",
                s -> {
                    setDay(s, 1, from);
                    setDay(s, 2, to);
                },
                rows -> {
                    List<CategoryCount> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(new CategoryCount(
                                rows.getObject(1, LocalDate.class),
                                rows.getString(2),
                                rows.getInt(3),
                                CollectionPoint.valueOf(rows.getString(4).toUpperCase(Locale.ROOT)),
                                rows.getLong(5),
                                rows.getLong(6)));
                    }
                    return out;
                });
    }

    @Override
    public List<PolicyUse> policyUses() {
        refresh();
        return sql.query(
                "could not read the policy counts",
                "SELECT policy_hash, policy_version, first_used, n FROM consent_stats_policy"
                        + " ORDER BY policy_version, first_used",
                s -> {},
                rows -> {
                    List<PolicyUse> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(new PolicyUse(
                                rows.getString(1),
                                rows.getInt(2),
                                sql.dialect().getTime(rows, "first_used"),
                                rows.getLong(4)));
                    }
                    return out;
                });
    }

    private void setDay(PreparedStatement statement, int index, LocalDate day) throws SQLException {
        if (sql.dialect() == JdbcDialect.MYSQL) {
            statement.setString(index, day.toString());
        } else {
            statement.setObject(index, day);
        }
    }

    /** Adds every record not yet counted to the counters; returns how many it added. */
    synchronized long refresh() {
        long added = 0;
        for (String chainId : chainIds()) {
            while (true) {
                long from = progress(chainId);
                Batch batch = read(chainId, from);
                if (batch.count == 0) {
                    // Nothing right after the mark: done, unless the purge removed what came next; the
                    // chain then goes on right after its anchor.
                    long anchor = anchor(chainId);
                    if (anchor <= from) {
                        break;
                    }
                    batch = read(chainId, anchor);
                    if (batch.count == 0) {
                        break;
                    }
                }
                if (store(chainId, from, batch)) {
                    added += batch.count;
                }
            }
        }
        return added;
    }

    private long progress(String chainId) {
        Long seq = sql.query(
                "could not read the counting progress",
                "SELECT seq FROM consent_stats_progress WHERE chain_id = ?",
                s -> s.setString(1, chainId),
                rows -> rows.next() ? rows.getLong(1) : null);
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
                    s.setLong(3, after + BATCH);
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
