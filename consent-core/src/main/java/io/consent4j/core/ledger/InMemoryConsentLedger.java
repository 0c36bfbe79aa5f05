/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.token.ConsentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A ledger in memory, for tests and demos: everything is lost when the process ends. Thread-safe.
 */
public class InMemoryConsentLedger extends AbstractConsentLedger {

    private final Map<String, List<StoredRecord>> chains = new LinkedHashMap<>();
    /** Each appended row with the record it was made from, so that reading it back parses nothing. */
    private final Map<String, Parsed> parsed = new HashMap<>();

    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final Map<String, String> policies = new HashMap<>();
    private final Map<String, ChainAnchor> anchors = new LinkedHashMap<>();

    /** An in-memory ledger writing as {@code settings} say. */
    public InMemoryConsentLedger(LedgerSettings settings) {
        super(settings);
    }

    private static String key(String chainId, long sequence) {
        return chainId + ":" + sequence;
    }

    @Override
    protected synchronized Optional<StoredRecord> lastRecord(String chainId) {
        List<StoredRecord> rows = chains.getOrDefault(chainId, List.of());
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1));
    }

    @Override
    protected synchronized void insert(List<ConsentRecord> records, List<StoredRecord> stored) {
        List<StoredRecord> rows = chains.computeIfAbsent(stored.get(0).chainId(), c -> new ArrayList<>());
        rows.addAll(stored);
        for (int i = 0; i < records.size(); i++) {
            ConsentRecord record = records.get(i);
            parsed.put(key(record.chainId(), record.sequence()), new Parsed(stored.get(i), record));
        }
    }

    @Override
    protected synchronized void insertCheckpoint(Checkpoint checkpoint) {
        checkpoints.add(checkpoint);
    }

    @Override
    protected synchronized List<Checkpoint> loadCheckpoints() {
        return List.copyOf(checkpoints);
    }

    @Override
    protected synchronized void insertPolicy(String contentHash, int version, String canonicalJson) {
        policies.putIfAbsent(contentHash, canonicalJson);
    }

    @Override
    protected synchronized Optional<String> loadPolicy(String contentHash) {
        return Optional.ofNullable(policies.get(contentHash));
    }

    private List<ConsentRecord> records() {
        List<ConsentRecord> all = new ArrayList<>();
        for (List<StoredRecord> rows : chains.values()) {
            for (StoredRecord row : rows) {
                // A row that a test replaced (tampering) is no longer the one appended: read it from its body.
                Parsed appended = parsed.get(key(row.chainId(), row.sequence()));
                all.add(appended != null && appended.row().equals(row) ? appended.record() : row.toRecord());
            }
        }
        all.sort(Comparator.comparing(ConsentRecord::recordedAt)
                .thenComparing(ConsentRecord::chainId)
                .thenComparingLong(ConsentRecord::sequence));
        return all;
    }

    @Override
    protected synchronized List<ConsentRecord> selectByConsentId(ConsentId consentId) {
        return records().stream()
                .filter(r -> consentId.equals(r.content().consentId()))
                .toList();
    }

    @Override
    protected synchronized List<ConsentRecord> selectByAccountRef(String accountRef) {
        return records().stream()
                .filter(r -> accountRef.equals(r.content().accountRef()))
                .toList();
    }

    @Override
    protected synchronized Stream<ConsentRecord> selectRange(Instant from, Instant to) {
        return records().stream()
                .filter(r -> !r.recordedAt().isBefore(from) && r.recordedAt().isBefore(to))
                .toList()
                .stream();
    }

    @Override
    protected synchronized List<String> selectChainIds() {
        List<String> ids = new ArrayList<>(chains.keySet());
        anchors.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }

    @Override
    protected void readChain(String chainId, ChainVerifier verifier) {
        List<StoredRecord> rows;
        synchronized (this) {
            rows = List.copyOf(chains.getOrDefault(chainId, List.of()));
        }
        rows.stream().sorted(Comparator.comparingLong(StoredRecord::sequence)).forEach(verifier::accept);
    }

    @Override
    protected synchronized List<ChainAnchor> loadAnchors() {
        return List.copyOf(anchors.values());
    }

    @Override
    protected synchronized Optional<StoredRecord> lastRecordBefore(String chainId, Instant cutoff) {
        StoredRecord last = null;
        for (StoredRecord row : chains.getOrDefault(chainId, List.of())) {
            if (!row.toRecord().recordedAt().isBefore(cutoff)) {
                break;
            }
            last = row;
        }
        return Optional.ofNullable(last);
    }

    @Override
    protected synchronized long deleteThrough(List<ChainAnchor> newAnchors) {
        long deleted = 0;
        for (ChainAnchor anchor : newAnchors) {
            List<StoredRecord> rows = chains.getOrDefault(anchor.chainId(), new ArrayList<>());
            int before = rows.size();
            rows.removeIf(row -> row.sequence() <= anchor.sequence());
            deleted += before - rows.size();
            anchors.put(anchor.chainId(), anchor);
        }
        return deleted;
    }

    private record Parsed(StoredRecord row, ConsentRecord record) {}

    /** The stored rows of a chain, for tests that tamper with them. Not API. */
    synchronized List<StoredRecord> rows(String chainId) {
        return chains.computeIfAbsent(chainId, c -> new ArrayList<>());
    }
}
