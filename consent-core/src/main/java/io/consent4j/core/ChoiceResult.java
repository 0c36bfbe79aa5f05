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
 * value to set, and the decision for the rest of the request. The record's signed receipt is made when
 * someone asks for it ({@link ConsentManager#receipt(io.consent4j.core.token.ConsentId, String, long)}),
 * not with every choice: the record is durable and chained already, and a receipt is a signed statement
 * about it that can be made at any later time, always the same for the same record.
 *
 * @param record the appended record
 * @param consent the consent in force
 * @param cookieValue the consent cookie value to set
 * @param decision what the rest of this request may do
 */
public record ChoiceResult(ConsentRecord record, Consent consent, String cookieValue, ConsentDecision decision) {}
