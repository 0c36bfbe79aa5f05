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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends from 64 concurrent writers to the JDBC ledger, in records per second: group commit
 * ({@code maxBatch} 512: the writer thread commits whatever is waiting in one transaction) against one
 * transaction per record ({@code maxBatch} 1), on an embedded PostgreSQL 17 with default settings (fsync
 * and synchronous_commit on) and on an H2 file. Every append returns only after its transaction
 * committed. Targets: group commit at least 10 times one per record on the same store, and at least
 * 20,000 records/s on PostgreSQL. After each trial the chain must verify.
 *
 * <p>{@code LedgerBench} ({@code benchmarks/ledger-bench.sh}) measures the same with more detail: the
 * mean group size, the time per transaction, the disk's fsync time and the server's own insert cost.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(64)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@State(Scope.Benchmark)
public class LedgerAppendBenchmark {

    @Param({"postgresql", "h2"})
    public String store;

    @Param({"group", "single"})
    public String commit;

    private EmbeddedPostgres postgres;
    private HikariDataSource pool;
    private BenchDatabases.H2File h2;
    private JdbcConsentLedger ledger;
    private ConsentPolicy policy;

    @Setup(Level.Trial)
    public void open() throws SQLException, IOException {
        DataSource dataSource;
        JdbcDialect dialect;
        if (store.equals("postgresql")) {
            postgres = BenchDatabases.startPostgres();
            pool = BenchDatabases.postgresPool(postgres, "appends", false);
            dataSource = pool;
            dialect = JdbcDialect.POSTGRESQL;
        } else {
            h2 = new BenchDatabases.H2File();
            dataSource = h2.dataSource();
            dialect = JdbcDialect.H2;
        }
        ledger = new JdbcConsentLedger(
                dataSource, BenchDatabases.settings(commit, commit.equals("group") ? 512 : 1), dialect);
        ledger.initializeSchema();
        policy = LedgerBenchData.policy();
        ledger.archive(policy);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        try {
            VerificationReport report = ledger.verify();
            if (!report.ok()) {
                throw new IllegalStateException("the benchmark chain does not verify: " + report);
            }
            ledger.close();
        } finally {
            if (pool != null) {
                pool.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            if (h2 != null) {
                h2.close();
            }
        }
    }

    /** One writer's source of visitors. */
    @State(Scope.Thread)
    public static class Writer {
        final Random random = new Random();
    }

    /** One durable append of a typical choice. */
    @Benchmark
    public ConsentRecord append(Writer writer) {
        return ledger.append(LedgerBenchData.draft(policy, ConsentId.random(writer.random)));
    }
}
