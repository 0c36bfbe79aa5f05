/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.LedgerInsights;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LedgerInsights} of a JDBC ledger, from counters in the {@code consent_stats_*} tables. Before it
 * answers, it adds the records committed since the last answer to the counters, a batch at a time,
 * parsing each record once in its life; the records' own table is only read by index. The counting of a
 * batch and the move of the chain's progress mark commit together, and the mark moves only from where the
 * batch started, so that several nodes counting at once never count a record twice.
 *
 * <p>A question never waits for a long counting: when more than {@link #INLINE} records wait (after an
 * upgrade, all records stored before), they are counted in the background ({@link #startCounting}), one
 * batch per task, and questions answer from what is counted so far; {@link #counting()} says how far it
 * has come. While the background counts, or another question counts on its thread, a question does not
 * count at all.
 */
final class JdbcInsights implements LedgerInsights {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcInsights.class);

    /** Records counted per transaction: bounds memory and the transaction's length. */
    static final int BATCH = 20_000;

    /**
     * Most records a question counts on its own thread, about a quarter of a second on PostgreSQL; more go
     * to the background.
     */
    static final int INLINE = 2_000;

    private final SqlRunner sql;
    private final String ownChain;
    private final InsightsBatches batches;

    /** Held by whoever counts: a question on its thread, or a background task. */
    private final ReentrantLock counter = new ReentrantLock();

    private final Object lifecycle = new Object();
    /** Where background tasks run; guarded by {@link #lifecycle}. */
    private Executor executor;
    /** The store's own thread, when no executor was given; guarded by {@link #lifecycle}. */
    private ExecutorService ownThread;

    private volatile boolean running;
    private volatile boolean stopped;
    private volatile long counted;
    private volatile long total;

    JdbcInsights(SqlRunner sql, String ownChain) {
        this(sql, ownChain, BATCH);
    }

    JdbcInsights(SqlRunner sql, String ownChain, int batchSize) {
        this.sql = sql;
        this.ownChain = ownChain;
        this.batches = new InsightsBatches(sql, ownChain, batchSize);
    }

    @Override
    public Overview overview() {
        catchUp();
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
        catchUp();
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
        catchUp();
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
        catchUp();
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

    @Override
    public Counting counting() {
        return running ? new Counting(true, counted, total) : Counting.IDLE;
    }

    @Override
    public void startCounting() {
        start(null);
    }

    @Override
    public void startCounting(Executor executor) {
        start(Objects.requireNonNull(executor, "executor"));
    }

    /**
     * Stops the background counting after the batch it is on, which commits whole, and waits for that
     * batch; called on close, before the connections go. Not by interrupting: an interrupt closes H2's file.
     */
    void stop() {
        ExecutorService own;
        synchronized (lifecycle) {
            stopped = true;
            own = ownThread;
        }
        if (own != null) {
            own.shutdown();
        }
        counter.lock(); // the batch being counted, if any, holds it until it has committed or rolled back
        counter.unlock();
    }

    private void start(Executor given) {
        synchronized (lifecycle) {
            if (stopped || running) {
                return;
            }
            if (executor == null) {
                executor = given != null ? given : ownThread();
            }
            counted = 0;
            total = 0;
            running = true;
            hand(this::countFirst);
        }
    }

    private ExecutorService ownThread() {
        ownThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "consent4j-insights-" + ownChain);
            thread.setDaemon(true);
            return thread;
        });
        return ownThread;
    }

    private void hand(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            running = false; // stopped, or the executor's owner shut it down: a later question starts again
        }
    }

    /** The first background task: how many records wait, then the first batch. */
    private void countFirst() {
        if (stopped) {
            running = false;
            return;
        }
        try {
            counter.lock();
            try {
                total = batches.waiting();
            } finally {
                counter.unlock();
            }
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        countBatch();
    }

    /** One background task: one batch of the first chain with records to count, then the next task. */
    private void countBatch() {
        if (stopped) {
            running = false;
            return;
        }
        boolean more = false;
        try {
            counter.lock();
            try {
                for (String chainId : batches.chainIds()) {
                    long added = batches.countNext(chainId);
                    if (added != 0) {
                        counted += Math.max(0, added);
                        more = true;
                        break;
                    }
                }
            } finally {
                counter.unlock();
            }
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        if (more && !stopped) {
            hand(this::countBatch);
        } else {
            running = false;
        }
    }

    private void failed(RuntimeException e) {
        // What was counted stays counted; the next question starts again from the progress marks.
        LOG.warn("Counting the records for the auditor dashboard stopped after {} records: {}", counted, e.toString());
        running = false;
    }

    /**
     * Before a question: counts what waits on this thread when it is little, else starts the background
     * counting; does nothing while someone else counts, so the question never waits.
     */
    private void catchUp() {
        if (running || stopped || !counter.tryLock()) {
            return;
        }
        boolean many;
        try {
            many = batches.moreWaitingThan(INLINE);
            if (!many) {
                refresh();
            }
        } finally {
            counter.unlock();
        }
        if (many) {
            start(null);
        }
    }

    /** Adds every record not yet counted to the counters; returns how many it added. */
    long refresh() {
        counter.lock();
        try {
            long added = 0;
            for (String chainId : batches.chainIds()) {
                long n;
                while ((n = batches.countNext(chainId)) != 0) {
                    added += Math.max(0, n);
                }
            }
            return added;
        } finally {
            counter.unlock();
        }
    }
}
