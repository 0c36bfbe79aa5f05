/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcDialect;
import io.consent4j.core.token.ConsentId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the site keeps its ledger: in the H2 file by default, although the JDBC starter is on the class
 * path, and in PostgreSQL when {@code spring.datasource.url} names one. Both start the site as a user
 * would, with command-line properties.
 */
class LedgerStoreIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void keepsTheLedgerInTheH2FileWhenNoDataSourceIsConfigured(@TempDir Path dir) throws Exception {
        try (ConfigurableApplicationContext site = start("--consent4j.ledger.path=" + dir.resolve("ledger"))) {
            assertThat(site.getBeansOfType(DataSource.class)).isEmpty();
            ConsentLedger ledger = site.getBean(ConsentLedger.class);
            assertThat(ledger)
                    .isInstanceOfSatisfying(
                            JdbcConsentLedger.class,
                            jdbc -> assertThat(jdbc.dialect()).isEqualTo(JdbcDialect.H2));

            ConsentId id = postAcceptAll(site);

            assertThat(ledger.findByConsentId(id)).hasSize(1);
            assertThat(dir.resolve("ledger.mv.db")).isNotEmptyFile();
        }
    }

    @Test
    void recordsAChoiceInPostgresqlWhenADataSourceUrlIsSet(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                ConfigurableApplicationContext site = start(
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--consent4j.ledger.path=" + dir.resolve("unused"))) {
            assertThat(site.getBean(ConsentLedger.class))
                    .isInstanceOfSatisfying(
                            JdbcConsentLedger.class,
                            jdbc -> assertThat(jdbc.dialect()).isEqualTo(JdbcDialect.POSTGRESQL));

            ConsentId id = postAcceptAll(site);

            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    PreparedStatement query =
                            connection.prepareStatement("SELECT event FROM consent_record WHERE consent_id = ?")) {
                query.setString(1, id.toString());
                try (ResultSet rows = query.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("given");
                    assertThat(rows.next()).isFalse();
                }
            }
            assertThat(dir.resolve("unused.mv.db")).doesNotExist();
        }
    }

    private static ConfigurableApplicationContext start(String... properties) {
        String[] args = new String[properties.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--server.address=127.0.0.1";
        System.arraycopy(properties, 0, args, 2, properties.length);
        return new SpringApplicationBuilder(LearningSiteApplication.class).run(args);
    }

    /** Posts "accept all" as a new visitor, as the banner script does; the consent id of the answer. */
    private static ConsentId postAcceptAll(ConfigurableApplicationContext site) throws Exception {
        String origin = "http://127.0.0.1:" + site.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create(origin + "/consent"))
                .header("Content-Type", "application/json")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"accept_all\"}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        return ConsentId.parse(answer.path("state").path("consentId").stringValue());
    }
}
