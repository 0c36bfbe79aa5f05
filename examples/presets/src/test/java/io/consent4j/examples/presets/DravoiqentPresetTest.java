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
import io.consent4j.core.policy.Service;
import io.consent4j.core.token.AgeBand;
import org.junit.jupiter.api.Test;

/** Dravoiqent: truncated-IP analytics, streaming, payment, e-mail tracking, webinars, under-16 rule. */
class DravoiqentPresetTest {

    private final ConsentPolicy policy = Presets.load("dravoiqent");

    @Test
    void hasNecessaryFunctionalAnalyticsAndMarketingCategories_C8() {
        assertThat(policy.categories())
                .extracting(Category::id)
                .containsExactly("necessary", "functional", "analytics", "marketing");
    }

    @Test
    void declaresAnalyticsStreamingPaymentEmailTrackingAndWebinars_C7() {
        assertThat(policy.services())
                .extracting(Service::id)
                .containsExactly("session", "payment", "video", "webinar", "matomo", "email-tracking");
        assertThat(policy.service("matomo").orElseThrow().purpose().resolve("de", "de"))
                .hasValueSatisfying(p -> assertThat(p).contains("gekürzten IP-Adressen"));
    }

    @Test
    void emailTrackingIsSaleOrShareSoGpcObjectsToIt_C19() {
        assertThat(policy.saleOrShareCategoryIds()).containsExactly("marketing");
        assertThat(policy.service("email-tracking").orElseThrow().category()).isEqualTo("marketing");

        ConsentDecision decision =
                MinorDecisions.decide(policy, MinorDecisions.acceptAll(policy), RequestSignals.fromHeaders("1", null));

        assertThat(decision.allows("marketing")).isFalse();
        assertThat(decision.allows("analytics")).isTrue();
    }

    @Test
    void underSixteenGetsOnlyNecessaryUntilAParentConsents_C28() {
        var consent = MinorDecisions.acceptAll(policy);

        ConsentDecision adult = MinorDecisions.decide(policy, consent, RequestSignals.NONE);
        ConsentDecision minor =
                MinorDecisions.decide(policy, consent, RequestSignals.NONE.withAgeBand(AgeBand.UNDER_16));

        assertThat(adult.allowedCategories())
                .containsExactlyInAnyOrder("necessary", "functional", "analytics", "marketing");
        assertThat(minor.allowedCategories()).containsExactly("necessary");
        assertThat(minor.allowedServices()).isEqualTo(policy.requiredServiceIds());
        assertThat(minor.parentalConsentRequired()).isTrue();
    }
}
