/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.util.Locale;

/** How a choice was made (C22). */
public enum ConsentMethod {
    /** The "accept all" control. */
    ACCEPT_ALL,
    /** The "reject all" control. */
    REJECT_ALL,
    /** Saved toggles, or a single service granted from a placeholder. */
    CUSTOM,
    /** A withdrawal. */
    WITHDRAWAL,
    /** A browser signal (GPC, DNT). */
    SIGNAL,
    /** The consent's lifetime passed. */
    EXPIRY,
    /** The site's own code, through the API. */
    API,
    /** The retention job. */
    RETENTION,
    /** A signed-in visitor's choice on another device, brought to this one (see {@code AccountConsents}). */
    ACCOUNT_RESTORE;

    private final String jsonName = name().toLowerCase(Locale.ROOT);

    /** The name used in records, such as {@code accept_all}. */
    public String jsonName() {
        return jsonName;
    }
}
