/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the ledger's tables and indexes from the dialect's idempotent schema script, also when several
 * nodes start at once, and warns once when an H2 database would acknowledge commits before writing them.
 */
final class LedgerSchema {

    private static final Logger log = LoggerFactory.getLogger(LedgerSchema.class);

    private final SqlRunner sql;
    private final AtomicBoolean checkedDurability = new AtomicBoolean();

    LedgerSchema(SqlRunner sql) {
        this.sql = sql;
    }

    /** Creates what is missing; see {@link JdbcConsentLedger#initializeSchema()}. */
    void initialize() {
        List<String> statements = sql.dialect().schemaStatements();
        try {
            run(statements);
        } catch (SQLException first) {
            // Nodes starting together can race on CREATE ... IF NOT EXISTS; a second run sees the tables.
            try {
                run(statements);
            } catch (SQLException e) {
                e.addSuppressed(first);
                throw sql.failure(
                        "could not create the consent ledger tables from "
                                + sql.dialect().schemaResource(),
                        e);
            }
        }
    }

    private void run(List<String> statements) throws SQLException {
        try (Connection connection = sql.connect()) {
            checkDurability(connection);
            // Where the dialect has a lock for it, the schema is created in one transaction that holds it.
            String lock = sql.dialect().schemaLockSql();
            boolean transactional = lock != null;
            if (transactional) {
                connection.setAutoCommit(false);
            }
            try (Statement statement = connection.createStatement()) {
                if (transactional) {
                    statement.execute(lock);
                }
                for (String each : statements) {
                    statement.execute(each);
                }
                if (transactional) {
                    connection.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (transactional) {
                    SqlRunner.rollback(connection, e);
                }
                throw e;
            } finally {
                if (transactional) {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    /** Warns once when an H2 file database would acknowledge commits before writing them. */
    private void checkDurability(Connection connection) {
        String writeDelay = sql.dialect().writeDelaySql();
        if (writeDelay == null || !checkedDurability.compareAndSet(false, true)) {
            return;
        }
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(writeDelay)) {
            String url = connection.getMetaData().getURL();
            boolean inMemory = url != null && url.startsWith("jdbc:h2:mem:");
            if (row.next() && !"0".equals(row.getString(1)) && !inMemory) {
                log.warn(
                        "The H2 database {} keeps commits in memory for {} ms (WRITE_DELAY): consent records"
                                + " acknowledged in that time are lost if the process dies. Add ;WRITE_DELAY=0 to"
                                + " the URL, or use JdbcConsentLedger.h2File.",
                        url,
                        row.getString(1));
            }
        } catch (SQLException e) {
            log.debug("Could not read H2's WRITE_DELAY: {}", e.toString());
        }
    }
}
