/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

/**
 * {@link MariaDbConsentLedgerTest} through MySQL Connector/J, the driver MySQL sites use: it streams a
 * range only with its own fetch size and converts times unless told not to, so it gets every test again.
 */
class MySqlConnectorOnMariaDbConsentLedgerTest extends MariaDbConsentLedgerTest {

    @Override
    protected String scheme() {
        return "mysql";
    }
}
