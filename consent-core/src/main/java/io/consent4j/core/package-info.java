/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * {@link io.consent4j.core.ConsentManager} ties the five concepts together: it decides requests, records
 * choices ({@link io.consent4j.core.ConsentChoice} made in a {@link io.consent4j.core.ChoiceContext}),
 * issues cookies and receipts, withdraws, and answers history and export queries. The concepts live in
 * their own packages: the policy in {@code io.consent4j.core.policy}, consent and its signed cookie in
 * {@code io.consent4j.core.token}, the decision in {@code io.consent4j.core.decision}, records and their
 * stores in {@code io.consent4j.core.ledger}, receipts in {@code io.consent4j.core.receipt}, and the
 * Ed25519 signatures that receipts and checkpoints share in {@code io.consent4j.core.signing}.
 */
package io.consent4j.core;
