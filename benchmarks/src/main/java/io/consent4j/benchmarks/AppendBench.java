/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcDialect;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The {@code appends} part of {@link LedgerBench}: durable appends from concurrent writers, group commit
 * against one transaction per record, in alternating windows on the same database, and on PostgreSQL the
 * server's own insert cost as the ceiling of their ratio.
 */
final class AppendBench {

    /** How long the writers run before each measured window, so that it starts in a steady state. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    private final Options options;
    private final ConsentPolicy policy;

    AppendBench(Options options, ConsentPolicy policy) {
        this.options = options;
        this.policy = policy;
    }

    private String option(String name, String fallback) {
        return options.get(name, fallback);
    }

    private int intOption(String name, int fallback) {
        return options.getInt(name, fallback);
    }

    void appendsOnPostgres(EmbeddedPostgres postgres) throws SQLException {
        boolean rewrite = Boolean.parseBoolean(option("rewrite-batched-inserts", "false"));
        try (HikariDataSource pool = BenchDatabases.postgresPool(postgres, "appends", rewrite)) {
            appends("postgresql" + (rewrite ? " (reWriteBatchedInserts)" : ""), pool, JdbcDialect.POSTGRESQL);
        }
    }

    void appendsOnH2() throws IOException {
        try (BenchDatabases.H2File h2 = new BenchDatabases.H2File()) {
            appends("h2 file", h2.dataSource(), JdbcDialect.H2);
        }
    }

    private void appends(String store, DataSource dataSource, JdbcDialect dialect) {
        int writers = intOption("writers", 64);
        Duration warmup = Duration.ofSeconds(intOption("warmup", 5));
        Duration measure = Duration.ofSeconds(intOption("seconds", 8));
        int rounds = intOption("rounds", 4);
        if (rounds < 1 || measure.dividedBy(rounds).toMillis() < 500) {
            throw new IllegalArgumentException("--rounds must be at least 1 and leave at least 0.5 s of --seconds to"
                    + " each round; was " + rounds + " for " + measure.toSeconds() + " s");
        }
        boolean both = !option("modes", "group,single").equals("group");
        new JdbcConsentLedger(dataSource, BenchDatabases.settings("schema", 512), dialect).initializeSchema();
        try (CountingLedger group = new CountingLedger(dataSource, BenchDatabases.settings("group", 512), dialect);
                CountingLedger single =
                        both ? new CountingLedger(dataSource, BenchDatabases.settings("single", 1), dialect) : null) {
            List<CountingLedger> ledgers = both ? List.of(group, single) : List.of(group);
            for (CountingLedger ledger : ledgers) {
                ledger.archive(policy);
                appendRate(ledger, writers, warmup, Duration.ZERO);
            }
            // The machine's speed drifts by a third within minutes, so both modes are measured in alternating
            // windows (group, single, single, group, ...): a drift then falls on both alike.
            Duration window = measure.dividedBy(rounds);
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double groupRate = 0;
                double singleRate = 0;
                List<CountingLedger> order = new ArrayList<>(ledgers);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (CountingLedger ledger : order) {
                    double rate = appendRate(ledger, writers, SETTLE, window);
                    if (ledger == group) {
                        groupRate = rate;
                    } else {
                        singleRate = rate;
                    }
                }
                if (both) {
                    ratios.add(groupRate / singleRate);
                    System.out.printf(
                            Locale.ROOT,
                            "appends  %-36s round %d of %d: group commit %,8.0f, one per record %,6.0f records/s,"
                                    + " %.1fx%n",
                            store,
                            round + 1,
                            rounds,
                            groupRate,
                            singleRate,
                            groupRate / singleRate);
                }
            }
            print("appends", store, "group commit (maxBatch 512)", writers, group);
            if (!both) {
                verifyChains(group);
                return;
            }
            print("appends", store, "one transaction per record (maxBatch 1)", writers, single);
            Collections.sort(ratios);
            System.out.printf(
                    Locale.ROOT,
                    "appends  %-36s group commit / one per record = %.1fx (target >= 10x); rounds %.1fx to %.1fx,"
                            + " median %.1fx%n",
                    store,
                    group.rate() / single.rate(),
                    ratios.get(0),
                    ratios.get(ratios.size() - 1),
                    median(ratios));
            verifyChains(group, single);
            if (dialect == JdbcDialect.POSTGRESQL) {
                insertCeiling(store, dataSource, single.meanInsertMillis());
            }
        }
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void verifyChains(CountingLedger... ledgers) {
        for (CountingLedger ledger : ledgers) {
            VerificationReport report = ledger.verify();
            if (!report.ok()) {
                throw new IllegalStateException("the benchmark chain does not verify: " + report);
            }
        }
    }

    /**
     * How far group commit can get ahead of one transaction per record on this database at all: the
     * server's own cost of inserting one record (no client, no network: {@code INSERT … SELECT} of 50,000
     * records of the same size into a table with the same columns and indexes) against the time of a
     * one-record transaction. Whatever the group size, group commit cannot store records faster than the
     * server inserts them, so their quotient bounds the ratio.
     */
    private void insertCeiling(String store, DataSource dataSource, double singleMillis) {
        String body = RecordJson.canonicalBody(LedgerBenchData.place(
                LedgerBenchData.draft(policy, ConsentId.random(new Random(1))),
                "probe",
                1,
                Instant.now(),
                ConsentRecord.GENESIS_HASH,
                new Random(1)));
        int rows = 50_000;
        double best = Double.MAX_VALUE;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS insert_probe");
            statement.execute("CREATE TABLE insert_probe (LIKE consent_record INCLUDING ALL)");
            try (var insert = connection.prepareStatement("INSERT INTO insert_probe SELECT 'probe', g,"
                    + " md5(g::text), now(), substr(md5(random()::text), 1, 22), NULL, 'given', ? || g,"
                    + " repeat('0', 64), repeat('1', 64) FROM generate_series(?, ?) g")) {
                for (int round = 0; round < 3; round++) {
                    insert.setString(1, body.substring(0, body.length() - 8));
                    insert.setLong(2, (long) round * rows + 1);
                    insert.setLong(3, (long) (round + 1) * rows);
                    long start = System.nanoTime();
                    insert.executeUpdate();
                    best = Math.min(best, (System.nanoTime() - start) / 1e3 / rows);
                }
            }
            statement.execute("DROP TABLE insert_probe");
        } catch (SQLException e) {
            System.out.println("appends  " + store + " could not probe the server's insert cost: " + e);
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "appends  %-36s ceiling: the server inserts one %d-byte record in %.1f µs (best of 3 x %,d,"
                        + " INSERT … SELECT, same indexes); a one-record transaction takes %.3f ms, so no group"
                        + " size can exceed %.1fx here%n",
                store,
                body.length(),
                best,
                rows,
                singleMillis,
                singleMillis * 1000 / best);
    }

    private void print(String what, String store, String mode, int writers, CountingLedger ledger) {
        System.out.printf(
                Locale.ROOT,
                "%-8s %-36s %-42s %d writers %,10.0f records/s  (mean batch %.1f, %.2f ms per transaction,"
                        + " writer in insert %.0f%% of the time; %.2f cores busy, %.0f µs of CPU per record"
                        + " in all processes)%n",
                what,
                store,
                mode,
                writers,
                ledger.rate(),
                ledger.meanBatch(),
                ledger.meanInsertMillis(),
                ledger.insertShare() * 100,
                ledger.busyCores(),
                ledger.cpuMicrosPerRecord());
    }

    /**
     * Appends from {@code writers} threads for {@code warmup}, then counts for {@code measure} (nothing for
     * zero); the rate in that window. The ledger adds the window to its totals.
     */
    private double appendRate(CountingLedger ledger, int writers, Duration warmup, Duration measure) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean measuring = new AtomicBoolean();
        LongAdder appended = new LongAdder();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(() -> {
                Random random = new Random();
                while (!stop.get()) {
                    try {
                        ledger.append(LedgerBenchData.draft(policy, ConsentId.random(random)));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        stop.set(true);
                    }
                    if (measuring.get()) {
                        appended.increment();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        sleep(warmup);
        double rate = Double.NaN;
        if (!measure.isZero()) {
            long[] cpuBefore = MachineStats.cpuJiffies();
            ledger.startWindow();
            measuring.set(true);
            long start = System.nanoTime();
            sleep(measure);
            measuring.set(false);
            long elapsed = System.nanoTime() - start;
            ledger.endWindow();
            long[] cpuAfter = MachineStats.cpuJiffies();
            ledger.addWindow(appended.sum(), elapsed, cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1]);
            rate = appended.sum() / (elapsed / 1e9);
        }
        stop.set(true);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return rate;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
