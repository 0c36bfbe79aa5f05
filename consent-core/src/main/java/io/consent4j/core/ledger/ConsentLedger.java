/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where consent records live: append-only, one hash chain per writer, with the policies they refer to
 * archived beside them (C21 to C26). Every implementation must pass the contract test suite
 * {@code ConsentLedgerContract} shipped in consent-core's test jar.
 *
 * <p>All methods are thread-safe. Stores: {@link InMemoryConsentLedger} for tests, and the JDBC store
 * for H2 (the embedded default), PostgreSQL and MySQL/MariaDB.
 */
public interface ConsentLedger extends AutoCloseable {

    /**
     * Appends a record to this writer's chain. When it returns, the record is durable (committed, and
     * for file stores on disk); concurrent appends may share one transaction. When it throws, the record
     * was not stored and nothing else was changed, unless the exception says that the record may or may
     * not be stored: then the wait for the store ended first, after {@link LedgerSettings#appendTimeout()}
     * or an interrupt, and the record may still be stored.
     *
     * @return the stored record, with its id, chain, sequence number, time and hashes
     * @throws LedgerException when the record could not be stored, or not within the append timeout
     * @throws IllegalStateException when the content's policy was not {@linkplain #archive archived} first,
     *     or the ledger is closed
     */
    ConsentRecord append(RecordContent content);

    /**
     * Stores the policy's canonical text under its content hash, once; later calls for the same policy do
     * nothing. Every record's policy hash must resolve (C22), so archive a policy before recording under it.
     */
    void archive(ConsentPolicy policy);

    /** The canonical JSON of the archived policy with this content hash; empty when none is. */
    Optional<String> findPolicy(String contentHash);

    /** Every record of a consent id, oldest first; empty when there is none. */
    List<ConsentRecord> findByConsentId(ConsentId consentId);

    /** Every record of an account reference (see {@link AccountReferences}), oldest first; empty when none. */
    List<ConsentRecord> findByAccountRef(String accountRef);

    /**
     * The records with {@code from <= time < to}, oldest first, read lazily: never all in memory. The
     * stream holds resources (a connection, a cursor): close it, best with try-with-resources.
     */
    Stream<ConsentRecord> stream(Instant from, Instant to);

    /**
     * Whether any record has {@code from <= time < to}; false when {@code from} is not before {@code to}.
     * An export asks it to learn whether it starts at the ledger's start and reaches its head. The default
     * reads the first record of {@link #stream}; a store should answer it with one cheap query.
     */
    default boolean hasRecords(Instant from, Instant to) {
        try (Stream<ConsentRecord> records = stream(from, to)) {
            return records.findAny().isPresent();
        }
    }

    /**
     * Counts for the auditor dashboard. The default reads the records once per question; a store with a
     * database should answer from it (the JDBC store keeps counters).
     */
    default LedgerInsights insights() {
        return LedgerInsights.byIteration(this);
    }

    /** The signed checkpoints, oldest first. */
    List<Checkpoint> checkpoints();

    /** Verifies every chain against its hashes, the signed checkpoints and the purge anchors (C24). */
    VerificationReport verify();

    /** The chain this ledger appends to. */
    String chainId();

    /**
     * The ledger beneath this one when it only decorates another (a metrics wrapper, say), else this
     * ledger. consent4j asks it to find the store itself, such as the JDBC ledger whose database also
     * holds the cookie inventory. A decorator returns its delegate's {@code unwrapped()}.
     */
    default ConsentLedger unwrapped() {
        return this;
    }

    /** Writes a final checkpoint and releases resources; appends after closing fail. */
    @Override
    void close();
}
