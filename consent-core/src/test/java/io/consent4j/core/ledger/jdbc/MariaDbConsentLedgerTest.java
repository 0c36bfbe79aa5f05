/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.consent4j.core.ledger.AbstractConsentLedger;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.token.ConsentId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract on a real MariaDB server ({@link MariaDbServer}) in the MySQL dialect, through
 * MariaDB Connector/J, in a fresh database per test; {@link MySqlConnectorOnMariaDbConsentLedgerTest} runs
 * the same through MySQL Connector/J. Besides the contract: what only a MySQL-family server can get wrong
 * (case-insensitive collations, times without a zone, a driver that streams only when told its way).
 */
class MariaDbConsentLedgerTest extends JdbcConsentLedgerContract {

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
        dataSource = MariaDbServer.pool(scheme(), database, 8);
        createTables(dataSource);
    }

    @Override
    protected void closeStore() {
        if (dataSource != null) {
            dataSource.close();
            MariaDbServer.dropDatabase(database);
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
    void dialectIsDetectedFromTheConnection() {
        assertThat(new JdbcConsentLedger(dataSource, settings("node-a")).dialect())
                .isEqualTo(JdbcDialect.MYSQL);
    }

    @Test
    void consentIdsThatDifferOnlyInCaseAreDifferentVisitors_C25() {
        // MySQL and MariaDB compare text case-insensitively unless a column says otherwise; consent ids are
        // base64url, where "a" and "A" are different bits, so one visitor's lookup must not find another's.
        ConsentLedger ledger = open("node-a");
        String text = "AbCdEfGhIjKlMnOpQrStU"; // and a last character without case: its low bits are padding
        ConsentId upper = ConsentId.parse(text + "A");
        ConsentId swapped = ConsentId.parse(swapCase(text) + "A");
        ConsentRecord mine = ledger.append(given(upper));
        ConsentRecord theirs = ledger.append(given(swapped));

        assertThat(ledger.findByConsentId(upper)).containsExactly(mine);
        assertThat(ledger.findByConsentId(swapped)).containsExactly(theirs);
    }

    @Test
    void timesAreStoredAsUtcWhateverTheJvmsZone() throws Exception {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14: any shift shows
        try (HikariDataSource kiritimati = MariaDbServer.pool(scheme(), database, 2);
                ConsentLedger ledger = archived(new JdbcConsentLedger(kiritimati, settings("node-k"), dialect()))) {
            ConsentRecord record = ledger.append(given(ConsentId.random()));

            try (Connection connection = kiritimati.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT DATE_FORMAT(recorded_at, '%Y-%m-%d %H:%i:%s.%f')"
                            + " FROM consent_record WHERE chain_id = 'node-k' AND seq = 1")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1))
                        .isEqualTo(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS000", Locale.ROOT)
                                .format(LocalDateTime.ofInstant(record.recordedAt(), ZoneOffset.UTC)));
            }
            try (Stream<ConsentRecord> range =
                    ledger.stream(record.recordedAt(), record.recordedAt().plusMillis(1))) {
                assertThat(range).as("a range in UTC finds it").containsExactly(record);
            }
            assertThat(ledger.verify().ok())
                    .as("the time column matches the body")
                    .isTrue();
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void rangeStreamsWhileOtherQueriesRun_C25() {
        ConsentLedger ledger = open("node-a");
        List<ConsentRecord> records = appendMany(ledger, 1_200);
        // The appends handed periodic checkpoints to the checkpoint thread, which may still hold a connection
        // of the pool; once checkpoint() returns, none does, so the pool count below is the stream's alone.
        ((AbstractConsentLedger) ledger).checkpoint();
        clock.advance(Duration.ofSeconds(1));

        try (Stream<ConsentRecord> all = ledger.stream(Instant.EPOCH, clock.instant())) {
            Iterator<ConsentRecord> iterator = all.iterator();
            for (int i = 0; i < 600; i++) {
                assertThat(iterator.next().sequence()).isEqualTo(i + 1);
            }
            assertThat(ledger.findByConsentId(records.get(700).content().consentId()))
                    .as("a lookup while a range is half read")
                    .containsExactly(records.get(700));
            int rest = 0;
            while (iterator.hasNext()) {
                iterator.next();
                rest++;
            }
            assertThat(rest).isEqualTo(600);
        }
        assertThat(dataSource.getHikariPoolMXBean().getActiveConnections()).isZero();
    }

    @Test
    void severalNodesCreatingTheSchemaAtOnceAllSucceed() throws Exception {
        String fresh = MariaDbServer.newDatabase();
        try (HikariDataSource nodes = MariaDbServer.pool(scheme(), fresh, 8)) {
            createSchemaFromEightNodesAtOnce(nodes);
        } finally {
            MariaDbServer.dropDatabase(fresh);
        }
    }

    @Test
    void lookupsByConsentIdAccountAndTimeCanUseTheirIndexes_C25() throws Exception {
        appendMany(open("node-a"), 50);
        List<String> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String where : List.of(
                    "consent_id = 'AAAAAAAAAAAAAAAAAAAAAA'",
                    "account_ref = '" + "a".repeat(64) + "'",
                    "recorded_at >= '2020-01-01 00:00:00' AND recorded_at < '2020-01-02 00:00:00'")) {
                try (ResultSet plan = statement.executeQuery("EXPLAIN SELECT * FROM consent_record WHERE " + where)) {
                    plan.next();
                    keys.add(plan.getString("possible_keys"));
                }
            }
        }
        assertThat(keys)
                .containsExactly(
                        "consent_record_consent_id", "consent_record_account_ref", "consent_record_recorded_at");
    }

    private ConsentLedger archived(ConsentLedger ledger) {
        ledger.archive(policy);
        return ledger;
    }

    private static String swapCase(String text) {
        StringBuilder swapped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return swapped.toString();
    }
}
