/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The consent model: what a visitor chose ({@link io.consent4j.core.Consent}), the signals a request
 * carries ({@link io.consent4j.core.RequestSignals}), and what a request may do
 * ({@link io.consent4j.core.ConsentDecision}), decided by {@link io.consent4j.core.ConsentDecider}.
 * Policies live in {@code io.consent4j.core.policy}, the signed cookie in {@code io.consent4j.core.token}.
 */
package io.consent4j.core;
