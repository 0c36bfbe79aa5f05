/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcDialect;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a large ledger on an embedded PostgreSQL 17 that holds one valid chain of {@code records}
 * (default 1,000,000) records, loaded with COPY before the trial (about a minute):
 *
 * <ul>
 *   <li>{@code lookup}: {@code findByConsentId} of one of 2,000 consent ids spread over the chain, in
 *       milliseconds per call (sample time, so the table shows the median). Target: median at most 2 ms.
 *   <li>{@code exportNdjson}: streaming {@value #EXPORT} consecutive records of a time range with
 *       {@code stream(from, to)} and writing each as an NDJSON line ({@code RecordJson.line}) to a
 *       discarding stream, as the auditor export does; the score is per record (so records/s is its
 *       inverse).
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@State(Scope.Benchmark)
public class LedgerQueryBenchmark {

    static final int EXPORT = 20_000;

    @Param({"1000000"})
    public int records;

    private EmbeddedPostgres postgres;
    private HikariDataSource pool;
    private JdbcConsentLedger ledger;
    private List<ConsentId> sample;
    private int next;

    @Setup(Level.Trial)
    public void load() throws SQLException {
        postgres = BenchDatabases.startPostgres();
        pool = BenchDatabases.postgresPool(postgres, "query", false);
        ledger = new JdbcConsentLedger(pool, BenchDatabases.settings("reader", 512), JdbcDialect.POSTGRESQL);
        ledger.initializeSchema();
        ConsentPolicy policy = LedgerBenchData.policy();
        ledger.archive(policy);
        sample = BenchDatabases.bulkLoad(pool, policy, records, 2_000);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        ledger.close();
        pool.close();
        postgres.close();
    }

    /** One consent id's records among all of them. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<ConsentRecord> lookup() {
        List<ConsentRecord> found = ledger.findByConsentId(sample.get(next++ % sample.size()));
        if (found.size() != 1) {
            throw new IllegalStateException("expected one record, found " + found.size());
        }
        return found;
    }

    /** {@value #EXPORT} records of a time range as NDJSON, from a different place of the chain each time. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(EXPORT)
    public long exportNdjson() throws IOException {
        long first = 1 + (long) (next++ % (records / EXPORT)) * EXPORT;
        Instant from = BenchDatabases.bulkTime(first);
        Instant to = BenchDatabases.bulkTime(first + EXPORT);
        CountingStream bytes = new CountingStream();
        long lines = 0;
        try (Stream<ConsentRecord> range = ledger.stream(from, to);
                Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            for (Iterator<ConsentRecord> it = range.iterator(); it.hasNext(); lines++) {
                out.write(RecordJson.line(it.next()));
                out.write('\n');
            }
        }
        if (lines != EXPORT) {
            throw new IllegalStateException("expected " + EXPORT + " records in the range, got " + lines);
        }
        return bytes.count;
    }

    /** Counts what is written and keeps none of it. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
