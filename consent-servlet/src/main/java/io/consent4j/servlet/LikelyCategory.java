/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.util.List;
import java.util.Locale;

/**
 * The category an undeclared cookie most likely belongs in, guessed from well-known names so that a site
 * sees where to declare it. A guess only: the site decides, and a name that no rule knows is
 * {@link #UNKNOWN}.
 */
enum LikelyCategory {
    NECESSARY,
    FUNCTIONAL,
    ANALYTICS,
    MARKETING,
    UNKNOWN;

    // Checked in this order: Google Ads' _gac_ and _gcl_ start like Analytics' _ga and _gid.
    private static final List<String> MARKETING_PREFIXES = List.of(
            "_gcl", "_gac_", "_fbp", "_fbc", "_uet", "_ttp", "_tt_", "_pin_", "_rdt_", "__gads", "__gpi", "_mkto_");
    private static final List<String> MARKETING_NAMES = List.of(
            "ide",
            "fr",
            "test_cookie",
            "nid",
            "dsid",
            "muid",
            "personalization_id",
            "guest_id",
            "visitor_info1_live",
            "bcookie",
            "lidc",
            "li_sugr");
    private static final List<String> ANALYTICS_PREFIXES = List.of(
            "_ga",
            "_gid",
            "_gat",
            "__utm",
            "_pk_",
            "_hj",
            "_clck",
            "_clsk",
            "mp_",
            "ajs_",
            "amplitude",
            "_sp_",
            "mtm_",
            "matomo",
            "piwik",
            "_vwo",
            "_dc_gtm_");
    private static final List<String> NECESSARY_PARTS = List.of("session", "sessid", "csrf", "xsrf");
    private static final List<String> NECESSARY_NAMES = List.of("connect.sid", "sid");
    private static final List<String> FUNCTIONAL_PARTS = List.of("lang", "locale", "i18n", "theme", "timezone");

    /** The guess for the cookie {@code name}. */
    static LikelyCategory of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (startsWithAny(lower, MARKETING_PREFIXES) || MARKETING_NAMES.contains(lower)) {
            return MARKETING;
        }
        if (startsWithAny(lower, ANALYTICS_PREFIXES)) {
            return ANALYTICS;
        }
        if (containsAny(lower, NECESSARY_PARTS) || NECESSARY_NAMES.contains(lower)) {
            return NECESSARY;
        }
        if (containsAny(lower, FUNCTIONAL_PARTS)) {
            return FUNCTIONAL;
        }
        return UNKNOWN;
    }

    /** The lower-case name JSON and the database use. */
    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category of {@code jsonName}, {@link #UNKNOWN} for anything else. */
    static LikelyCategory ofJsonName(String jsonName) {
        for (LikelyCategory category : values()) {
            if (category.jsonName().equals(jsonName)) {
                return category;
            }
        }
        return UNKNOWN;
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String name, List<String> parts) {
        for (String part : parts) {
            if (name.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
