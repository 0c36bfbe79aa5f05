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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies hash chains record by record, without holding them in memory: add the signed checkpoints
 * first, then feed each chain's records in sequence order (chains may interleave), then call
 * {@link #finish}. Used by every ledger, by {@link LedgerExport} and by the offline verifier. Not
 * thread-safe.
 *
 * <p>Per chain it reports the first position where a record was changed, removed, inserted or
 * reordered, where the newest records are missing although a signed checkpoint names them, or where a
 * chain starts after record 1 without a purge anchor that a purge record confirms.
 *
 * <p>What it holds against the records depends on where they start and end. Records that start at the
 * ledger's start (the whole ledger, or a range before which no record lies) must begin each chain at
 * record 1 or right after the chain's confirmed purge anchor; records of a range that starts later are
 * checked per chain as a segment from its first record. Records that reach the ledger's head (nothing
 * lies after them) are held against every signed checkpoint, so removing the newest is found; records
 * of a range that ends earlier only against the checkpoints up to each chain's last record.
 */
public final class ChainVerifier {

    private final Map<String, ChainAnchor> anchors;
    private final boolean fromLedgerStart;
    private final boolean toHead;
    /** Purge records carried beside the records fed, by {@code chain:seq}, with their hashes. */
    private final Map<String, String> carriedPurges = new HashMap<>();

    private final Map<String, State> chains = new LinkedHashMap<>();
    /** Per chain, every anchor some purge record names: nodes take turns purging, so there may be several. */
    private final Map<String, Set<String>> confirmedAnchors = new HashMap<>();

    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final Set<String> checkpointSequences = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * A verifier of whole chains, from the ledger's start to its head, that knows the anchors left by the
     * retention purge.
     */
    public ChainVerifier(Collection<ChainAnchor> anchors) {
        this(anchors, true, true);
    }

    /**
     * A verifier of records that start and end as given.
     *
     * @param anchors the anchors left by the retention purge
     * @param fromLedgerStart whether no record of the ledger lies before the records fed: then every chain
     *     must start at record 1 or right after its purge anchor, confirmed by a purge record; otherwise
     *     each chain is checked as a segment from its first record fed
     * @param toHead whether no record of the ledger lies after the records fed: then every checkpoint
     *     added is held against its chain, and a chain that checkpoints name but no record fed belongs to
     *     is reported as missing (when the records also start at the ledger's start); otherwise a
     *     checkpoint past a chain's last record fed is not held against it
     */
    public ChainVerifier(Collection<ChainAnchor> anchors, boolean fromLedgerStart, boolean toHead) {
        this.anchors = new HashMap<>();
        anchors.forEach(a -> this.anchors.put(a.chainId(), a));
        this.fromLedgerStart = fromLedgerStart;
        this.toHead = toHead;
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
            if (!fromLedgerStart) {
                // A range that starts later: its first record of the chain is taken as given, except that
                // record 1 must still follow the genesis hash.
                state.expected = row.sequence();
                state.previous = row.sequence() == 1 ? ConsentRecord.GENESIS_HASH : row.previousHash();
            } else if (row.sequence() != state.expected && state.anchor == null) {
                state.fail(
                        row.sequence(),
                        Failure.UNANCHORED,
                        "the chain starts at record " + row.sequence() + " but no purge anchor explains where records 1"
                                + " to " + (row.sequence() - 1) + " went");
                return;
            }
            // With an anchor, a chain that starts anywhere but right after it fails below as removed or inserted.
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
        String place = row.chainId() + ":" + row.sequence();
        if (checkpointSequences.contains(place)) {
            state.hashes.put(row.sequence(), row.hash());
        }
        String carried = carriedPurges.get(place);
        if (carried != null && !carried.equals(row.hash())) {
            problems.add("the purge record carried beside the records differs from record " + row.sequence()
                    + " of chain " + row.chainId());
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
     * Takes a purge record that lies outside the records fed, as an export carries the newest one when
     * the records end before it: when its hash matches its content, the anchors it names count as
     * confirmed; otherwise it is reported as a problem. Add it before {@link #finish}.
     */
    public void purgeRecord(StoredRecord row) {
        if (!row.body().contains("\"event\":\"purge\"")
                || !RecordJson.hash(row.previousHash(), row.body()).equals(row.hash())) {
            problems.add("the purge record " + row.sequence() + " of chain " + row.chainId()
                    + " carried beside the records is not a purge record whose hash matches its content");
            return;
        }
        carriedPurges.put(row.chainId() + ":" + row.sequence(), row.hash());
        notePurge(row);
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
            row.toRecord().content().details().forEach((key, value) -> {
                if (key.startsWith("anchor.")) {
                    confirmedAnchors
                            .computeIfAbsent(key.substring("anchor.".length()), chain -> new HashSet<>())
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
            State state = chains.get(checkpoint.chainId());
            if (state == null) {
                if (!fromLedgerStart || !toHead) {
                    continue; // a chain with no records in a range: nothing to hold the checkpoint against
                }
                // The whole ledger, yet no record of a chain that a checkpoint names: all of them are gone.
                state = start(checkpoint.chainId());
                chains.put(checkpoint.chainId(), state);
            }
            if (state.failure != null) {
                continue;
            }
            long anchored = state.anchor == null ? 0 : state.anchor.sequence();
            long reached = state.records > 0 ? state.last : anchored;
            if (checkpoint.sequence() > reached) {
                if (!toHead) {
                    continue; // the range ends before the record the checkpoint names
                }
                state.fail(
                        reached + 1,
                        Failure.TRUNCATED,
                        "records " + (reached + 1) + " to " + checkpoint.sequence()
                                + " are missing: a checkpoint signed at "
                                + RecordJson.formatTime(checkpoint.createdAt()) + " names them");
            } else if (state.records > 0 && checkpoint.sequence() >= state.first) {
                String hash = state.hashes.get(checkpoint.sequence());
                if (hash != null && !hash.equals(checkpoint.headHash())) {
                    state.fail(
                            checkpoint.sequence(),
                            Failure.CHANGED,
                            "record " + checkpoint.sequence()
                                    + " differs from the one a signed checkpoint names (chain rewritten)");
                }
            } else if (state.anchor != null
                    && checkpoint.sequence() == anchored
                    && !checkpoint.headHash().equals(state.anchor.hash())) {
                state.fail(
                        anchored,
                        Failure.CHANGED,
                        "the purge anchor at record " + anchored
                                + " differs from the record a signed checkpoint names");
            }
        }
        List<ChainResult> results = new ArrayList<>();
        for (State state : chains.values()) {
            if (state.failure == null && fromLedgerStart && state.first > 1) {
                // The chain started right after its anchor (any other start failed on its first record).
                Set<String> confirmed = confirmedAnchors.getOrDefault(state.chainId, Set.of());
                if (!confirmed.contains(state.anchor.detailValue())) {
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
