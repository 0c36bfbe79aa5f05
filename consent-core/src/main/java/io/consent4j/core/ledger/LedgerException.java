/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

/**
 * Thrown when the ledger could not do what was asked, most importantly when an append was not stored:
 * the caller must then not tell the visitor their choice was saved.
 */
public class LedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message saying what failed. */
    public LedgerException(String message) {
        super(message);
    }

    /** An exception with a message saying what failed, and why. */
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
