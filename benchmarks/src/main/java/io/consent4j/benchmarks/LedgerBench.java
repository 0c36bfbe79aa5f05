/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.ledger.StoredRecord;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcDialect;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
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
                loadAverage());
        if (parts.contains("verify")) {
            verification();
        }
        if (parts.contains("appends")) {
            System.out.printf(
                    Locale.ROOT,
                    "disk: one 8 kB write + fdatasync in the temp directory takes %.0f µs (median of 200); durable"
                            + " commits cannot be faster%n",
                    fsyncMicros());
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
                        appendsOnPostgres(postgres);
                    }
                    if (stores.contains("h2")) {
                        appendsOnH2();
                    }
                }
                if (parts.contains("lookup")) {
                    lookup(postgres);
                }
            }
        }
        System.out.println("done; load average " + loadAverage() + " (other processes skew every figure)");
    }

    /** The 1, 5 and 15 minute load averages where the system tells them. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    // ---- appends ------------------------------------------------------------------------------

    private void appendsOnPostgres(EmbeddedPostgres postgres) throws SQLException {
        boolean rewrite = Boolean.parseBoolean(option("rewrite-batched-inserts", "false"));
        try (HikariDataSource pool = BenchDatabases.postgresPool(postgres, "appends", rewrite)) {
            appends("postgresql" + (rewrite ? " (reWriteBatchedInserts)" : ""), pool, JdbcDialect.POSTGRESQL);
        }
    }

    private void appendsOnH2() throws IOException {
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

    /** How long the writers run before each measured window, so that it starts in a steady state. */
    private static final Duration SETTLE = Duration.ofMillis(500);

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

    /** The machine's busy and total CPU time so far, in jiffies, from /proc/stat; zeros where there is none. */
    private static long[] cpuJiffies() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle and iowait
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
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
            long[] cpuBefore = cpuJiffies();
            ledger.startWindow();
            measuring.set(true);
            long start = System.nanoTime();
            sleep(measure);
            measuring.set(false);
            long elapsed = System.nanoTime() - start;
            ledger.endWindow();
            long[] cpuAfter = cpuJiffies();
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

    /**
     * A JDBC ledger that counts its transactions in the measured windows, to report the rate, the mean
     * group size, the time in the insert and the CPU over all of them.
     */
    private static final class CountingLedger extends JdbcConsentLedger {
        private final LongAdder batches = new LongAdder();
        private final LongAdder records = new LongAdder();
        private final LongAdder insertNanos = new LongAdder();
        private volatile boolean counting;
        private long windowStart;
        private long windowNanos;
        private long appended;
        private long appendNanos;
        private long busyJiffies;
        private long totalJiffies;

        CountingLedger(DataSource dataSource, LedgerSettings settings, JdbcDialect dialect) {
            super(dataSource, settings, dialect);
        }

        @Override
        protected void insert(List<ConsentRecord> batch, List<StoredRecord> stored) {
            long start = System.nanoTime();
            super.insert(batch, stored);
            if (counting) {
                insertNanos.add(System.nanoTime() - start);
                batches.increment();
                records.add(batch.size());
            }
        }

        void startWindow() {
            windowStart = System.nanoTime();
            counting = true;
        }

        void endWindow() {
            counting = false;
            windowNanos += System.nanoTime() - windowStart;
        }

        void addWindow(long appendedInWindow, long elapsedNanos, long busy, long total) {
            appended += appendedInWindow;
            appendNanos += elapsedNanos;
            busyJiffies += busy;
            totalJiffies += total;
        }

        /** Records per second over all measured windows. */
        double rate() {
            return appendNanos == 0 ? Double.NaN : appended / (appendNanos / 1e9);
        }

        /** The share of the measured time that the writer spent in the store's insert. */
        double insertShare() {
            return windowNanos == 0 ? Double.NaN : insertNanos.sum() / (double) windowNanos;
        }

        /** The mean time of one insert (one transaction), in milliseconds. */
        double meanInsertMillis() {
            long n = batches.sum();
            return n == 0 ? 0 : insertNanos.sum() / 1e6 / n;
        }

        double meanBatch() {
            long n = batches.sum();
            return n == 0 ? 0 : (double) records.sum() / n;
        }

        /** How many of the machine's cores were busy on average in the windows (all processes). */
        double busyCores() {
            return totalJiffies <= 0
                    ? Double.NaN
                    : busyJiffies / (double) totalJiffies * Runtime.getRuntime().availableProcessors();
        }

        /** CPU time of all processes per appended record; jiffies are 1/100 s on Linux. */
        double cpuMicrosPerRecord() {
            return appended == 0 ? Double.NaN : busyJiffies * 10_000.0 / appended;
        }
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

    // ---- plumbing -----------------------------------------------------------------------------

    /** The median time of writing 8 kB and forcing it to the disk, as a database commit does. */
    private static double fsyncMicros() throws IOException {
        Path file = Files.createTempFile("consent4j-fsync", ".probe");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer page = ByteBuffer.allocate(8192);
            long[] nanos = new long[200];
            for (int i = 0; i < nanos.length; i++) {
                page.clear();
                long start = System.nanoTime();
                channel.write(page, (i % 16) * 8192L);
                channel.force(false);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            return nanos[nanos.length / 2] / 1e3;
        } finally {
            Files.delete(file);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
