/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ConsentDecision;
import io.consent4j.servlet.ConsentRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Counts the decisions the {@link io.consent4j.servlet.ConsentFilter} made, by state
 * ({@code consent4j.decisions}, tags {@code state} and {@code banner}). It runs right after that filter
 * and only reads the decision it left on the request.
 */
final class ConsentDecisionMetricsFilter implements Filter {

    static final String DECISIONS = "consent4j.decisions";

    private final MeterRegistry registry;

    ConsentDecisionMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<ConsentDecision> decision = ConsentRequests.decision(request);
        decision.ifPresent(d -> Counter.builder(DECISIONS)
                .description("Consent decisions made by the consent filter")
                .tag("state", d.state().name().toLowerCase(java.util.Locale.ROOT))
                .tag("banner", Boolean.toString(d.showBanner()))
                .register(registry)
                .increment());
        chain.doFilter(request, response);
    }
}
