/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

/** The insights contract on the in-memory store, which counts by reading its records. */
class InMemoryLedgerInsightsTest extends LedgerInsightsContract {

    private InMemoryConsentLedger store;

    @Override
    protected void openStore() {
        store = null;
    }

    @Override
    protected ConsentLedger openLedger(LedgerSettings settings) {
        // Every ledger of one test shares the first one's rows, like several nodes on one database.
        if (store == null) {
            store = new InMemoryConsentLedger(settings);
            return store;
        }
        return new InMemoryConsentLedgerTest.SharedStore(settings, store);
    }
}
