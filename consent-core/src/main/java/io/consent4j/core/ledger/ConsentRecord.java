/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One event in the consent ledger, the proof of a choice (C21, C22): its {@linkplain RecordContent content}
 * placed in a chain. Records are append-only and form one hash chain per writer: {@code hash} is the
 * SHA-256 of {@code previousHash}, a newline and the record's canonical JSON (see {@link RecordJson}), so
 * that any change, removal, insertion or reordering shows when the chain is verified (C24).
 *
 * @param id a random id of this record
 * @param chainId the chain (one per writing process or node)
 * @param sequence the position in the chain, from 1
 * @param recordedAt the server's UTC time, millisecond precision
 * @param content what the record says: who did what, how, where, under which policy
 * @param previousHash the hash of the record before it in the chain; 64 zeros for the first
 * @param hash this record's hash
 */
public record ConsentRecord(
        String id,
        String chainId,
        long sequence,
        Instant recordedAt,
        RecordContent content,
        String previousHash,
        String hash) {

    /** The previous hash of a chain's first record. */
    public static final String GENESIS_HASH = "0".repeat(64);

    /** Checks that every part is present. */
    public ConsentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chainId, "chainId");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
        }
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
