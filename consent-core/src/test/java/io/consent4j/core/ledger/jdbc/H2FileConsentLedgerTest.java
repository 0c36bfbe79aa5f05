/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.token.ConsentId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
            assertThat(again.findByConsentId(record.content().consentId())).containsExactly(record);
            assertThat(again.verify().ok()).isTrue();
        }
    }

    @Test
    void everyGroupAndCheckpointIsForcedToTheDiskAfterItsCommit_C21() {
        // H2 leaves a commit in the operating system's cache; only CHECKPOINT SYNC makes it survive a power
        // failure, so an append may return only after it ran.
        FaultyDataSource recording = new FaultyDataSource(dataSource);
        try (JdbcConsentLedger ledger = new JdbcConsentLedger(recording, settings("node-a"), JdbcDialect.H2)) {
            ledger.archive(policy);
            for (int i = 0; i < 3; i++) {
                ledger.append(given(ConsentId.random()));
            }

            List<String> calls = recording.calls();
            List<String> afterCommits = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                if (calls.get(i).equals("commit")) {
                    afterCommits.add(i + 1 < calls.size() ? calls.get(i + 1) : "nothing");
                }
            }
            assertThat(afterCommits).hasSize(3).containsOnly("CHECKPOINT SYNC");

            // A signed checkpoint (its insert commits by itself) is forced to the disk as well.
            long before =
                    recording.calls().stream().filter("CHECKPOINT SYNC"::equals).count();
            ledger.checkpoint();
            assertThat(recording.calls()).last().isEqualTo("CHECKPOINT SYNC");
            assertThat(recording.calls().stream()
                            .filter("CHECKPOINT SYNC"::equals)
                            .count())
                    .isEqualTo(before + 1);
        }
    }

    @Test
    void aUserWithoutAdminRightsStillAppendsAndIsWarnedOnce() throws Exception {
        try (Connection admin = dataSource.getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE USER writer PASSWORD 'w'");
            statement.execute("GRANT SELECT, INSERT ON consent_record, consent_policy, consent_checkpoint,"
                    + " consent_anchor TO writer");
        }
        JdbcDataSource writer = new JdbcDataSource();
        writer.setURL("jdbc:h2:file:" + file); // the database is open already; setting WRITE_DELAY needs admin
        writer.setUser("writer");
        writer.setPassword("w");
        PrintStream err = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try (JdbcConsentLedger ledger = new JdbcConsentLedger(writer, settings("node-w"), JdbcDialect.H2)) {
            ledger.archive(policy);
            ConsentRecord first = ledger.append(given(ConsentId.random()));
            ConsentRecord second = ledger.append(given(ConsentId.random()));

            assertThat(ledger.findByConsentId(second.content().consentId())).containsExactly(second);
            assertThat(second.previousHash()).isEqualTo(first.hash());
        } finally {
            System.setErr(err);
        }
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .containsOnlyOnce("no admin rights")
                .contains("CHECKPOINT SYNC");
    }

    @Test
    void dialectIsDetectedFromTheConnection() {
        JdbcConsentLedger ledger = new JdbcConsentLedger(dataSource, settings("node-a"));

        assertThat(ledger.dialect()).isEqualTo(JdbcDialect.H2);
    }
}
