/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Receipts: Ed25519-signed statements of consent records (compact JWS, public key as JWK, signed and
 * verified by {@code io.consent4j.core.signing}) that a visitor or an auditor can verify offline, and
 * {@link io.consent4j.core.receipt.VerifyCommand}, the command-line verifier of exports and receipts.
 */
package io.consent4j.core.receipt;
