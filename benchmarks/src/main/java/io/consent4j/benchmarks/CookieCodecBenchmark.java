/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.DecodedCookie;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What writing and reading the signed consent cookie costs, for the largest cookie of the benchmark
 * policy: every optional category and service granted. {@code encode} runs once per saved choice,
 * {@code verify} on every request the decider's cache misses.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CookieCodecBenchmark {

    private ConsentPolicy policy;
    private CookieConsentCodec codec;
    private Consent consent;
    private String value;

    @Setup(Level.Trial)
    public void setUp() {
        policy = Fixtures.policy();
        codec = Fixtures.codec();
        consent = Fixtures.consent(1, true);
        value = codec.encode(consent, policy);
        if (!codec.verify(value, policy).isGenuine()) {
            throw new IllegalStateException("the benchmark's cookie should verify: " + value);
        }
    }

    @Benchmark
    public String encode() {
        return codec.encode(consent, policy);
    }

    @Benchmark
    public DecodedCookie verify() {
        return codec.verify(value, policy);
    }
}
