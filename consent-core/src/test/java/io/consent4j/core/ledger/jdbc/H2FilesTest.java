/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.signing.ReceiptSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings of {@code h2File}'s database, and the compactor that keeps its file small. */
class H2FilesTest {

    @TempDir
    Path directory;

    @Test
    void h2FileOpensTheDatabaseWithItsDurableAndCompactSettings_C21() throws Exception {
        Path file = directory.resolve("ledger");
        try (JdbcConsentLedger ledger = JdbcConsentLedger.h2File(
                file, LedgerSettings.builder(ReceiptSigner.generate("k")).build())) {
            ledger.initializeSchema();
            JdbcConnectionPool reader = JdbcConnectionPool.create(H2Files.url(file), "sa", "");
            try {
                Map<String, String> settings = settings(reader);
                // Commits are written when they return; the ledger forces them to the disk itself.
                assertThat(settings).containsEntry("WRITE_DELAY", "0");
                assertThat(settings).containsEntry("RETENTION_TIME", "5000");
                assertThat(settings).containsEntry("COMPRESS", "TRUE");
            } finally {
                reader.dispose();
            }
        }
    }

    @Test
    void compactorGivesTheSpaceOfDeletedRowsBackToTheFileSystem() throws Exception {
        Path file = directory.resolve("compact");
        // H2's own retention would keep freshly written chunks for 5 s; this test compacts at once instead.
        String url = H2Files.url(file).replace("RETENTION_TIME=5000", "RETENTION_TIME=0");
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        try {
            try (Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR)");
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                    // Many small commits, as the ledger's group commits make them, each a chunk of its own.
                    for (int i = 0; i < 5_000; i++) {
                        insert.setInt(1, i);
                        insert.setString(2, "row " + i + " " + "x".repeat(400) + Integer.toHexString(i * 7919));
                        insert.executeUpdate();
                    }
                }
                statement.execute("DELETE FROM t WHERE id >= 500");
                statement.execute("CHECKPOINT SYNC");
            }
            long before = Files.size(Path.of(file + ".mv.db"));
            H2Compactor compactor = H2Compactor.of(pool, new ReentrantLock());

            int steps = 0;
            while (compactor.step() && steps < 10_000) {
                steps++;
            }

            long after = Files.size(Path.of(file + ".mv.db"));
            assertThat(steps).isLessThan(10_000);
            assertThat(after).isLessThan(before / 2);
            try (Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*), SUM(id) FROM t")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(500);
                assertThat(rows.getLong(2)).isEqualTo(499L * 500 / 2);
            }
        } finally {
            pool.dispose();
        }
    }

    private static Map<String, String> settings(JdbcConnectionPool pool) throws Exception {
        Map<String, String> settings = new HashMap<>();
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS")) {
            while (rows.next()) {
                settings.put(rows.getString(1), rows.getString(2));
            }
        }
        return settings;
    }
}
