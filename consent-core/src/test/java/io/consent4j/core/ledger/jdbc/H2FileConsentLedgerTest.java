/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ConsentId;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on an H2 file database per test, opened the way applications do: {@code h2File}. */
class H2FileConsentLedgerTest extends JdbcConsentLedgerContract {

    @TempDir
    Path directory;

    private Path file;
    private JdbcDataSource dataSource;

    @Override
    protected void openStore() {
        file = directory.resolve("ledger");
        dataSource = new JdbcDataSource();
        dataSource.setURL(H2Files.url(file));
        dataSource.setUser("sa");
        createTables(dataSource);
    }

    @Override
    protected ConsentLedger openLedger(LedgerSettings settings) {
        return JdbcConsentLedger.h2File(file, settings);
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected JdbcDialect dialect() {
        return JdbcDialect.H2;
    }

    @Test
    void h2FileCreatesTheDatabaseAndKeepsRecordsAcrossReopening() {
        Path other = directory.resolve("other");
        ConsentRecord record;
        try (ConsentLedger ledger = JdbcConsentLedger.h2File(other, settings("node-a"))) {
            ledger.archive(policy);
            record = ledger.append(given(ConsentId.random()));
        }
        assertThat(Files.exists(directory.resolve("other.mv.db"))).isTrue();

        try (ConsentLedger again = JdbcConsentLedger.h2File(directory.resolve("other.mv.db"), settings("node-a"))) {
            assertThat(again.findByConsentId(record.consentId())).containsExactly(record);
            assertThat(again.verify().ok()).isTrue();
        }
    }

    @Test
    void dialectIsDetectedFromTheConnection() {
        JdbcConsentLedger ledger = new JdbcConsentLedger(dataSource, settings("node-a"));

        assertThat(ledger.dialect()).isEqualTo(JdbcDialect.H2);
    }
}
