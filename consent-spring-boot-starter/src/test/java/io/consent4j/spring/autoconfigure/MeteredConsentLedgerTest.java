/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerExport;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.PurgeableConsentLedger;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MeteredConsentLedgerTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("metered-test");

    @Test
    void aMeteredLedgerHandsAnExportWhatItNeedsToConfirmPurgeAnchors_C25_C26() throws IOException {
        ConsentPolicy policy;
        try (InputStream in = getClass().getResourceAsStream("/consent-policy.json")) {
            policy = ConsentPolicy.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Instant then = Instant.parse("2026-03-02T09:30:00Z");
        InMemoryConsentLedger store = new InMemoryConsentLedger(LedgerSettings.builder(SIGNER)
                .clock(Clock.fixed(then, ZoneOffset.UTC))
                .build());
        try (ConsentLedger metered = MeteredConsentLedger.of(store, new SimpleMeterRegistry())) {
            metered.archive(policy);
            ConsentRecord old = metered.append(RecordContent.builder(policy, ConsentEvent.GIVEN)
                    .consentId(ConsentId.random())
                    .build());
            PurgeableConsentLedger purgeable = (PurgeableConsentLedger) metered;
            ConsentRecord purge = purgeable.purgeBefore(then.plusSeconds(1)).orElseThrow();

            assertThat(purgeable.anchors()).isEqualTo(store.anchors()).hasSize(1);
            assertThat(purgeable.latestPurge()).contains(purge);
            assertThat(metered.hasRecords(then, then.plusSeconds(1))).isTrue();
            assertThat(metered.findByConsentId(old.content().consentId())).isEmpty();
            LedgerExport.Verified verified = new LedgerExport(metered, SIGNER.verifier())
                    .verify(then.minusSeconds(60), then.plusSeconds(60), then);
            assertThat(verified.report().ok()).as(verified.summary()).isTrue();
            assertThat(verified.summary()).contains("after the purge anchor at record 1");
        }
    }

    @Test
    void aMeteredLedgerLetsConsent4jFindTheStoreBeneathIt() {
        try (InMemoryConsentLedger store =
                new InMemoryConsentLedger(LedgerSettings.builder(SIGNER).build())) {
            ConsentLedger metered = MeteredConsentLedger.of(store, new SimpleMeterRegistry());

            assertThat(metered).isNotSameAs(store);
            assertThat(metered.unwrapped()).isSameAs(store);
            assertThat(MeteredConsentLedger.of(metered, new SimpleMeterRegistry())
                            .unwrapped())
                    .isSameAs(store);
        }
    }
}
