/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.consent4j.core.ledger.ChainVerifier;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.StoredRecord;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast a chain verifies in memory ({@link ChainVerifier} over stored records: link, sequence and
 * SHA-256 of every body) against the floor, raw SHA-256 over the same body bytes. Scores are records per
 * second. Target: verification at least half the raw rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LedgerVerifyBenchmark {

    static final int RECORDS = 10_000;

    private List<StoredRecord> rows;
    private byte[][] bodies;
    private MessageDigest sha256;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        ConsentPolicy policy = LedgerBenchData.policy();
        Random random = new Random(42);
        rows = new ArrayList<>(RECORDS);
        bodies = new byte[RECORDS][];
        String previous = ConsentRecord.GENESIS_HASH;
        Instant time = Instant.parse("2026-11-22T10:00:00Z");
        for (int i = 0; i < RECORDS; i++) {
            ConsentRecord record = LedgerBenchData.place(
                    LedgerBenchData.draft(policy, ConsentId.random(random)),
                    "node-a",
                    i + 1,
                    time.plusMillis(37L * i),
                    previous,
                    random);
            StoredRecord row = StoredRecord.of(record);
            rows.add(row);
            bodies[i] = row.body().getBytes(StandardCharsets.UTF_8);
            previous = record.hash();
        }
        sha256 = MessageDigest.getInstance("SHA-256");
        VerificationReport check = chainVerifier();
        if (!check.ok() || check.records() != RECORDS) {
            throw new IllegalStateException("the benchmark chain does not verify: " + check);
        }
    }

    /** Verifies a chain of 10,000 records; the score is records per second. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public VerificationReport chainVerifier() {
        ChainVerifier verifier = new ChainVerifier(List.of());
        for (StoredRecord row : rows) {
            verifier.accept(row);
        }
        return verifier.finish(Instant.EPOCH);
    }

    /** SHA-256 of the same 10,000 bodies, already encoded; the score is bodies per second. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void rawSha256(Blackhole blackhole) {
        for (byte[] body : bodies) {
            blackhole.consume(sha256.digest(body));
        }
    }
}
