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
 * The consent types of Google Consent Mode v2. A category may map to several; when any category maps
 * to one, the banner script runs {@code gtag('consent', 'default', …)} with all of them denied before
 * any tag and an {@code update} from the stored choice on every page (C20).
 */
public enum GoogleConsentType {
    /** Storage for advertising, such as cookies. */
    AD_STORAGE,
    /** Sending user data to Google for advertising. */
    AD_USER_DATA,
    /** Personalized advertising. */
    AD_PERSONALIZATION,
    /** Storage for analytics, such as visit duration. */
    ANALYTICS_STORAGE,
    /** Storage for site functions, such as language settings. */
    FUNCTIONALITY_STORAGE,
    /** Storage for personalization, such as video recommendations. */
    PERSONALIZATION_STORAGE,
    /** Storage for security, such as authentication and fraud prevention. */
    SECURITY_STORAGE;

    /** The name gtag uses, such as {@code ad_storage}. */
    public String gtagName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type whose gtag name is {@code name}, if any. */
    public static Optional<GoogleConsentType> fromGtagName(String name) {
        return Arrays.stream(values()).filter(t -> t.gtagName().equals(name)).findFirst();
    }

    static List<String> gtagNames() {
        return Arrays.stream(values()).map(GoogleConsentType::gtagName).toList();
    }
}
