/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import java.util.Map;

/** The Google Consent Mode states the browser tests expect a page to have pushed. */
final class ConsentModeStates {

    /** Every Consent Mode v2 type denied: before a choice, after "reject all" and after a withdrawal. */
    static final Map<String, String> ALL_DENIED = all("denied");

    /** Every Consent Mode v2 type granted: after "accept all". */
    static final Map<String, String> ALL_GRANTED = all("granted");

    private ConsentModeStates() {}

    private static Map<String, String> all(String value) {
        return Map.of(
                "ad_personalization", value,
                "ad_storage", value,
                "ad_user_data", value,
                "analytics_storage", value);
    }
}
