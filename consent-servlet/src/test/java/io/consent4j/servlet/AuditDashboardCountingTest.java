/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcDialect;
import io.consent4j.core.token.ConsentId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard after an upgrade, on a real H2 ledger whose stored records were never counted: the pages
 * answer from what the background has counted, say in their language how far it has come, and stop saying
 * so when it is done. The background counting runs on an executor the test runs by hand.
 */
class AuditDashboardCountingTest {

    private static final String TOKEN = "counting-auditor-token";
    private static final int RECORDS = 12;

    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private JdbcConsentLedger ledger;
    private AuditEndpoint endpoint;

    @BeforeEach
    void upgradeWithRecordsNotCounted() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:dashboard-counting-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ledger = new JdbcConsentLedger(
                h2, LedgerSettings.builder(Site.SIGNER).chainId("node-1").build(), JdbcDialect.H2);
        ledger.initializeSchema();
        ledger.archive(Fixtures.POLICY);
        for (int i = 0; i < RECORDS; i++) {
            ledger.append(RecordContent.builder(Fixtures.POLICY, ConsentEvent.GIVEN)
                    .consentId(ConsentId.random())
                    .build());
        }
        ledger.insights().startCounting(tasks::add);
        endpoint = AuditEndpoint.builder(ledger, Site.SIGNER)
                .tokenHash(AuditEndpoint.hashToken(TOKEN))
                .build();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private String page(String query) throws Exception {
        FakeRequest request = FakeRequest.parse(
                        ("GET /consent-audit/dashboard?" + query + " HTTP/1.1\r\nAuthorization: Bearer " + TOKEN
                                        + "\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1),
                        AuditEndpoint.DEFAULT_PATH,
                        "127.0.0.1")
                .orElseThrow();
        FakeResponse response = new FakeResponse();
        endpoint.service(request, response);
        assertThat(response.getStatus()).isEqualTo(200);
        return response.text();
    }

    private List<ConsentRecord> records() {
        try (Stream<ConsentRecord> all =
                ledger.stream(java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60))) {
            return all.toList();
        }
    }

    @Test
    void whileTheBackgroundCountsEveryPageSaysHowFarInItsLanguageAndShowsWhatItHas_C25() throws Exception {
        List<ConsentRecord> before = records();

        assertThat(page("lang=en"))
                .as("the page did not count on the request's thread")
                .contains("Counting records in the background has started", "<strong>0</strong> records in total");

        tasks.remove().run(); // counts the first batch, which here holds every record, and hands on the next
        assertThat(page("lang=de"))
                .contains(
                        "Einträge werden im Hintergrund gezählt: bisher 12 von 12.",
                        "<strong>12</strong> Einträge insgesamt");
        assertThat(page("lang=en")).contains("Counting records in the background: 12 of 12 counted so far.");

        tasks.remove().run(); // finds nothing more
        assertThat(tasks).isEmpty();
        assertThat(page("lang=de"))
                .doesNotContain("class=\"counting\"")
                .contains("<strong>12</strong> Einträge insgesamt");
        assertThat(records()).as("nothing recorded is changed").isEqualTo(before);
    }
}
