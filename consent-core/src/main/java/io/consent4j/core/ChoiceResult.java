/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core;

import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.token.Consent;

/**
 * The outcome of a recorded choice: the durable record, the consent now in force, the signed cookie
 * value to set, the decision for the rest of the request, and a signed receipt.
 *
 * @param record the appended record
 * @param consent the consent in force
 * @param cookieValue the consent cookie value to set
 * @param decision what the rest of this request may do
 * @param receipt the signed receipt (compact JWS) of the record
 */
public record ChoiceResult(
        ConsentRecord record, Consent consent, String cookieValue, ConsentDecision decision, String receipt) {}
