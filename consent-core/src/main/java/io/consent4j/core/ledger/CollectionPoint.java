/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.util.Locale;

/** Where a choice was collected: which layer or control (C22). */
public enum CollectionPoint {
    /** The banner's first layer. */
    FIRST_LAYER,
    /** The settings layer. */
    SETTINGS,
    /** The server-rendered form for visitors without JavaScript. */
    NO_SCRIPT_FORM,
    /** A click-to-load placeholder of an embed. */
    EMBED_PLACEHOLDER,
    /** The site's own code. */
    API,
    /** The library itself (expiry, signals, retention). */
    SYSTEM;

    private final String jsonName = name().toLowerCase(Locale.ROOT);

    /** The name used in records, such as {@code first_layer}. */
    public String jsonName() {
        return jsonName;
    }
}
