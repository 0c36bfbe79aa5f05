/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.presets;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.GoogleConsentType;
import io.consent4j.core.policy.Service;
import org.junit.jupiter.api.Test;

/** Valenumera: the four cookie categories and the partners its privacy policy names. */
class ValenumeraPresetTest {

    private final ConsentPolicy policy = Presets.load("valenumera");

    @Test
    void hasTheFourCategoriesTheCookieSectionNames_C8() {
        assertThat(policy.categories())
                .extracting(Category::id)
                .containsExactly("necessary", "functional", "analytics", "marketing");
        assertThat(policy.requiredCategoryIds()).containsExactly("necessary");
    }

    @Test
    void declaresPaymentCdnEmailAndAnalyticsPartners_C7() {
        assertThat(policy.services())
                .extracting(Service::id)
                .containsExactly("session", "payment", "cdn", "email", "preferences", "matomo", "google-ads");
        assertThat(policy.servicesOf("necessary"))
                .extracting(Service::id)
                .containsExactly("session", "payment", "cdn", "email");
        assertThat(policy.service("matomo").orElseThrow().cookies())
                .extracting(c -> c.name())
                .containsExactly("_pk_id.*", "_pk_ses.*");
    }

    @Test
    void crossSiteAdvertisingIsSaleOrShareAndMapsToGoogleAdTypes_C19_C20() {
        Category marketing = policy.category("marketing").orElseThrow();

        assertThat(policy.saleOrShareCategoryIds()).containsExactly("marketing");
        assertThat(marketing.googleConsentMode())
                .containsExactlyInAnyOrder(
                        GoogleConsentType.AD_STORAGE,
                        GoogleConsentType.AD_USER_DATA,
                        GoogleConsentType.AD_PERSONALIZATION);
    }
}
