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

/**
 * The insights contract on a real MariaDB server ({@link MariaDbServer}) in the MySQL dialect, in a fresh
 * database per test: the counter tables' schema, the day and time bindings and the counting's transactions
 * as a MySQL-family server takes them. Skips with a message when MariaDB is not installed, unless
 * {@code CONSENT4J_MARIADB=required}. {@link MySqlConnectorOnMariaDbLedgerInsightsTest} runs it through
 * MySQL Connector/J.
 */
class MariaDbLedgerInsightsTest extends LedgerInsightsContract {

    private String database;
    private HikariDataSource dataSource;

    /** The JDBC URL scheme, which picks the driver: {@code mariadb} or {@code mysql}. */
    protected String scheme() {
        return "mariadb";
    }

    @Override
    protected void openStore() {
        MariaDbServer.requireOrSkip();
        database = MariaDbServer.newDatabase();
        dataSource = MariaDbServer.pool(scheme(), database, 4);
        new JdbcConsentLedger(
                        dataSource,
                        LedgerSettings.builder(ReceiptSigner.generate("schema")).build(),
                        JdbcDialect.MYSQL)
                .initializeSchema();
    }

    @Override
    protected void closeStore() {
        if (dataSource != null) {
            dataSource.close();
            MariaDbServer.dropDatabase(database);
        }
    }

    @Override
    protected ConsentLedger openLedger(LedgerSettings settings) {
        return new JdbcConsentLedger(dataSource, settings, JdbcDialect.MYSQL);
    }
}
