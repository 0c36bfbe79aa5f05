/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.decision.ConsentDecider;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.token.AgeBand;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.ConsentId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The state's text is kept per shape of decision and filled with each visitor's id and expiry: it must
 * always equal what {@link StateJson#state} writes for that visitor, on the first call and on every later
 * one, and never carry one visitor's id or expiry into another's state.
 */
class StateTextTest {

    private static final Set<String> ALL_CATEGORIES = Set.of("functional", "analytics", "marketing");
    private static final Set<String> ALL_SERVICES = Set.of("video", "matomo", "ga", "newsletter", "adnet");

    private final ConsentDecider decider = Fixtures.decider();

    private static String written(ConsentDecision decision, String endpoint) {
        return Problem.JSON.writeValueAsString(StateJson.state(Fixtures.POLICY, decision, endpoint));
    }

    private static Consent consent(long seed, Set<String> categories, Set<String> services, int days) {
        return new Consent(
                ConsentId.random(new Random(seed)),
                Fixtures.POLICY.version(),
                categories,
                services,
                Fixtures.NOW.minus(Duration.ofDays(1)),
                Fixtures.NOW.plus(Duration.ofDays(days)),
                false,
                AgeBand.UNSPECIFIED,
                false);
    }

    @Test
    void everyVisitorsStateIsWhatTheStateWriterWrites() {
        List<ConsentDecision> decisions = new ArrayList<>();
        decisions.add(decider.decide(null, RequestSignals.NONE));
        decisions.add(decider.decide("garbage", RequestSignals.NONE));
        decisions.add(decider.decide(null, new RequestSignals(false, false, AgeBand.UNDER_16)));
        for (long seed = 1; seed <= 6; seed++) {
            int days = 30 + (int) seed; // every visitor has an expiry of their own
            for (Consent consent : List.of(
                    consent(seed, ALL_CATEGORIES, ALL_SERVICES, days),
                    consent(seed + 100, Set.of(), Set.of(), days),
                    consent(seed + 200, Set.of("analytics"), Set.of("matomo"), days))) {
                String cookie = Fixtures.CODEC.encode(consent, Fixtures.POLICY);
                decisions.add(decider.decide(cookie, RequestSignals.NONE));
                decisions.add(decider.decide(cookie, new RequestSignals(true, false, AgeBand.UNSPECIFIED)));
            }
        }

        for (int pass = 0; pass < 2; pass++) { // the first pass fills the templates, the second reads them
            for (ConsentDecision decision : decisions) {
                for (String endpoint : List.of("/consent", "/app/consent")) {
                    assertThat(StateText.of(Fixtures.POLICY, decision, endpoint))
                            .as("pass %d, %s at %s", pass, decision, endpoint)
                            .isEqualTo(written(decision, endpoint));
                }
            }
        }
    }
}
