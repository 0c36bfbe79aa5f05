/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Consent, and the cookie it travels in: a {@link io.consent4j.core.token.Consent} is what a visitor chose
 * (a random {@link io.consent4j.core.token.ConsentId}, the policy version, the granted categories and
 * services, when and until when, and an {@link io.consent4j.core.token.AgeBand} when one was given).
 * {@link io.consent4j.core.token.CookieConsentCodec} writes it as a compact HMAC-SHA256-signed value and
 * reads it back, treating anything malformed, tampered, unknown or expired as "no consent";
 * {@link io.consent4j.core.token.SigningKeys} holds the keys and supports rotation.
 */
package io.consent4j.core.token;
