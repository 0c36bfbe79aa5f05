package org.example.ledger;

import io.consent4j.core.ledger.AbstractConsentLedger;
import io.consent4j.core.ledger.ChainAnchor;
import io.consent4j.core.ledger.ChainVerifier;
import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.StoredRecord;
import io.consent4j.core.token.ConsentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A consent ledger on a {@link MapStore}: consent4j's chain logic from {@link AbstractConsentLedger}, and the
 * storage primitives here. Several ledgers (nodes) may share one store, each writing its own chain.
 */
public final class MapConsentLedger extends AbstractConsentLedger {

    private final MapStore store;

    public MapConsentLedger(LedgerSettings settings, MapStore store) {
        super(settings);
        this.store = store;
    }

    @Override
    protected Optional<StoredRecord> lastRecord(String chainId) {
        synchronized (store) {
            List<StoredRecord> rows = store.rows(chainId);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1));
        }
    }

    @Override
    protected void insert(List<ConsentRecord> records, List<StoredRecord> stored) {
        synchronized (store) {
            store.rows(stored.get(0).chainId()).addAll(stored);
        }
    }

    @Override
    protected void insertCheckpoint(Checkpoint checkpoint) {
        synchronized (store) {
            store.checkpoints.add(checkpoint);
        }
    }

    @Override
    protected List<Checkpoint> loadCheckpoints() {
        synchronized (store) {
            return List.copyOf(store.checkpoints);
        }
    }

    @Override
    protected void insertPolicy(String contentHash, int version, String canonicalJson) {
        synchronized (store) {
            store.policies.putIfAbsent(contentHash, canonicalJson);
        }
    }

    @Override
    protected Optional<String> loadPolicy(String contentHash) {
        synchronized (store) {
            return Optional.ofNullable(store.policies.get(contentHash));
        }
    }

    @Override
    protected List<ConsentRecord> selectByConsentId(ConsentId consentId) {
        return records().filter(r -> consentId.equals(r.content().consentId())).toList();
    }

    @Override
    protected List<ConsentRecord> selectByAccountRef(String accountRef) {
        return records().filter(r -> accountRef.equals(r.content().accountRef())).toList();
    }

    @Override
    protected Stream<ConsentRecord> selectRange(Instant from, Instant to) {
        return records()
                .filter(r -> !r.recordedAt().isBefore(from) && r.recordedAt().isBefore(to))
                .toList()
                .stream();
    }

    @Override
    protected List<String> selectChainIds() {
        synchronized (store) {
            List<String> ids = new ArrayList<>();
            store.chains.forEach((id, rows) -> {
                if (!rows.isEmpty()) {
                    ids.add(id);
                }
            });
            store.anchors.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
            return ids;
        }
    }

    @Override
    protected void readChain(String chainId, ChainVerifier verifier) {
        List<StoredRecord> rows;
        synchronized (store) {
            rows = List.copyOf(store.rows(chainId));
        }
        rows.stream().sorted(Comparator.comparingLong(StoredRecord::sequence)).forEach(verifier::accept);
    }

    @Override
    protected List<ChainAnchor> loadAnchors() {
        synchronized (store) {
            return List.copyOf(store.anchors.values());
        }
    }

    @Override
    protected Optional<StoredRecord> lastRecordBefore(String chainId, Instant cutoff) {
        synchronized (store) {
            StoredRecord last = null;
            for (StoredRecord row : store.rows(chainId)) {
                if (!row.toRecord().recordedAt().isBefore(cutoff)) {
                    break;
                }
                last = row;
            }
            return Optional.ofNullable(last);
        }
    }

    @Override
    protected long deleteThrough(List<ChainAnchor> anchors) {
        synchronized (store) {
            long deleted = 0;
            for (ChainAnchor anchor : anchors) {
                List<StoredRecord> rows = store.rows(anchor.chainId());
                int before = rows.size();
                rows.removeIf(row -> row.sequence() <= anchor.sequence());
                deleted += before - rows.size();
                store.anchors.put(anchor.chainId(), anchor);
            }
            return deleted;
        }
    }

    /** Every stored record, read back from its stored body, in the order the SPI asks for. */
    private Stream<ConsentRecord> records() {
        List<StoredRecord> rows = new ArrayList<>();
        synchronized (store) {
            store.chains.values().forEach(rows::addAll);
        }
        return rows.stream()
                .map(StoredRecord::toRecord)
                .sorted(Comparator.comparing(ConsentRecord::recordedAt)
                        .thenComparing(ConsentRecord::chainId)
                        .thenComparingLong(ConsentRecord::sequence));
    }
}
