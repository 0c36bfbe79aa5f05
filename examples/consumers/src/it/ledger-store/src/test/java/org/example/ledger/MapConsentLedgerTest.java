package org.example.ledger;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentLedgerContract;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.StoredRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * consent4j's contract for ledger stores, run on this one: a fresh store per test, ledgers opened on it, and
 * the tamper hooks changing its rows directly, as someone with access to the database would.
 */
class MapConsentLedgerTest extends ConsentLedgerContract {

    private MapStore store;

    @Override
    protected void openStore() {
        store = new MapStore();
    }

    @Override
    protected ConsentLedger openLedger(LedgerSettings settings) {
        return new MapConsentLedger(settings, store);
    }

    @Override
    protected void tamperChangeBody(String chainId, long sequence, String newBody) {
        synchronized (store) {
            List<StoredRecord> rows = store.rows(chainId);
            rows.replaceAll(row -> row.sequence() == sequence
                    ? new StoredRecord(chainId, sequence, newBody, row.previousHash(), row.hash())
                    : row);
        }
    }

    @Override
    protected void tamperDelete(String chainId, long sequence) {
        synchronized (store) {
            store.rows(chainId).removeIf(row -> row.sequence() == sequence);
        }
    }

    @Override
    protected void tamperInsert(StoredRecord row) {
        synchronized (store) {
            List<StoredRecord> rows = store.rows(row.chainId());
            rows.add(row);
            rows.sort(Comparator.comparingLong(StoredRecord::sequence));
        }
    }

    @Override
    protected void tamperSwap(String chainId, long first, long second) {
        synchronized (store) {
            List<StoredRecord> rows = store.rows(chainId);
            List<StoredRecord> swapped = new ArrayList<>();
            for (StoredRecord row : rows) {
                long sequence = row.sequence() == first ? second : row.sequence() == second ? first : row.sequence();
                swapped.add(new StoredRecord(chainId, sequence, row.body(), row.previousHash(), row.hash()));
            }
            swapped.sort(Comparator.comparingLong(StoredRecord::sequence));
            rows.clear();
            rows.addAll(swapped);
        }
    }
}
