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
    AD_STORAGE,
    AD_USER_DATA,
    AD_PERSONALIZATION,
    ANALYTICS_STORAGE,
    FUNCTIONALITY_STORAGE,
    PERSONALIZATION_STORAGE,
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
