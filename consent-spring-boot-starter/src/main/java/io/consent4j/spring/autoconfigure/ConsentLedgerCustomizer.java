/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ledger.LedgerSettings;

/**
 * Adjusts the settings of the ledger the starter creates (chain id, checkpoint interval, clock) before
 * it is built. Every bean of this type is applied, in their order.
 */
@FunctionalInterface
public interface ConsentLedgerCustomizer {

    /** Changes {@code settings} in place. */
    void customize(LedgerSettings.Builder settings);
}
