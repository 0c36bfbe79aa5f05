/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract in the MySQL dialect, on H2 in {@code MODE=MySQL}: checks that
 * {@code schema-mysql.sql} executes and that the MySQL statements (the upserts) do what they should, also
 * where no MariaDB server is installed. What H2 does not imitate (collations, InnoDB locking, the drivers'
 * streaming and time handling) is covered by {@link MariaDbConsentLedgerTest} on a real server.
 */
class MySqlDialectOnH2ConsentLedgerTest extends JdbcConsentLedgerContract {

    private JdbcDataSource dataSource;

    @Override
    protected void openStore() {
        dataSource = new JdbcDataSource();
        dataSource.setURL(
                "jdbc:h2:mem:mysql-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        createTables(dataSource);
    }

    @Override
    protected void closeStore() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected JdbcDialect dialect() {
        return JdbcDialect.MYSQL;
    }

    @Test
    void mySqlSchemaScriptExecutesOnH2InMySqlMode() {
        assertThat(JdbcDialect.MYSQL.schemaStatements())
                .hasSize(9) // the ledger's four tables, the cookie inventory and the dashboard's four counters
                .allSatisfy(sql -> assertThat(sql).startsWith("CREATE TABLE IF NOT EXISTS"));
        createTables(dataSource);
    }
}
