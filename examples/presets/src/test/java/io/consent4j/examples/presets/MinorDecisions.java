/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.presets;

import io.consent4j.core.decision.ConsentDecider;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.Service;
import io.consent4j.core.token.AgeBand;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.ConsentId;
import io.consent4j.core.token.DecodedCookie;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;

/** Decides requests against a preset for a visitor who accepted everything, at a fixed time. */
final class MinorDecisions {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private MinorDecisions() {}

    /** An "accept all" consent by the visitor themselves (no parent), given just now. */
    static Consent acceptAll(ConsentPolicy policy) {
        return new Consent(
                new ConsentId(0x0123456789abcdefL, 0x0fedcba987654321L),
                policy.version(),
                policy.categories().stream()
                        .filter(c -> !c.required())
                        .map(Category::id)
                        .collect(Collectors.toSet()),
                policy.services().stream().map(Service::id).collect(Collectors.toSet()),
                NOW,
                NOW.atOffset(ZoneOffset.UTC).plusMonths(6).toInstant(),
                false,
                AgeBand.UNSPECIFIED,
                false);
    }

    static ConsentDecision decide(ConsentPolicy policy, Consent consent, RequestSignals signals) {
        return ConsentDecider.decide(
                policy, new DecodedCookie(DecodedCookie.Status.VALID, consent), signals, NOW.plusSeconds(60));
    }
}
