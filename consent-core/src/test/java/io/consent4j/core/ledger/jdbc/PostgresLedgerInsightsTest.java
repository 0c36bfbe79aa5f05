/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.LedgerInsightsContract;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.signing.ReceiptSigner;

/** The insights contract on a real PostgreSQL server, in a fresh schema per test. */
class PostgresLedgerInsightsTest extends LedgerInsightsContract {

    private String schema;
    private HikariDataSource dataSource;

    @Override
    protected void openStore() {
        schema = EmbeddedPostgresServer.newSchema();
        dataSource = EmbeddedPostgresServer.pool(schema, 4);
        new JdbcConsentLedger(
                        dataSource,
                        LedgerSettings.builder(ReceiptSigner.generate("schema")).build(),
                        JdbcDialect.POSTGRESQL)
                .initializeSchema();
    }

    @Override
    protected void closeStore() {
        dataSource.close();
        EmbeddedPostgresServer.dropSchema(schema);
    }

    @Override
    protected ConsentLedger openLedger(LedgerSettings settings) {
        return new JdbcConsentLedger(dataSource, settings, JdbcDialect.POSTGRESQL);
    }
}
