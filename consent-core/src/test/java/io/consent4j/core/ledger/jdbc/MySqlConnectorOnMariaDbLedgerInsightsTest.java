/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

/**
 * {@link MariaDbLedgerInsightsTest} through MySQL Connector/J, the driver MySQL sites use: it binds days
 * and times its own way, so the counters get every test again.
 */
class MySqlConnectorOnMariaDbLedgerInsightsTest extends MariaDbLedgerInsightsTest {

    @Override
    protected String scheme() {
        return "mysql";
    }
}
