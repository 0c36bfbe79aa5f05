/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.util.List;

/**
 * Whether and where {@link ConsentSettings} put the filter: what a front door registers it on.
 *
 * @param enabled {@value ConsentSettings#FILTER_ENABLED}
 * @param urlPatterns {@value ConsentSettings#FILTER_URL_PATTERNS}, at least one
 */
record FilterMapping(boolean enabled, List<String> urlPatterns) {

    /** The filter mapping among {@code v}. */
    static FilterMapping of(SettingsValues v) {
        return new FilterMapping(v.filterEnabled, v.filterUrlPatterns);
    }

    FilterMapping {
        urlPatterns = List.copyOf(urlPatterns);
    }

    /**
     * The non-blank patterns, stripped.
     *
     * @throws IllegalArgumentException naming the property when no pattern is left
     */
    static List<String> checkUrlPatterns(List<String> patterns) {
        List<String> kept = patterns == null
                ? List.of()
                : patterns.stream()
                        .filter(p -> p != null && !p.isBlank())
                        .map(String::strip)
                        .toList();
        if (kept.isEmpty()) {
            throw SettingChecks.bad(
                    ConsentSettings.FILTER_URL_PATTERNS, patterns, "must hold at least one pattern, such as /*");
        }
        return kept;
    }
}
