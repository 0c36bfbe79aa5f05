/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.ledger.VerificationReport.ChainResult;
import io.consent4j.core.ledger.VerificationReport.Failure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies hash chains record by record, without holding them in memory: add the signed checkpoints
 * first, then feed each chain's records in sequence order (chains may interleave), then call
 * {@link #finish}. Used by every
 * ledger and by the offline verifier. Not thread-safe.
 *
 * <p>Per chain it reports the first position where a record was changed, removed, inserted or
 * reordered, where the newest records are missing although a signed checkpoint names them, or where a
 * purged chain starts without a confirmed anchor.
 */
public final class ChainVerifier {

    private final Map<String, ChainAnchor> anchors;
    private final Map<String, State> chains = new LinkedHashMap<>();
    /** Per chain, every anchor some purge record names: nodes take turns purging, so there may be several. */
    private final Map<String, Set<String>> confirmedAnchors = new HashMap<>();

    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final Set<String> checkpointSequences = new java.util.HashSet<>();
    private final List<String> problems = new ArrayList<>();

    /** A verifier that knows the anchors left by the retention purge. */
    public ChainVerifier(Collection<ChainAnchor> anchors) {
        this.anchors = new HashMap<>();
        anchors.forEach(a -> this.anchors.put(a.chainId(), a));
    }

    /** Checks the next record of its chain. */
    public void accept(StoredRecord row) {
        State state = chains.computeIfAbsent(row.chainId(), this::start);
        if (row.body().contains("\"event\":\"purge\"")) {
            notePurge(row);
        }
        state.records++;
        if (state.failure != null) {
            return;
        }
        if (state.first == 0) {
            state.first = row.sequence();
            if (row.sequence() != state.expected && !state.segment) {
                if (state.expected == 1) {
                    // Purged without a known anchor: checked in finish() once all purge records are seen.
                    state.expected = row.sequence();
                    state.previous = row.previousHash();
                    state.unanchored = true;
                }
            }
        }
        if (row.sequence() < state.expected) {
            state.fail(state.expected, Failure.INSERTED, "record " + row.sequence() + " appears again or out of place");
            return;
        }
        if (row.sequence() > state.expected) {
            state.fail(
                    state.expected,
                    Failure.REMOVED,
                    "record " + state.expected + " is missing (next found: " + row.sequence() + ")");
            return;
        }
        long bodySequence = number(row.body(), ",\"seq\":");
        if (bodySequence != row.sequence() || !row.body().contains("\"chain\":\"" + row.chainId() + "\"")) {
            Failure failure = bodySequence > 0 && bodySequence < row.sequence() ? Failure.INSERTED : Failure.REORDERED;
            state.fail(
                    row.sequence(),
                    failure,
                    "record " + row.sequence() + " holds the content of record " + bodySequence);
            return;
        }
        if (!row.previousHash().equals(state.previous)) {
            state.fail(
                    row.sequence(),
                    Failure.REORDERED,
                    "record " + row.sequence() + " does not follow record " + (row.sequence() - 1)
                            + " (reordered or a record removed)");
            return;
        }
        if (!RecordJson.hash(state.previous, row.body()).equals(row.hash())) {
            state.fail(
                    row.sequence(),
                    Failure.CHANGED,
                    "record " + row.sequence() + " was changed: its hash does not match its content");
            return;
        }
        state.previous = row.hash();
        state.last = row.sequence();
        state.expected = row.sequence() + 1;
        if (checkpointSequences.contains(row.chainId() + ":" + row.sequence())) {
            state.hashes.put(row.sequence(), row.hash());
        }
    }

    /** Checks a row whose indexed columns are stored beside the body: each must match the body. */
    public void accept(StoredRecord row, Map<String, String> indexedColumns) {
        State state = chains.computeIfAbsent(row.chainId(), this::start);
        if (state.failure == null) {
            for (Map.Entry<String, String> column : indexedColumns.entrySet()) {
                String value = column.getValue();
                boolean inBody = value == null
                        ? !row.body().contains("\"" + column.getKey() + "\":")
                        : row.body().contains("\"" + column.getKey() + "\":\"" + value + "\"");
                if (!inBody) {
                    state.records++;
                    state.fail(
                            row.sequence(),
                            Failure.CHANGED,
                            "record " + row.sequence() + " was changed: its " + column.getKey()
                                    + " column differs from its content");
                    return;
                }
            }
        }
        accept(row);
    }

    /**
     * Declares that the records of {@code chainId} start mid-chain, as in an export of a time range: the
     * first record fed must be {@code firstSequence} and follow {@code previousHash}. Checkpoints past the
     * last record fed are not held against such a segment.
     */
    public void segment(String chainId, long firstSequence, String previousHash) {
        State state = chains.computeIfAbsent(chainId, this::start);
        state.expected = firstSequence;
        state.previous = previousHash;
        state.segment = true;
    }

    /** Adds a signed checkpoint, already checked for its signature; add them before the records. */
    public void checkpoint(Checkpoint checkpoint) {
        checkpoints.add(checkpoint);
        checkpointSequences.add(checkpoint.chainId() + ":" + checkpoint.sequence());
    }

    /** Notes a problem that belongs to no chain, such as a checkpoint whose signature does not verify. */
    public void problem(String problem) {
        problems.add(problem);
    }

    private State start(String chainId) {
        State state = new State(chainId);
        ChainAnchor anchor = anchors.get(chainId);
        if (anchor != null) {
            state.expected = anchor.sequence() + 1;
            state.previous = anchor.hash();
            state.anchor = anchor;
        }
        return state;
    }

    private void notePurge(StoredRecord row) {
        try {
            ConsentRecord purge = row.toRecord();
            purge.details().forEach((key, value) -> {
                if (key.startsWith("anchor.")) {
                    confirmedAnchors
                            .computeIfAbsent(key.substring("anchor.".length()), chain -> new java.util.HashSet<>())
                            .add(value);
                }
            });
        } catch (RuntimeException e) {
            // A purge record that cannot be read confirms nothing; its own hash check reports it.
        }
    }

    private static long number(String body, String key) {
        int at = body.indexOf(key);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        for (int i = at + key.length();
                i < body.length() && Character.isDigit(body.charAt(i)) && value < Long.MAX_VALUE / 10;
                i++) {
            value = value * 10 + (body.charAt(i) - '0');
        }
        return value;
    }

    /** The report: every chain seen, with the checkpoints and anchors taken into account. */
    public VerificationReport finish(Instant now) {
        for (Checkpoint checkpoint : checkpoints) {
            State state = chains.computeIfAbsent(checkpoint.chainId(), this::start);
            if (state.failure != null) {
                continue;
            }
            if (state.segment && state.last < checkpoint.sequence()) {
                continue;
            }
            if (state.last < checkpoint.sequence()) {
                state.fail(
                        state.last + 1,
                        Failure.TRUNCATED,
                        "records " + (state.last + 1) + " to " + checkpoint.sequence()
                                + " are missing: a checkpoint signed at "
                                + RecordJson.formatTime(checkpoint.createdAt()) + " names them");
            } else {
                String hash = state.hashes.get(checkpoint.sequence());
                if (hash != null && !hash.equals(checkpoint.headHash())) {
                    state.fail(
                            checkpoint.sequence(),
                            Failure.CHANGED,
                            "record " + checkpoint.sequence()
                                    + " differs from the one a signed checkpoint names (chain rewritten)");
                }
            }
        }
        List<ChainResult> results = new ArrayList<>();
        for (State state : chains.values()) {
            if (state.failure == null && state.first > 1 && !state.segment) {
                Set<String> confirmed = confirmedAnchors.getOrDefault(state.chainId, Set.of());
                if (state.unanchored || state.anchor == null) {
                    state.fail(
                            state.first,
                            Failure.UNANCHORED,
                            "the chain starts at record " + state.first
                                    + " but no purge anchor explains where records 1 to " + (state.first - 1)
                                    + " went");
                } else if (!confirmed.contains(state.anchor.detailValue())) {
                    state.fail(
                            state.first,
                            Failure.UNANCHORED,
                            "the purge anchor at record " + state.anchor.sequence()
                                    + " is not confirmed by a purge record");
                }
            }
            results.add(state.result());
        }
        return new VerificationReport(results, problems, now);
    }

    /** The chain ids seen so far. */
    public Set<String> chainIds() {
        return chains.keySet();
    }

    private static final class State {
        final String chainId;
        long expected = 1;
        String previous = ConsentRecord.GENESIS_HASH;
        long records;
        long first;
        long last;
        boolean unanchored;
        boolean segment;
        ChainAnchor anchor;
        long failedAt;
        Failure failure;
        String message;
        /** Hashes at the sequence numbers checkpoints name, to compare with them. */
        final Map<Long, String> hashes = new HashMap<>();

        State(String chainId) {
            this.chainId = chainId;
        }

        void fail(long at, Failure failure, String message) {
            if (this.failure == null) {
                this.failedAt = at;
                this.failure = failure;
                this.message = message;
            }
        }

        ChainResult result() {
            return new ChainResult(
                    chainId, records, first, last, last == 0 ? null : previous, failedAt, failure, message);
        }
    }
}
