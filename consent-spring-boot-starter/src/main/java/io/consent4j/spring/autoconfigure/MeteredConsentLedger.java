/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ledger.ChainAnchor;
import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.PurgeableConsentLedger;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A ledger that counts appended records ({@code consent4j.records.appended}, tagged by event) and times
 * each append ({@code consent4j.records.append}, tagged by outcome), and otherwise hands every call to
 * the ledger it wraps. {@link #of} keeps the ability to purge when the wrapped ledger has it.
 */
class MeteredConsentLedger implements ConsentLedger {

    static final String APPENDED = "consent4j.records.appended";
    static final String APPEND = "consent4j.records.append";

    private final ConsentLedger delegate;
    private final MeterRegistry registry;
    private final Timer succeeded;
    private final Timer failed;

    MeteredConsentLedger(ConsentLedger delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        this.succeeded = Timer.builder(APPEND)
                .description("Time to append a consent record durably")
                .tag("outcome", "success")
                .register(registry);
        this.failed = Timer.builder(APPEND)
                .description("Time to append a consent record durably")
                .tag("outcome", "failure")
                .register(registry);
    }

    static ConsentLedger of(ConsentLedger ledger, MeterRegistry registry) {
        return ledger instanceof PurgeableConsentLedger purgeable
                ? new Purgeable(purgeable, registry)
                : new MeteredConsentLedger(ledger, registry);
    }

    @Override
    public ConsentRecord append(RecordContent draft) {
        long start = System.nanoTime();
        try {
            ConsentRecord record = delegate.append(draft);
            succeeded.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            Counter.builder(APPENDED)
                    .description("Consent records appended to the ledger")
                    .tag("event", record.content().event().jsonName())
                    .register(registry)
                    .increment();
            return record;
        } catch (RuntimeException e) {
            failed.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            throw e;
        }
    }

    @Override
    public void archive(ConsentPolicy policy) {
        delegate.archive(policy);
    }

    @Override
    public Optional<String> findPolicy(String contentHash) {
        return delegate.findPolicy(contentHash);
    }

    @Override
    public List<ConsentRecord> findByConsentId(ConsentId consentId) {
        return delegate.findByConsentId(consentId);
    }

    @Override
    public List<ConsentRecord> findByAccountRef(String accountRef) {
        return delegate.findByAccountRef(accountRef);
    }

    @Override
    public Stream<ConsentRecord> stream(Instant from, Instant to) {
        return delegate.stream(from, to);
    }

    @Override
    public boolean hasRecords(Instant from, Instant to) {
        return delegate.hasRecords(from, to);
    }

    @Override
    public List<Checkpoint> checkpoints() {
        return delegate.checkpoints();
    }

    @Override
    public VerificationReport verify() {
        return delegate.verify();
    }

    @Override
    public ConsentLedger unwrapped() {
        return delegate.unwrapped();
    }

    @Override
    public String chainId() {
        return delegate.chainId();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "Metered[" + delegate + "]";
    }

    /** The metered form of a ledger that can purge. */
    static final class Purgeable extends MeteredConsentLedger implements PurgeableConsentLedger {
        private final PurgeableConsentLedger purgeable;

        Purgeable(PurgeableConsentLedger delegate, MeterRegistry registry) {
            super(delegate, registry);
            this.purgeable = delegate;
        }

        @Override
        public Optional<ConsentRecord> purgeBefore(Instant cutoff) {
            return purgeable.purgeBefore(cutoff);
        }

        @Override
        public List<ChainAnchor> anchors() {
            return purgeable.anchors();
        }

        @Override
        public Optional<ConsentRecord> latestPurge() {
            return purgeable.latestPurge();
        }
    }
}
