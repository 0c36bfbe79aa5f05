/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.decision.ConsentDecider;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.GoogleConsentType;
import io.consent4j.core.policy.PolicyLinks;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Google Consent Mode part of the state the banner script reads (C20). */
class StateJsonTest {

    private static final ConsentPolicy POLICY = ConsentPolicy.builder()
            .version(1)
            .links(PolicyLinks.of("/privacy", "/imprint"))
            .category(Category.builder("necessary").required(true).build())
            .category(Category.builder("analytics")
                    .googleConsentMode(GoogleConsentType.ANALYTICS_STORAGE)
                    .build())
            .category(Category.builder("marketing")
                    .googleConsentMode(GoogleConsentType.AD_STORAGE, GoogleConsentType.AD_USER_DATA)
                    .build())
            .build();

    private static JsonNode consentMode(String cookie) {
        ConsentDecider decider = ConsentDecider.builder(POLICY, Fixtures.CODEC)
                .clock(Fixtures.CLOCK)
                .build();
        ConsentDecision decision = decider.decide(cookie, RequestSignals.NONE);
        return Site.JSON
                .readTree(Problem.JSON.writeValueAsString(StateJson.state(POLICY, decision, "/consent")))
                .path("googleConsentMode");
    }

    @Test
    void defaultDeniesEveryMappedTypeBeforeAnyChoice_C20() {
        JsonNode mode = consentMode(null);

        assertThat(mode.path("enabled").booleanValue()).isTrue();
        assertThat(mode.path("default").propertyNames())
                .containsExactlyInAnyOrder("ad_storage", "ad_user_data", "analytics_storage");
        assertThat(mode.path("default").values()).allMatch(v -> v.stringValue().equals("denied"));
        assertThat(mode.path("update").values()).allMatch(v -> v.stringValue().equals("denied"));
    }

    @Test
    void updateGrantsExactlyTheTypesOfGrantedCategories_C20() {
        String cookie = Fixtures.CODEC.encode(Fixtures.consent(Set.of("analytics"), Set.of()), POLICY);

        JsonNode update = consentMode(cookie).path("update");

        assertThat(update.path("analytics_storage").stringValue()).isEqualTo("granted");
        assertThat(update.path("ad_storage").stringValue()).isEqualTo("denied");
        assertThat(update.path("ad_user_data").stringValue()).isEqualTo("denied");
    }
}
