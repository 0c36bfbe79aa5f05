/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcDialect;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Measures the JDBC ledger and prints its figures; every part is bounded in time. Run it through
 * {@code benchmarks/ledger-bench.sh}, or {@code java -cp benchmarks/target/benchmarks.jar
 * io.consent4j.benchmarks.LedgerBench [options]}.
 *
 * <ul>
 *   <li>{@code appends}: durable appends from 64 concurrent writers, group commit (default
 *       {@code maxBatch}) against one transaction per record ({@code maxBatch(1)}), on an embedded
 *       PostgreSQL and on an H2 file, each pair on the same database in the same run. The two modes take
 *       turns in {@code --rounds} windows each (group, single, single, group, ...), so that a drift of the
 *       machine's speed falls on both alike; each round's ratio is printed, then the ratio over all rounds.
 *       Targets: group commit at least 10 times one-per-record, and at least 20,000 records/s on
 *       PostgreSQL.
 *   <li>{@code verify}: {@link LedgerVerifyBenchmark} (JMH) — the chain verifier in memory against raw
 *       SHA-256 over the same bodies. Target: at least half the raw rate.
 *   <li>{@code lookup}: one consent id among 1,000,000 records in PostgreSQL (loaded with COPY, a valid
 *       chain), through {@code findByConsentId}. Target: median at most 2 ms. Also times a full
 *       {@code verify()} of those records from the database.
 * </ul>
 *
 * <p>Options: {@code --only=appends,verify,lookup}, {@code --seconds=8} (measured per mode and store,
 * after {@code --warmup=5}, split into {@code --rounds=4}), {@code --writers=64},
 * {@code --records=1000000}, {@code --lookups=2000}, {@code --rewrite-batched-inserts=false} (the
 * PostgreSQL driver's multi-row insert rewriting; the ledger inserts a group as one statement anyway),
 * {@code --stores=postgresql,h2}, {@code --modes=group,single}.
 */
public final class LedgerBench {

    /** The options {@link #main} takes, each as {@code --name=value}. */
    private static final Set<String> OPTIONS = Set.of(
            "only",
            "seconds",
            "rounds",
            "warmup",
            "writers",
            "records",
            "lookups",
            "rewrite-batched-inserts",
            "stores",
            "modes");

    private final Options options;
    private final ConsentPolicy policy = LedgerBenchData.policy();

    private LedgerBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new LedgerBench(Options.parse(args, OPTIONS)).run();
    }

    private String option(String name, String fallback) {
        return options.get(name, fallback);
    }

    private int intOption(String name, int fallback) {
        return options.getInt(name, fallback);
    }

    private void run() throws Exception {
        Set<String> parts = Set.of(option("only", "appends,verify,lookup").split(","));
        System.out.printf(
                Locale.ROOT,
                "consent4j ledger benchmark: Java %s, %d cores, %s, load average %s%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                MachineStats.loadAverage());
        if (parts.contains("verify")) {
            verification();
        }
        if (parts.contains("appends")) {
            System.out.printf(
                    Locale.ROOT,
                    "disk: one 8 kB write + fdatasync in the temp directory takes %.0f µs (median of 200); durable"
                            + " commits cannot be faster%n",
                    MachineStats.fsyncMicros());
        }
        if (parts.contains("appends") || parts.contains("lookup")) {
            System.out.println("starting an embedded PostgreSQL server…");
            try (EmbeddedPostgres postgres = BenchDatabases.startPostgres()) {
                System.out.println(
                        "PostgreSQL " + BenchDatabases.serverVersion(postgres) + " on port " + postgres.getPort());
                if (parts.contains("appends")) {
                    Set<String> stores =
                            Set.of(option("stores", "postgresql,h2").split(","));
                    if (stores.contains("postgresql")) {
                        new AppendBench(options, policy).appendsOnPostgres(postgres);
                    }
                    if (stores.contains("h2")) {
                        new AppendBench(options, policy).appendsOnH2();
                    }
                }
                if (parts.contains("lookup")) {
                    lookup(postgres);
                }
            }
        }
        System.out.println("done; load average " + MachineStats.loadAverage() + " (other processes skew every figure)");
    }

    // ---- verification -------------------------------------------------------------------------

    private void verification() throws RunnerException {
        System.out.println("verify: JMH " + LedgerVerifyBenchmark.class.getSimpleName() + " (1 fork, 3x2 s warm-up,"
                + " 5x2 s measured), " + LedgerVerifyBenchmark.RECORDS + " records per operation…");
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(LedgerVerifyBenchmark.class.getName().replace(".", "\\.") + "\\.")
                        .verbosity(VerboseMode.SILENT)
                        .build())
                .run();
        Map<String, double[]> scores = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1), new double[] {
                result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()
            });
        }
        double[] verifier = scores.get("chainVerifier");
        double[] raw = scores.get("rawSha256");
        System.out.printf(
                Locale.ROOT,
                "verify   ChainVerifier in memory           %,12.0f ± %,.0f records/s%n",
                verifier[0],
                verifier[1]);
        System.out.printf(
                Locale.ROOT, "verify   raw SHA-256 of the same bodies     %,12.0f ± %,.0f bodies/s%n", raw[0], raw[1]);
        System.out.printf(Locale.ROOT, "verify   verifier / raw = %.2f (target >= 0.50)%n", verifier[0] / raw[0]);
    }

    // ---- lookup -------------------------------------------------------------------------------

    private void lookup(EmbeddedPostgres postgres) throws SQLException, IOException {
        int count = intOption("records", 1_000_000);
        int lookups = intOption("lookups", 2_000);
        try (HikariDataSource pool = BenchDatabases.postgresPool(postgres, "lookup", false)) {
            JdbcConsentLedger ledger =
                    new JdbcConsentLedger(pool, BenchDatabases.settings("reader", 512), JdbcDialect.POSTGRESQL);
            ledger.initializeSchema();
            ledger.archive(policy);
            long start = System.nanoTime();
            List<ConsentId> sample = BenchDatabases.bulkLoad(pool, policy, count, lookups);
            System.out.printf(
                    Locale.ROOT,
                    "lookup   loaded %,d records of one valid chain with COPY in %.1f s (with indexes)%n",
                    count,
                    (System.nanoTime() - start) / 1e9);

            for (int i = 0; i < Math.min(500, sample.size()); i++) {
                ledger.findByConsentId(sample.get(i)); // warm-up: pool, prepared statements, JIT
            }
            long[] nanos = new long[sample.size()];
            for (int i = 0; i < sample.size(); i++) {
                long before = System.nanoTime();
                List<ConsentRecord> found = ledger.findByConsentId(sample.get(i));
                nanos[i] = System.nanoTime() - before;
                if (found.size() != 1) {
                    throw new IllegalStateException("expected one record of " + sample.get(i) + ", found " + found);
                }
            }
            Arrays.sort(nanos);
            System.out.printf(
                    Locale.ROOT,
                    "lookup   findByConsentId among %,d records: median %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms"
                            + " (%,d lookups; target median <= 2 ms)%n",
                    count,
                    nanos[nanos.length / 2] / 1e6,
                    nanos[nanos.length * 9 / 10] / 1e6,
                    nanos[nanos.length * 99 / 100] / 1e6,
                    nanos[nanos.length - 1] / 1e6,
                    nanos.length);

            start = System.nanoTime();
            VerificationReport report = ledger.verify();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "lookup   verify() of all %,d records from PostgreSQL: %s in %.1f s = %,.0f records/s%n",
                    report.records(),
                    report.ok() ? "ok" : "FAILED " + report,
                    seconds,
                    report.records() / seconds);
            ledger.close();
        }
    }
}
