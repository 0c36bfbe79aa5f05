/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.decision.ConsentDecision;

/**
 * Told of every decision the {@link ConsentFilter} makes and how long it took, for metrics. It is called
 * on the request's thread, so it must be fast; what it throws is logged and ignored. Set it with
 * {@link ConsentFilterSettings.Builder#decisionListener}.
 */
@FunctionalInterface
public interface DecisionListener {

    /** The listener that does nothing; the default. */
    DecisionListener NONE = (decision, nanos) -> {};

    /**
     * A request was decided.
     *
     * @param decision what the request may do
     * @param nanos how long deciding took, in nanoseconds
     */
    void decided(ConsentDecision decision, long nanos);
}
