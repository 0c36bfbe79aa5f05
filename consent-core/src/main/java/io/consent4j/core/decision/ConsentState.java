/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.decision;

/** Where a visitor stands with the current policy. */
public enum ConsentState {
    /** No valid choice: first visit, or a missing, malformed or tampered cookie. */
    UNDECIDED,
    /** A valid choice for the current policy version. */
    DECIDED,
    /** A genuine choice whose lifetime has passed (C18). */
    EXPIRED,
    /** A genuine choice for an earlier policy version: the policy changed materially (C17). */
    OUTDATED
}
