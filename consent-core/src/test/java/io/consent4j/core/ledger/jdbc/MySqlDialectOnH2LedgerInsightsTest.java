/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.LedgerInsightsContract;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.signing.ReceiptSigner;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** The insights contract with the MySQL dialect's schema and bindings, on H2 in MODE=MySQL. */
class MySqlDialectOnH2LedgerInsightsTest extends LedgerInsightsContract {

    private JdbcDataSource dataSource;

    @Override
    protected void openStore() {
        dataSource = new JdbcDataSource();
        dataSource.setURL(
                "jdbc:h2:mem:insights-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        new JdbcConsentLedger(
                        dataSource,
                        LedgerSettings.builder(ReceiptSigner.generate("schema")).build(),
                        JdbcDialect.MYSQL)
                .initializeSchema();
    }

    @Override
    protected ConsentLedger openLedger(LedgerSettings settings) {
        return new JdbcConsentLedger(dataSource, settings, JdbcDialect.MYSQL);
    }
}
