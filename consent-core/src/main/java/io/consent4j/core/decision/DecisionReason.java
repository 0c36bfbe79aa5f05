/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.decision;

/** Why a {@link ConsentDecision} came out as it did; a decision may have several reasons. */
public enum DecisionReason {
    /** The request carried no consent cookie. */
    NO_COOKIE,
    /** The cookie was malformed, tampered with, too large, or signed with an unknown key. */
    INVALID_COOKIE,
    /** The choice has a valid signature and the current policy version. */
    VALID_CONSENT,
    /** The choice's lifetime has passed (C18). */
    CONSENT_EXPIRED,
    /** The choice was made for another policy version (C17). */
    POLICY_CHANGED,
    /** The re-ask interval has passed; the choice still counts until it expires (C16). */
    REASK_DUE,
    /** GPC or DNT denied sale/share categories that were granted before the signal (C19). */
    SIGNAL_OBJECTION,
    /** The visitor is marked under 16 or of unknown age and no parent has consented (C28). */
    PARENTAL_CONSENT_REQUIRED
}
