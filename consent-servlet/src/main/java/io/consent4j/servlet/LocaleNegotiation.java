/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.policy.ConsentPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the banner language for a request among the policy's languages (C11): the {@code lang} query
 * parameter if the policy has it, else the best match of {@code Accept-Language}, else the policy's
 * default language. A malformed header or query counts as absent.
 */
final class LocaleNegotiation {

    private LocaleNegotiation() {}

    static String negotiate(HttpServletRequest request, ConsentPolicy policy) {
        String lang;
        try {
            lang = request.getParameter("lang");
        } catch (RuntimeException e) {
            // A query that is not percent-encoded UTF-8, which containers such as Jetty refuse to read:
            // like a malformed header, it counts as absent.
            lang = null;
        }
        if (lang != null) {
            String wanted = lang.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            if (policy.locales().contains(wanted)) {
                return wanted;
            }
            int dash = wanted.indexOf('-');
            if (dash > 0 && policy.locales().contains(wanted.substring(0, dash))) {
                return wanted.substring(0, dash);
            }
        }
        String header = request.getHeader("Accept-Language");
        if (header != null && !header.isBlank() && header.length() <= 512) {
            try {
                List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
                String match = Locale.lookupTag(ranges, new ArrayList<>(policy.locales()));
                if (match != null) {
                    return match.toLowerCase(Locale.ROOT);
                }
            } catch (IllegalArgumentException e) {
                // Malformed: fall back to the default.
            }
        }
        return policy.defaultLocale();
    }
}
