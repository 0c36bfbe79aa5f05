/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.Fixtures;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionJobTest {

    private final ConsentPolicy policy = Fixtures.policy();
    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.NOW);

    @Test
    void purgesRecordsOlderThanThreeYearsByDefaultAndRecordsThePurge_C26() {
        try (InMemoryConsentLedger ledger =
                new InMemoryConsentLedger(LedgerSettings.builder(ReceiptSigner.generate("k"))
                        .chainId("node-a")
                        .clock(clock)
                        .build())) {
            ledger.archive(policy);
            ConsentId old = ConsentId.random();
            ledger.append(RecordContent.builder(policy, ConsentEvent.GIVEN)
                    .consentId(old)
                    .build());
            clock.advance(Duration.ofDays(2 * 365));
            ConsentId recent = ConsentId.random();
            ledger.append(RecordContent.builder(policy, ConsentEvent.GIVEN)
                    .consentId(recent)
                    .build());
            RetentionJob job = new RetentionJob(ledger, RetentionJob.DEFAULT_RETENTION, clock);

            assertThat(job.runOnce()).isEmpty();
            clock.advance(Duration.ofDays(2 * 365));
            ConsentRecord purge = job.runOnce().orElseThrow();

            assertThat(purge.content().event()).isEqualTo(ConsentEvent.PURGE);
            assertThat(purge.content().method()).isEqualTo(ConsentMethod.RETENTION);
            assertThat(purge.content().actor()).isEqualTo(Actor.SYSTEM);
            assertThat(ledger.findByConsentId(old)).isEmpty();
            assertThat(ledger.findByConsentId(recent)).hasSize(1);
            assertThat(ledger.verify().ok()).isTrue();
        }
    }

    @Test
    void retentionShorterThanTheLongestConsentIsRefused_C26() {
        try (InMemoryConsentLedger ledger = new InMemoryConsentLedger(
                LedgerSettings.builder(ReceiptSigner.generate("k")).build())) {
            assertThatThrownBy(() -> new RetentionJob(ledger, Duration.ofDays(30), clock))
                    .hasMessageContaining("at least 13 months");
        }
    }
}
