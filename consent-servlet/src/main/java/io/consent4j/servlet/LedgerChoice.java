/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Which ledger {@link ConsentSettings} choose: one given in code, or the store that {@link LedgerFactory}
 * opens with what that store needs.
 *
 * @param given the application's own ledger, which wins over {@code store}; or null
 * @param store {@value ConsentSettings#LEDGER_STORE}, or null when none is chosen
 * @param path {@value ConsentSettings#LEDGER_PATH}, the H2 file of the {@code h2} store
 * @param jndiName {@value ConsentSettings#LEDGER_JNDI_NAME}, or null
 * @param dataSource the {@link DataSource} of the {@code datasource} store, or null
 * @param initializeSchema {@value ConsentSettings#LEDGER_INITIALIZE_SCHEMA}
 * @param customizers adjust the settings of the ledger the assembly opens, in order
 */
record LedgerChoice(
        ConsentLedger given,
        ConsentSettings.LedgerStore store,
        Path path,
        String jndiName,
        DataSource dataSource,
        ConsentSettings.SchemaInitialization initializeSchema,
        List<Consumer<LedgerSettings.Builder>> customizers) {

    LedgerChoice {
        customizers = List.copyOf(customizers);
    }

    /** The ledger choice among {@code v}. */
    static LedgerChoice of(SettingsValues v) {
        return new LedgerChoice(
                v.ledger,
                v.ledgerStore,
                v.ledgerPath,
                v.ledgerJndiName,
                v.dataSource,
                v.initializeSchema,
                v.ledgerCustomizers);
    }

    /** Applies the customizers, in order, to {@code settings}. */
    void customize(LedgerSettings.Builder settings) {
        customizers.forEach(c -> c.accept(settings));
    }

    /**
     * Checks {@value ConsentSettings#LEDGER_INITIALIZE_SCHEMA}.
     *
     * @throws IllegalArgumentException naming the property when it is null
     */
    static ConsentSettings.SchemaInitialization checkInitializeSchema(ConsentSettings.SchemaInitialization mode) {
        if (mode == null) {
            throw SettingChecks.bad(
                    ConsentSettings.LEDGER_INITIALIZE_SCHEMA, null, "must be always, embedded or never");
        }
        return mode;
    }
}
