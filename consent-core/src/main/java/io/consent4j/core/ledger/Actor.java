/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.util.Locale;

/** Who acted (C22, C28). */
public enum Actor {
    /** The visitor themself. */
    VISITOR,
    /** A parent, for a visitor under 16. */
    PARENT,
    /** The library (expiry, signals, retention). */
    SYSTEM;

    private final String jsonName = name().toLowerCase(Locale.ROOT);

    /** The name used in records, such as {@code visitor}. */
    public String jsonName() {
        return jsonName;
    }
}
