/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The signed consent cookie: {@link io.consent4j.core.token.CookieConsentCodec} writes a
 * {@link io.consent4j.core.Consent} as a compact HMAC-SHA256-signed value and reads it back, treating
 * anything malformed, tampered, unknown or expired as "no consent";
 * {@link io.consent4j.core.token.SigningKeys} holds the keys and supports rotation.
 */
package io.consent4j.core.token;
