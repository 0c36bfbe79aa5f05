/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.presets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.PolicyChange;
import io.consent4j.core.policy.Service;
import org.junit.jupiter.api.Test;

/** Fluxariont: its external tools, and asking again on fundamental changes. */
class FluxariontPresetTest {

    private final ConsentPolicy policy = Presets.load("fluxariont");

    @Test
    void hasNecessaryFunctionalAndAnalyticsCategories_C8() {
        assertThat(policy.categories())
                .extracting(Category::id)
                .containsExactly("necessary", "functional", "analytics");
    }

    @Test
    void declaresAnalyticsVideoPaymentCdnAndWebinars_C7() {
        assertThat(policy.services())
                .extracting(Service::id)
                .containsExactly("session", "payment", "cdn", "video", "webinar", "matomo");
        assertThat(policy.servicesOf("functional")).extracting(Service::id).containsExactly("video", "webinar");
    }

    @Test
    void keepsAChoiceSixMonthsBeforeAskingAgain_C16_C18() {
        assertThat(policy.consentLifetimeMonths()).isEqualTo(6);
        assertThat(policy.reaskAfterMonths()).isEqualTo(6);
    }

    @Test
    void addingAServiceIsMaterialAndNeedsANewVersion_C17() {
        ConsentPolicy withChatbot = policy.toBuilder()
                .service(Service.builder("chatbot", "functional")
                        .name("Lernassistent")
                        .provider("Fluxariont")
                        .purpose("de", "Beantwortet Fragen zu Kursinhalten.")
                        .purpose("en", "Answers questions about course content.")
                        .cookie(CookieDeclaration.of("chatbot_session", "session"))
                        .build())
                .build();

        PolicyChange change = PolicyChange.between(policy, withChatbot);

        assertThat(change.isMaterial()).isTrue();
        assertThat(change.material()).anySatisfy(line -> assertThat(line).contains("chatbot"));
        assertThatThrownBy(() -> PolicyChange.requireVersioning(policy, withChatbot))
                .hasMessageContaining("2");
        assertThat(PolicyChange.requireVersioning(
                                policy, withChatbot.toBuilder().version(2).build())
                        .isMaterial())
                .isTrue();
    }
}
