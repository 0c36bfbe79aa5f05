/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.util.Objects;

/**
 * A record as a store keeps it: its place in the chain, its canonical body (see {@link RecordJson})
 * and its hashes. Verification works on these, without parsing the body.
 *
 * @param chainId the chain
 * @param sequence the position in the chain
 * @param body the canonical JSON body
 * @param previousHash the stored hash of the record before
 * @param hash the stored hash of this record
 */
public record StoredRecord(String chainId, long sequence, String body, String previousHash, String hash) {

    /** Checks that every part is present. */
    public StoredRecord {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The stored form of {@code record}. */
    public static StoredRecord of(ConsentRecord record) {
        return new StoredRecord(
                record.chainId(),
                record.sequence(),
                RecordJson.canonicalBody(record),
                record.previousHash(),
                record.hash());
    }

    /** Parses the body back into a record. */
    public ConsentRecord toRecord() {
        return RecordJson.parse(body, previousHash, hash);
    }
}
