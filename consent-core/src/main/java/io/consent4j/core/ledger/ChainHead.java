/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The head of the chain a ledger appends to, as its writer knows it: the last record's sequence number,
 * hash and time, and whether that is known to be what the store holds. Only the writer reads and writes
 * it, under the ledger's write lock.
 */
final class ChainHead {

    /** What became of a group whose storing failed. */
    enum Outcome {
        STORED,
        NOT_STORED,
        UNKNOWN
    }

    long sequence;
    String hash = ConsentRecord.GENESIS_HASH;
    Instant time = Instant.EPOCH;
    /**
     * False after a group failed in a way that leaves the stored head in doubt (the store could not be
     * asked, or holds a head this ledger did not write); the next group reads the head from the store
     * before it places a record, so that the chain goes on from what is stored, never from a guess.
     */
    boolean known = true;

    /** Takes the head from the store's last record; keeps the genesis head while the chain has none. */
    void load(Optional<StoredRecord> last) {
        last.ifPresent(record -> {
            sequence = record.sequence();
            hash = record.hash();
            time = record.toRecord().recordedAt();
        });
    }

    /** The head after a group that is stored. */
    void advance(long lastSequence, String lastHash, Instant lastTime) {
        sequence = lastSequence;
        hash = lastHash;
        time = lastTime;
    }

    /**
     * After a group failed, asks the store for the chain's last record: the group is stored when that is
     * the group's last record (a commit that went through but whose answer was lost), and not stored when
     * it is this head, the one the group was placed after. Any other answer, or none, leaves {@link #known}
     * false, so that the next group goes on from the store's head.
     */
    Outcome afterFailure(Supplier<Optional<StoredRecord>> lastRecord, long groupLastSequence, String groupLastHash) {
        Optional<StoredRecord> last;
        try {
            last = lastRecord.get();
        } catch (RuntimeException e) {
            known = false;
            return Outcome.UNKNOWN;
        }
        long storedSequence = last.map(StoredRecord::sequence).orElse(0L);
        String storedHash = last.map(StoredRecord::hash).orElse(ConsentRecord.GENESIS_HASH);
        if (storedSequence == groupLastSequence && storedHash.equals(groupLastHash)) {
            return Outcome.STORED;
        }
        // A head that is neither ours nor the group's: another writer on this chain; the group is not there.
        known = storedSequence == sequence && storedHash.equals(hash);
        return Outcome.NOT_STORED;
    }
}
