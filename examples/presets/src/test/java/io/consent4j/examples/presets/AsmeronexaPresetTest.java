/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.presets;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.GoogleConsentType;
import io.consent4j.core.policy.Service;
import io.consent4j.core.token.AgeBand;
import org.junit.jupiter.api.Test;

/** asmeronexa: session cookies, both analytics tools it names, learning tools, newsletter, minors. */
class AsmeronexaPresetTest {

    private final ConsentPolicy policy = Presets.load("asmeronexa");

    @Test
    void sessionIsTheRequiredCategoryBesideFunctionalAnalyticsAndNewsletter_C2_C8() {
        assertThat(policy.categories())
                .extracting(Category::id)
                .containsExactly("session", "functional", "analytics", "newsletter");
        assertThat(policy.requiredCategoryIds()).containsExactly("session");
    }

    @Test
    void declaresGoogleAnalyticsAndMatomoSoASiteCanPickOne_C7() {
        assertThat(policy.servicesOf("analytics"))
                .extracting(Service::id)
                .containsExactly("google-analytics", "matomo");
        assertThat(policy.service("google-analytics").orElseThrow().cookies())
                .extracting(c -> c.name())
                .containsExactly("_ga", "_ga_*");
        assertThat(policy.category("analytics").orElseThrow().googleConsentMode())
                .containsExactly(GoogleConsentType.ANALYTICS_STORAGE);
    }

    @Test
    void embeddedLearningToolsAreOptInFunctionalServices_C1() {
        assertThat(policy.servicesOf("functional"))
                .extracting(Service::id)
                .containsExactly("preferences", "h5p", "videoconference");
    }

    @Test
    void newsletterTrackingIsSaleOrShare_C19() {
        assertThat(policy.saleOrShareCategoryIds()).containsExactly("newsletter");
        assertThat(policy.servicesOf("newsletter")).extracting(Service::id).containsExactly("email-tracking");
    }

    @Test
    void underSixteenGetsOnlyTheSessionCategoryDespiteAcceptAll_C28() {
        var consent = MinorDecisions.acceptAll(policy);

        ConsentDecision adult = MinorDecisions.decide(policy, consent, RequestSignals.NONE);
        ConsentDecision minor =
                MinorDecisions.decide(policy, consent, RequestSignals.NONE.withAgeBand(AgeBand.UNDER_16));

        assertThat(adult.allowedCategories()).contains("functional", "analytics", "newsletter");
        assertThat(minor.allowedCategories()).isEqualTo(policy.requiredCategoryIds());
        assertThat(minor.allowedServices()).isEqualTo(policy.requiredServiceIds());
        assertThat(minor.parentalConsentRequired()).isTrue();
    }
}
