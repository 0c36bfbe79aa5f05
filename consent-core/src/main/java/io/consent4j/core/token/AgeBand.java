/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.token;

/**
 * What a site knows of a visitor's age, for GDPR Art. 8 (16 years in Germany, C28). Sites mark
 * visitors in child-facing areas; everyone else is {@link #UNSPECIFIED}.
 */
public enum AgeBand {
    /** The site has not marked this visitor; adult rules apply. */
    UNSPECIFIED,
    /** The site knows the visitor is 16 or older. */
    AT_LEAST_16,
    /** The site knows the visitor is under 16: only necessary categories until a parent consents. */
    UNDER_16,
    /** The visitor is in a child-facing area and their age is unknown: treated like under 16. */
    UNKNOWN;

    /** Whether a parent's consent is needed for anything beyond necessary categories. */
    public boolean needsParentalConsent() {
        return this == UNDER_16 || this == UNKNOWN;
    }
}
