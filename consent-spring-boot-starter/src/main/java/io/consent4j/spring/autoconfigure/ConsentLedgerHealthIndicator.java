/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The ledger's health: up when it answers a query of the last minute. It does not verify the chains,
 * which reads the whole ledger; the {@code consent} Actuator endpoint does that on request.
 */
class ConsentLedgerHealthIndicator extends AbstractHealthIndicator {

    private final ConsentLedger ledger;
    private final Clock clock;

    ConsentLedgerHealthIndicator(ConsentLedger ledger, Clock clock) {
        super("consent4j ledger health check failed");
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant now = clock.instant();
        long recent;
        try (Stream<ConsentRecord> records = ledger.stream(now.minus(Duration.ofMinutes(1)), now)) {
            recent = records.count();
        }
        builder.up()
                .withDetail("chain", ledger.chainId())
                .withDetail("ledger", ledger.getClass().getSimpleName())
                .withDetail("recordsLastMinute", recent);
    }
}
