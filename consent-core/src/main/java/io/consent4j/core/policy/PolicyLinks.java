/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

/**
 * The links the banner always shows, even while it is open (C10): the site's privacy policy and its
 * imprint. Either a path on the site ({@code /datenschutz}) or an absolute http(s) URL.
 *
 * @param privacyPolicy the privacy policy page
 * @param imprint the imprint (Impressum) page
 */
public record PolicyLinks(String privacyPolicy, String imprint) {

    /** Validates both links. */
    public PolicyLinks {
        privacyPolicy = check("privacyPolicy", privacyPolicy);
        imprint = check("imprint", imprint);
    }

    /** Links to the given privacy policy and imprint. */
    public static PolicyLinks of(String privacyPolicy, String imprint) {
        return new PolicyLinks(privacyPolicy, imprint);
    }

    private static String check(String field, String link) {
        if (link == null || link.isBlank()) {
            throw PolicyValidationException.of(field, "a link is required (C10): the banner must always show it");
        }
        String value = link.strip();
        boolean relative = value.startsWith("/") && !value.startsWith("//");
        boolean absolute = value.startsWith("https://") || value.startsWith("http://");
        if (!(relative || absolute) || value.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>')) {
            throw PolicyValidationException.of(
                    field, "'" + link + "' is not a link; use a site path like '/datenschutz' or an http(s) URL");
        }
        return value;
    }
}
