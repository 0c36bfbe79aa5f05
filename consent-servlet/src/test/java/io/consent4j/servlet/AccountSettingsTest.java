/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountSettingsTest {

    @Test
    void restoringIsOffUnlessTheSiteOptsIn() {
        ConsentSettings settings = ConsentSettings.builder().build();

        assertThat(settings.accountRestore()).isFalse();
        assertThat(settings.accountCheckInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesANegativeOrLongCheckInterval() {
        assertThatThrownBy(() -> ConsentSettings.builder().accountCheckInterval(Duration.ofSeconds(-1)))
                .hasMessageStartingWith(ConsentSettings.ACCOUNT_CHECK_INTERVAL);
        assertThatThrownBy(() -> ConsentSettings.builder().accountCheckInterval(Duration.ofMinutes(11)))
                .hasMessageStartingWith(ConsentSettings.ACCOUNT_CHECK_INTERVAL);
        assertThat(ConsentSettings.builder()
                        .accountCheckInterval(Duration.ZERO)
                        .build()
                        .accountCheckInterval())
                .isZero();
    }
}
