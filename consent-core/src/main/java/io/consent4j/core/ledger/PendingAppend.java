/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An append on its way through the ledger's writer: prepared on the caller's thread (all of the record
 * but its place in the chain), placed, stored and answered by the writer in a group, and awaited by the
 * caller.
 */
final class PendingAppend {

    /** Tells the writer to stop once it has committed what was queued before. */
    static final PendingAppend STOP = new PendingAppend(null, null, null);

    final RecordContent content;
    final String id;
    final RecordJson.BodyParts body;
    private final CompletableFuture<ConsentRecord> result = new CompletableFuture<>();

    PendingAppend(RecordContent content, String id, RecordJson.BodyParts body) {
        this.content = content;
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
     * On the caller: waits until the writer has stored the record, but no longer than {@code timeout}, and
     * returns it.
     *
     * @throws LedgerException when it was not stored, was not stored in time, or the wait was interrupted
     */
    ConsentRecord await(Duration timeout) {
        try {
            // TimeUnit.convert saturates, so that a timeout of centuries waits "for ever" instead of overflowing.
            return result.get(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The writer may have the record in a transaction that is yet to end, or may still take it from
            // the queue: only the database can tell later whether it was stored.
            throw new LedgerException(
                    "the append did not complete within " + timeout + " (LedgerSettings.appendTimeout);"
                            + " the record may or may not be stored",
                    e);
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
