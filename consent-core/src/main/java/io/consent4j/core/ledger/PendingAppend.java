/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * An append on its way through the ledger's writer: prepared on the caller's thread (all of the record
 * but its place in the chain), placed, stored and answered by the writer in a group, and awaited by the
 * caller.
 */
final class PendingAppend {

    /** Tells the writer to stop once it has committed what was queued before. */
    static final PendingAppend STOP = new PendingAppend(null, null, null);

    final RecordDraft draft;
    final String id;
    final RecordJson.BodyParts body;
    private final CompletableFuture<ConsentRecord> result = new CompletableFuture<>();

    PendingAppend(RecordDraft draft, String id, RecordJson.BodyParts body) {
        this.draft = draft;
        this.id = id;
        this.body = body;
    }

    /** On the writer: the group holding this append is stored, as {@code record}. */
    void stored(ConsentRecord record) {
        result.complete(record);
    }

    /** On the writer: the group holding this append could not be stored. */
    void failed(LedgerException failure) {
        result.completeExceptionally(failure);
    }

    /**
     * On the caller: waits until the writer has stored the record, and returns it.
     *
     * @throws LedgerException when it was not stored, or the wait was interrupted
     */
    ConsentRecord await() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException(
                    "interrupted while waiting for the append to commit; it may or may not be stored", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LedgerException ledgerException) {
                throw new LedgerException(ledgerException.getMessage(), ledgerException.getCause());
            }
            throw new LedgerException("the record was not stored: " + cause, cause);
        }
    }
}
