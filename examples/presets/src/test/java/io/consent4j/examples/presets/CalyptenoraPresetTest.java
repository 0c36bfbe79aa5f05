/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.presets;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.decision.ConsentDecider;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.Service;
import io.consent4j.core.token.DecodedCookie;
import org.junit.jupiter.api.Test;

/** Calyptenora: its four cookie types, video hosting and support chat, with real opt-in. */
class CalyptenoraPresetTest {

    private final ConsentPolicy policy = Presets.load("calyptenora");

    @Test
    void hasTheFourCookieTypesThePolicyNames_C8() {
        assertThat(policy.categories())
                .extracting(Category::id)
                .containsExactly("necessary", "functional", "analytics", "performance");
    }

    @Test
    void declaresVideoHostingSupportChatPaymentAndMeasurement_C7() {
        assertThat(policy.services())
                .extracting(Service::id)
                .containsExactly("session", "payment", "preferences", "video", "support-chat", "matomo", "sentry");
        assertThat(policy.service("video").orElseThrow().category()).isEqualTo("functional");
        assertThat(policy.service("support-chat").orElseThrow().category()).isEqualTo("functional");
        assertThat(policy.service("sentry").orElseThrow().category()).isEqualTo("performance");
    }

    @Test
    void mereUseOfTheSiteGrantsNothingUnlikeTheFooterClaims_C3() {
        ConsentDecision decision = ConsentDecider.decide(
                policy, new DecodedCookie(DecodedCookie.Status.ABSENT, null), RequestSignals.NONE, MinorDecisions.NOW);

        assertThat(decision.allowedCategories()).containsExactly("necessary");
        assertThat(decision.showBanner()).isTrue();
    }
}
