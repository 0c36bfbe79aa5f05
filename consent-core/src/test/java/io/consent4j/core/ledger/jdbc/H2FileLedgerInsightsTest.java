/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.LedgerInsightsContract;
import io.consent4j.core.ledger.LedgerSettings;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

/** The insights contract on an H2 file: counters kept in the database, brought up to date per question. */
class H2FileLedgerInsightsTest extends LedgerInsightsContract {

    @TempDir
    Path directory;

    private JdbcDataSource dataSource;

    @Override
    protected void openStore() {
        dataSource = new JdbcDataSource();
        dataSource.setURL(H2Files.url(directory.resolve("ledger")));
        dataSource.setUser("sa");
        new JdbcConsentLedger(
                        dataSource,
                        LedgerSettings.builder(io.consent4j.core.signing.ReceiptSigner.generate("schema"))
                                .build(),
                        JdbcDialect.H2)
                .initializeSchema();
    }

    @Override
    protected ConsentLedger openLedger(LedgerSettings settings) {
        return new JdbcConsentLedger(dataSource, settings, JdbcDialect.H2);
    }
}
