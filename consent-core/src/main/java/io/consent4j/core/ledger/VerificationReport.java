/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of verifying a ledger or an export (C24): per chain, how many records were checked and
 * the first position where something is wrong, if anywhere.
 *
 * @param chains one result per chain
 * @param problems problems that belong to no single chain, such as a checkpoint with a bad signature
 * @param verifiedAt when the verification ran
 */
public record VerificationReport(List<ChainResult> chains, List<String> problems, Instant verifiedAt) {

    /** Copies the lists. */
    public VerificationReport {
        chains = List.copyOf(chains);
        problems = List.copyOf(problems);
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }

    /** Whether every chain verified and nothing else is wrong. */
    public boolean ok() {
        return problems.isEmpty() && chains.stream().allMatch(ChainResult::ok);
    }

    /** The number of records checked in all chains. */
    public long records() {
        return chains.stream().mapToLong(ChainResult::records).sum();
    }

    /** The result for one chain, if it was checked. */
    public java.util.Optional<ChainResult> chain(String chainId) {
        return chains.stream().filter(c -> c.chainId().equals(chainId)).findFirst();
    }

    /** What went wrong at a position. */
    public enum Failure {
        /** A record's content differs from what its hash covers. */
        CHANGED,
        /** A record is missing: the sequence skips, or the chain's link does not match. */
        REMOVED,
        /** A record appears that does not belong: a repeated or out-of-place sequence number. */
        INSERTED,
        /** Records are out of order: the link to the previous record does not match. */
        REORDERED,
        /** The newest records are missing: a signed checkpoint names more than the chain has. */
        TRUNCATED,
        /** The chain starts after 1 without a purge anchor that a purge record confirms. */
        UNANCHORED
    }

    /**
     * One chain's result.
     *
     * @param chainId the chain
     * @param records how many records were checked
     * @param firstSequence the first sequence number checked, 0 if none
     * @param lastSequence the last sequence number checked, 0 if none
     * @param headHash the hash of the last record, or null
     * @param failedAt the first position where something is wrong, 0 if nothing
     * @param failure what is wrong there, or null
     * @param message a sentence an auditor can read, or null
     */
    public record ChainResult(
            String chainId,
            long records,
            long firstSequence,
            long lastSequence,
            String headHash,
            long failedAt,
            Failure failure,
            String message) {

        /** Whether this chain verified. */
        public boolean ok() {
            return failure == null;
        }
    }
}
