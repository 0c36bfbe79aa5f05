/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.signing.ReceiptSigner;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LedgerSettingsTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("settings-test");

    @Test
    void anAppendWaitsTenSecondsByDefault() {
        assertThat(LedgerSettings.builder(SIGNER).build().appendTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void takesTheAppendTimeoutItIsGiven() {
        assertThat(LedgerSettings.builder(SIGNER)
                        .appendTimeout(Duration.ofMillis(1500))
                        .build()
                        .appendTimeout())
                .isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void refusesAnAppendTimeoutThatIsNotPositiveNamingIt() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), null}) {
            assertThatThrownBy(() ->
                            LedgerSettings.builder(SIGNER).appendTimeout(bad).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("appendTimeout must be positive, was " + bad);
        }
    }

    @Test
    void theWriterWaitsAtMostTwoMillisecondsForMoreAppendsByDefault() {
        assertThat(LedgerSettings.builder(SIGNER).build().maxGroupWait()).isEqualTo(Duration.ofMillis(2));
        assertThat(LedgerSettings.builder(SIGNER)
                        .maxGroupWait(Duration.ZERO)
                        .build()
                        .maxGroupWait())
                .isZero();
    }

    @Test
    void refusesAGroupWaitBelowZeroOrAboveAHundredMillisecondsNamingIt() {
        for (Duration bad : new Duration[] {Duration.ofNanos(-1), Duration.ofMillis(101), null}) {
            assertThatThrownBy(() ->
                            LedgerSettings.builder(SIGNER).maxGroupWait(bad).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxGroupWait must be between 0 and 100 ms, was " + bad);
        }
    }
}
