/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The decision: what one request may do. {@link io.consent4j.core.decision.ConsentDecider} is a pure
 * function of the policy, the consent cookie, the {@link io.consent4j.core.decision.RequestSignals} (GPC,
 * DNT, age band) and the clock; its answer, a {@link io.consent4j.core.decision.ConsentDecision}, says
 * whether the visitor has decided ({@link io.consent4j.core.decision.ConsentState}), why
 * ({@link io.consent4j.core.decision.DecisionReason}), which categories and services are allowed, and
 * whether to show the banner.
 */
package io.consent4j.core.decision;
