/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A tool's own consent API that the banner tells about a service's consent, besides Google Consent
 * Mode: a policy names it on the service ({@code "consentApi": "matomo"}), and {@code consent-mode.js}
 * then asks the tool to wait for consent before any tag and passes every change on. See
 * {@code docs/BANNER.md} for the calls each one makes.
 */
public enum ConsentApi {
    /** Matomo: {@code _paq.push(['requireConsent'])}, then {@code setConsentGiven}, {@code rememberConsentGiven}, {@code forgetConsentGiven}. */
    MATOMO,
    /** Microsoft Clarity: {@code clarity('consentv2', {ad_Storage, analytics_Storage})}. */
    CLARITY,
    /** Microsoft Advertising UET: {@code uetq.push('consent', 'default'|'update', {ad_storage})}. */
    UET,
    /** The Meta pixel: {@code fbq('consent', 'grant'|'revoke')}. */
    META;

    /** The name the policy JSON uses, such as {@code matomo}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The API whose JSON name is {@code name}, if any. */
    public static Optional<ConsentApi> fromJsonName(String name) {
        return Arrays.stream(values()).filter(a -> a.jsonName().equals(name)).findFirst();
    }

    static List<String> jsonNames() {
        return Arrays.stream(values()).map(ConsentApi::jsonName).toList();
    }
}
