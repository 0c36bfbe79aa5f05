/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.VerificationReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The Actuator endpoint {@code consent}: {@code GET /actuator/consent} gives the policy in force and the
 * events of the last 30 days per type; {@code GET /actuator/consent/verify} verifies every chain of the
 * ledger, which reads the whole ledger. Expose it like any endpoint
 * ({@code management.endpoints.web.exposure.include=health,consent}) and protect it as an auditor tool.
 */
@Endpoint(id = "consent")
class ConsentActuatorEndpoint {

    private static final Duration STATISTICS_RANGE = Duration.ofDays(30);

    private final ConsentManager manager;
    private final Clock clock;

    ConsentActuatorEndpoint(ConsentManager manager, Clock clock) {
        this.manager = manager;
        this.clock = clock;
    }

    /** The policy and the events of the last 30 days. */
    @ReadOperation
    public Map<String, Object> statistics() {
        Instant to = clock.instant();
        Instant from = to.minus(STATISTICS_RANGE);
        Map<String, Long> events = new TreeMap<>();
        try (Stream<ConsentRecord> records = manager.ledger().stream(from, to)) {
            records.forEach(r -> events.merge(r.content().event().jsonName(), 1L, Long::sum));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("policyVersion", manager.policy().version());
        result.put("policyHash", manager.policy().contentHash());
        result.put("chain", manager.ledger().chainId());
        result.put("from", from.toString());
        result.put("to", to.toString());
        result.put("events", events);
        return result;
    }

    /** {@code verify}: the verification of every chain. */
    @ReadOperation
    public Map<String, Object> verification(@Selector String what) {
        if (!"verify".equals(what)) {
            return Map.of("error", "unknown: use /actuator/consent/verify");
        }
        VerificationReport report = manager.ledger().verify();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", report.ok());
        result.put("records", report.records());
        result.put("verifiedAt", report.verifiedAt().toString());
        List<Map<String, Object>> chains = report.chains().stream()
                .map(chain -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("chain", chain.chainId());
                    c.put("ok", chain.ok());
                    c.put("records", chain.records());
                    c.put("lastSequence", chain.lastSequence());
                    if (chain.message() != null) {
                        c.put("message", chain.message());
                    }
                    return c;
                })
                .toList();
        result.put("chains", chains);
        result.put("problems", report.problems());
        return result;
    }
}
