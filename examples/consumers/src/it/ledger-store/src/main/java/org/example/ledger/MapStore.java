package org.example.ledger;

import io.consent4j.core.ledger.ChainAnchor;
import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.StoredRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The "database" of {@link MapConsentLedger}: plain maps, guarded by the store's own monitor. */
public final class MapStore {

    final Map<String, List<StoredRecord>> chains = new LinkedHashMap<>();
    final List<Checkpoint> checkpoints = new ArrayList<>();
    final Map<String, String> policies = new HashMap<>();
    final Map<String, ChainAnchor> anchors = new LinkedHashMap<>();

    /** The rows of a chain in sequence order; callers hold the store's monitor. */
    public List<StoredRecord> rows(String chainId) {
        return chains.computeIfAbsent(chainId, c -> new ArrayList<>());
    }
}
