/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.util.Locale;

/** What happened, one record per event (C21). */
public enum ConsentEvent {
    /** A first choice: consent given or refused. */
    GIVEN,
    /** A later choice that changes an earlier one. */
    UPDATED,
    /** Consent withdrawn: everything optional denied. */
    WITHDRAWN,
    /** A visitor with an expired consent came back (C18). */
    EXPIRED,
    /** GPC or DNT denied categories the consent granted (C19). */
    SIGNAL_APPLIED,
    /** A parent consented for a visitor under 16 (C28). */
    PARENTAL_CONSENT,
    /** The retention purge removed old records (C26). */
    PURGE;

    private final String jsonName = name().toLowerCase(Locale.ROOT);

    /** The name used in records, such as {@code signal_applied}. */
    public String jsonName() {
        return jsonName;
    }
}
