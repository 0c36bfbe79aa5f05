/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.GoogleConsentType;
import jakarta.servlet.ServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whether server-side tracking may measure a request, from the filter's decision; Jetty in ServerSideMeasurementIT. */
class ServerSideMeasurementTest {

    /** A request carrying only attributes, as the filter leaves its decision on it. */
    private static ServletRequest request(ConsentDecision decision) {
        Map<String, Object> attributes = new HashMap<>();
        if (decision != null) {
            attributes.put(ConsentRequests.DECISION_ATTRIBUTE, decision);
        }
        return (ServletRequest) Proxy.newProxyInstance(
                ServletRequest.class.getClassLoader(), new Class<?>[] {ServletRequest.class}, (p, m, args) -> {
                    if (m.getName().equals("getAttribute")) {
                        return attributes.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private static ConsentDecision decide(String cookie, RequestSignals signals) {
        return Fixtures.decider().decide(cookie, signals);
    }

    @Test
    void deniesWithoutADecisionAndBeforeAnyChoice_C1() {
        assertThat(ServerSideMeasurement.allows(null, "matomo")).isFalse();
        assertThat(ServerSideMeasurement.allows(request(null), "matomo")).isFalse();
        assertThat(ServerSideMeasurement.allows(request(decide(null, RequestSignals.NONE)), "matomo"))
                .isFalse();
    }

    @Test
    void allowsExactlyTheGrantedServicesAndRequiredOnes_C1() {
        ServletRequest request =
                request(decide(Fixtures.cookieValue(Set.of("analytics"), Set.of("matomo", "ga")), RequestSignals.NONE));

        assertThat(ServerSideMeasurement.allows(request, "matomo")).isTrue();
        assertThat(ServerSideMeasurement.allows(request, "ga")).isTrue();
        assertThat(ServerSideMeasurement.allows(request, "newsletter")).isFalse();
        assertThat(ServerSideMeasurement.allows(request, "platform")).isTrue();
        assertThat(ServerSideMeasurement.allows(request, "unknown")).isFalse();
        assertThat(ServerSideMeasurement.allows(request, null)).isFalse();
    }

    @Test
    void aRefusalOrASignalDenies_C19() {
        String everything = Fixtures.cookieValue(Set.of("analytics", "marketing"), Set.of("matomo", "newsletter"));

        assertThat(ServerSideMeasurement.allows(request(decide(Fixtures.refusal(), RequestSignals.NONE)), "matomo"))
                .isFalse();
        ServletRequest objecting = request(decide(everything, RequestSignals.fromHeaders("1", null)));
        assertThat(ServerSideMeasurement.allows(objecting, "newsletter")).isFalse();
        assertThat(ServerSideMeasurement.allows(objecting, "matomo")).isTrue();
    }

    @Test
    void measurementProtocolConsentFollowsTheMappedCategories_C20() {
        ConsentPolicy policy = Fixtures.POLICY.toBuilder()
                .replaceCategory(Category.builder("marketing")
                        .googleConsentMode(GoogleConsentType.AD_USER_DATA, GoogleConsentType.AD_PERSONALIZATION)
                        .build())
                .build();
        String marketing = Fixtures.cookieValue(Set.of("marketing"), Set.of());

        assertThat(ServerSideMeasurement.measurementProtocolConsent(
                        request(decide(marketing, RequestSignals.NONE)), policy))
                .containsExactlyInAnyOrderEntriesOf(Map.of("ad_user_data", "GRANTED", "ad_personalization", "GRANTED"));
        assertThat(ServerSideMeasurement.measurementProtocolConsent(
                        request(decide(marketing, RequestSignals.fromHeaders("1", null))), policy))
                .containsEntry("ad_user_data", "DENIED");
        assertThat(ServerSideMeasurement.measurementProtocolConsent(request(null), policy))
                .containsExactlyInAnyOrderEntriesOf(Map.of("ad_user_data", "DENIED", "ad_personalization", "DENIED"));
    }
}
