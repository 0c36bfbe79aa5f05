/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Ed25519 signatures as compact JWS ({@code alg} {@code EdDSA}, RFC 8037), for everything consent4j
 * signs: receipts ({@code io.consent4j.core.receipt}) and ledger checkpoints
 * ({@code io.consent4j.core.ledger}). {@link io.consent4j.core.signing.ReceiptSigner} signs with the
 * site's private key; {@link io.consent4j.core.signing.ReceiptVerifier} verifies with nothing but the
 * public key, offline. This package depends on no other consent4j package, so that both of its users can
 * depend on it without depending on each other.
 */
package io.consent4j.core.signing;
