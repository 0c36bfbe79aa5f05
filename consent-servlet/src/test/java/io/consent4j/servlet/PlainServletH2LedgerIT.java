/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.AbstractConsentLedger;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.receipt.VerifyCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A plain servlet app on the embedded H2 file ledger: choices survive a restart (C21), tampering does not hide. */
class PlainServletH2LedgerIT {

    @TempDir
    Path dir;

    @Test
    void choicesRecordedInTheH2FileSurviveARestart_C21() throws Exception {
        Path ledger = dir.resolve("consent-ledger");
        HttpResponse<String> posted;
        try (PlainServletSite first = PlainServletSite.start(PlainServletSite.h2(ledger))) {
            posted = first.acceptAll();
        }
        assertThat(posted.statusCode()).isEqualTo(200);

        try (PlainServletSite second = PlainServletSite.start(PlainServletSite.h2(ledger))) {
            assertThat(second.manager().ledger().verify().records()).isEqualTo(1);
            assertThat(second.manager().ledger().verify().ok()).isTrue();
        }
    }

    /**
     * What an auditor did from outside: a chain of records with signed checkpoints in the middle and at the
     * end, its newest records deleted with H2's own tools while the site was down, then a restart.
     */
    @Test
    void newestRecordsDeletedFromTheH2FileAreFoundByTheServerAndTheOfflineVerifier_C24() throws Exception {
        String chain = recordSixWithCheckpointsAtThreeAndSix();

        deleteFromH2(chain, 5, 6);

        Audit audit = auditAfterRestart();
        assertThat(audit.verification().path("ok").booleanValue()).isFalse();
        assertThat(audit.verification().path("end").stringValue()).isEqualTo("head");
        assertThat(audit.verification().path("chains").get(0).path("failure").stringValue())
                .isEqualTo("truncated");
        assertThat(audit.exportHeader()).isEqualTo("failed");
        assertThat(audit.exportDetail()).contains("FAILED at record 5 (truncated)");
        assertThat(audit.offlineStatus()).as(audit.offline()).isEqualTo(1);
        assertThat(audit.offline()).contains("FAILED at record 5 (truncated)");
    }

    @Test
    void oldestRecordDeletedFromTheH2FileIsFoundByTheServerAndTheOfflineVerifier_C26() throws Exception {
        String chain = recordSixWithCheckpointsAtThreeAndSix();

        deleteFromH2(chain, 1);

        Audit audit = auditAfterRestart();
        assertThat(audit.verification().path("ok").booleanValue()).isFalse();
        assertThat(audit.verification().path("start").stringValue()).isEqualTo("ledger");
        assertThat(audit.verification().path("chains").get(0).path("failure").stringValue())
                .isEqualTo("unanchored");
        assertThat(audit.exportHeader()).isEqualTo("failed");
        assertThat(audit.offlineStatus()).as(audit.offline()).isEqualTo(1);
        assertThat(audit.offline()).contains("FAILED at record 2 (unanchored)");
    }

    private Map<String, String> auditedConfig() {
        Map<String, String> config = PlainServletSite.h2(dir.resolve("consent-ledger"));
        config.put(ConsentServletSetup.AUDIT_TOKEN_HASHES, AuditEndpoint.hashToken(Site.AUDITOR_TOKEN));
        return config;
    }

    /** Records six choices with signed checkpoints after the third and the sixth; returns the chain. */
    private String recordSixWithCheckpointsAtThreeAndSix() throws Exception {
        try (PlainServletSite site = PlainServletSite.start(auditedConfig())) {
            ConsentLedger ledger = site.manager().ledger();
            for (int i = 1; i <= 6; i++) {
                assertThat(site.acceptAll().statusCode()).isEqualTo(200);
                if (i % 3 == 0) {
                    ((AbstractConsentLedger) ledger).checkpoint();
                }
            }
            assertThat(ledger.verify().ok()).isTrue();
            return ledger.chainId();
        }
    }

    private void deleteFromH2(String chain, long... sequences) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("consent-ledger"));
        h2.setUser("sa");
        try (Connection connection = h2.getConnection();
                PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM consent_record WHERE chain_id = ? AND seq = ?")) {
            for (long sequence : sequences) {
                delete.setString(1, chain);
                delete.setLong(2, sequence);
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private record Audit(
            JsonNode verification, String exportHeader, String exportDetail, int offlineStatus, String offline) {}

    /** Restarts the site, then verifies and exports yesterday to tomorrow and verifies the export offline. */
    private Audit auditAfterRestart() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String range = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        String[] auth = {"Authorization", "Bearer " + Site.AUDITOR_TOKEN};
        try (PlainServletSite site = PlainServletSite.start(auditedConfig())) {
            HttpResponse<String> verify = site.get("/consent-audit/verify" + range, auth);
            HttpResponse<String> export = site.get("/consent-audit/export" + range, auth);
            HttpResponse<String> jwk = site.get("/consent-audit/jwk", auth);
            assertThat(verify.statusCode()).isEqualTo(200);
            assertThat(export.statusCode()).isEqualTo(200);
            Path key = Files.writeString(dir.resolve("key.jwk"), jwk.body());
            Path file = Files.writeString(dir.resolve("export.ndjson"), export.body());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = VerifyCommand.run(
                    new String[] {"--key", key.toString(), file.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            return new Audit(
                    Site.JSON.readTree(verify.body()).path("verification"),
                    export.headers().firstValue("Consent-Verification").orElse(""),
                    export.headers().firstValue("Consent-Verification-Detail").orElse(""),
                    status,
                    out.toString(StandardCharsets.UTF_8));
        }
    }
}
