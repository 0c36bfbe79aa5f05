/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.AccountReferences;
import io.consent4j.core.receipt.VerifyCommand;
import io.consent4j.core.token.ConsentId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The auditor endpoint over real HTTP on Jetty 12 (C24, C25). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditEndpointIT {

    private static final String FROM = "2026-03-01";
    private static final String TO = "2026-03-31";
    private static final AccountReferences ACCOUNTS = new AccountReferences(Fixtures.secret());

    private Site site;
    private String accepted;
    private String rejected;

    @BeforeAll
    void start() throws Exception {
        site = Site.start();
        accepted = site.postJson("{\"action\":\"accept_all\"}")
                .json()
                .path("state")
                .path("consentId")
                .stringValue();
        rejected = site.postJson("{\"action\":\"reject_all\"}")
                .json()
                .path("state")
                .path("consentId")
                .stringValue();
        site.postJson("{\"action\":\"custom\",\"categories\":[\"analytics\"]}");
        site.clock.advance(Duration.ofDays(1));
        site.postJson("{\"action\":\"reject_all\"}");
        site.ledger.checkpoint();
    }

    @AfterAll
    void stop() {
        site.close();
    }

    private Site.Reply audit(String path) throws Exception {
        return site.get("/consent-audit" + path, "Authorization", "Bearer " + Site.AUDITOR_TOKEN);
    }

    @Test
    void withoutATokenAuditorsGet401WithABearerChallenge_C25() throws Exception {
        Site.Reply reply = site.get("/consent-audit/consents/" + accepted);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContain(accepted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong-token", "Bearer auditor-token-for-tests2", "Basic YTpi"})
    void aWrongTokenGets403OrAChallenge_C25(String authorization) throws Exception {
        Site.Reply reply = site.get("/consent-audit/consents/" + accepted, "Authorization", authorization);

        assertThat(reply.status()).isIn(401, 403);
        assertThat(reply.body()).doesNotContain("records");
        if (authorization.startsWith("Bearer")) {
            assertThat(reply.status()).isEqualTo(403);
        }
    }

    @Test
    void accessIsLoggedWithoutTheToken_C25() throws Exception {
        try (LogCapture log = LogCapture.of(AuditEndpoint.class)) {
            audit("/jwk");
            site.get("/consent-audit/jwk", "Authorization", "Bearer not-the-token");

            assertThat(log.messages()).hasSize(2);
            assertThat(log.messages().get(0)).contains("auditor token #1", "/consent-audit/jwk", "200");
            assertThat(log.messages().get(1)).contains("403");
            assertThat(String.join("\n", log.messages()))
                    .doesNotContain(Site.AUDITOR_TOKEN)
                    .doesNotContain("not-the-token");
        }
    }

    @Test
    void looksUpAConsentIdsRecords_C25() throws Exception {
        JsonNode body = audit("/consents/" + accepted).json();

        assertThat(body.path("count").intValue()).isEqualTo(1);
        JsonNode record = body.path("records").get(0);
        assertThat(record.path("consentId").stringValue()).isEqualTo(accepted);
        assertThat(record.path("method").stringValue()).isEqualTo("accept_all");
        assertThat(record.path("hash").stringValue()).hasSize(64);
    }

    @Test
    void looksUpAnAccountReferencesRecords_C22_C25() throws Exception {
        String reference = ACCOUNTS.of("pupil-17");
        site.manager.record(
                io.consent4j.core.ConsentChoice.rejectAll(),
                new io.consent4j.core.ChoiceContext(
                        null,
                        io.consent4j.core.decision.RequestSignals.NONE,
                        io.consent4j.core.ledger.CollectionPoint.API,
                        io.consent4j.core.ledger.Actor.VISITOR,
                        "de",
                        "/",
                        null,
                        null,
                        reference));

        JsonNode body = audit("/accounts/" + reference).json();

        assertThat(body.path("count").intValue()).isEqualTo(1);
        assertThat(body.path("records").get(0).path("accountRef").stringValue()).isEqualTo(reference);
    }

    @Test
    void unknownConsentIdHasNoRecords() throws Exception {
        JsonNode body = audit("/consents/" + ConsentId.random()).json();

        assertThat(body.path("count").intValue()).isZero();
    }

    @Test
    void ndjsonExportVerifiesOfflineWithVerifyCommand_C24_C25(@TempDir Path dir) throws Exception {
        Site.Reply reply = audit("/export?from=" + FROM + "&to=" + TO + "&format=ndjson");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(reply.header("Consent-Verification")).isEqualTo("ok");
        List<String> lines = reply.body().lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("{\"checkpoint\":"));
        assertThat(lines.stream().filter(l -> l.startsWith("{\"hash\"")).count())
                .isEqualTo(Long.parseLong(reply.header("Consent-Verification-Records")));

        Path export = Files.writeString(dir.resolve("export.ndjson"), reply.body());
        Path key = Files.writeString(dir.resolve("key.jwk"), audit("/jwk").body());
        Result result = verify(key, export);

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("RESULT: OK").contains("chain node-1");
    }

    @Test
    void aTamperedNdjsonExportFailsOfflineVerification_C24(@TempDir Path dir) throws Exception {
        String body = audit("/export?from=" + FROM + "&to=" + TO).body();
        String tampered = body.replaceFirst("\"analytics\":false", "\"analytics\":true");
        assertThat(tampered).isNotEqualTo(body);

        Path export = Files.writeString(dir.resolve("export.ndjson"), tampered);
        Path key = Files.writeString(dir.resolve("key.jwk"), audit("/jwk").body());
        Result result = verify(key, export);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains("RESULT: FAILED").contains("changed");
    }

    @Test
    void anExportOfPartOfAChainVerifiesAsASegment_C24(@TempDir Path dir) throws Exception {
        Site.Reply reply = audit("/export?from=2026-03-03&to=2026-03-03");

        assertThat(reply.header("Consent-Verification")).isEqualTo("ok");
        Path export = Files.writeString(dir.resolve("export.ndjson"), reply.body());
        Path key = Files.writeString(dir.resolve("key.jwk"), audit("/jwk").body());
        Result result = verify(key, export);

        assertThat(reply.body().lines().filter(l -> l.startsWith("{\"hash\"")).count())
                .isPositive();
        assertThat(result.status()).as(result.output()).isZero();
    }

    @Test
    void csvExportHasAHeaderOneRowPerRecordAndAVerificationTrailer_C25() throws Exception {
        Site.Reply reply = audit("/export?from=" + FROM + "&to=" + TO + "&format=csv");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/csv");
        List<String> lines = reply.body().lines().toList();
        assertThat(lines.get(0)).startsWith("time,chain,seq,consent_id,account_ref,event,method");
        assertThat(lines.get(lines.size() - 1)).startsWith("#verification,ok,records=");
        String row =
                lines.stream().filter(l -> l.contains(accepted)).findFirst().orElseThrow();
        List<String> cells = Arrays.asList(row.split(",", -1));
        assertThat(cells).hasSize(AuditExport.CSV_COLUMNS.size());
        assertThat(cells.get(AuditExport.CSV_COLUMNS.indexOf("event"))).isEqualTo("given");
        assertThat(cells.get(AuditExport.CSV_COLUMNS.indexOf("granted_categories")))
                .isEqualTo("analytics functional marketing necessary");
        assertThat(cells.get(AuditExport.CSV_COLUMNS.indexOf("ip_prefix"))).isEqualTo("127.0.0.0/24");
        assertThat(lines.size() - 2).isEqualTo(Integer.parseInt(reply.header("Consent-Verification-Records")));
    }

    @Test
    void verifyReportsTheRangeAsJson_C24() throws Exception {
        JsonNode body = audit("/verify?from=" + FROM + "&to=" + TO).json();

        assertThat(body.path("verification").path("ok").booleanValue()).isTrue();
        assertThat(body.path("verification").path("start").stringValue()).isEqualTo("ledger");
        assertThat(body.path("verification").path("end").stringValue()).isEqualTo("head");
        JsonNode chain = body.path("verification").path("chains").get(0);
        assertThat(chain.path("chain").stringValue()).isEqualTo("node-1");
        assertThat(chain.path("detail").stringValue()).contains("checked from the chain's start to the ledger's head");
    }

    @Test
    void ndjsonExportStartsWithAHeaderThatStatesItsScope_C25() throws Exception {
        Site.Reply whole = audit("/export?from=" + FROM + "&to=" + TO);
        Site.Reply later = audit("/export?from=2026-03-03&to=2026-03-03");

        assertThat(whole.body().lines().findFirst().orElseThrow())
                .isEqualTo("{\"export\":{\"from\":\"2026-03-01T00:00:00Z\",\"to\":\"2026-04-01T00:00:00Z\","
                        + "\"start\":\"ledger\",\"end\":\"head\"}}");
        assertThat(whole.header("Consent-Verification-Detail"))
                .contains("checked from the chain's start to the ledger's head");
        assertThat(later.body().lines().findFirst().orElseThrow()).contains("\"start\":\"range\"", "\"end\":\"head\"");
        assertThat(later.header("Consent-Verification-Detail"))
                .contains("checked as a segment from record", "the export starts at 2026-03-03T00:00:00Z");
    }

    @Test
    void exportAfterARetentionPurgeCarriesTheAnchorAndVerifiesOffline_C25_C26(@TempDir Path dir) throws Exception {
        try (Site purged = Site.start()) {
            purged.postJson("{\"action\":\"accept_all\"}");
            purged.postJson("{\"action\":\"reject_all\"}");
            purged.clock.advance(Duration.ofDays(4 * 365));
            purged.postJson("{\"action\":\"accept_all\"}");
            purged.ledger.purgeBefore(purged.clock.instant().minus(Duration.ofDays(3 * 365)));
            purged.ledger.checkpoint();
            String range = "?from=2030-01-01&to=2030-12-31";

            Site.Reply reply =
                    purged.get("/consent-audit/export" + range, "Authorization", "Bearer " + Site.AUDITOR_TOKEN);
            JsonNode verify = purged.get(
                            "/consent-audit/verify" + range, "Authorization", "Bearer " + Site.AUDITOR_TOKEN)
                    .json()
                    .path("verification");

            assertThat(reply.header("Consent-Verification")).isEqualTo("ok");
            assertThat(verify.path("start").stringValue()).isEqualTo("ledger");
            List<String> lines = reply.body().lines().toList();
            assertThat(lines.get(0)).contains("\"start\":\"ledger\"");
            assertThat(lines).anyMatch(l -> l.startsWith("{\"anchor\":{\"chain\":\"node-1\",\"seq\":2,\"hash\":"));
            Path export = Files.writeString(dir.resolve("export.ndjson"), reply.body());
            Path key = Files.writeString(dir.resolve("key.jwk"), audit("/jwk").body());
            Result result = verify(key, export);
            assertThat(result.status()).as(result.output()).isZero();
            assertThat(result.output()).contains("checked from the chain's start after the purge anchor at record 2");
        }
    }

    @Test
    void servesTheArchivedPolicyByItsHash_C22() throws Exception {
        Site.Reply reply = audit("/policies/" + Fixtures.POLICY.contentHash());
        Site.Reply unknown = audit("/policies/" + "0".repeat(64));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(io.consent4j.core.policy.PolicyJson.canonical(Fixtures.POLICY));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void servesThePublicKeyAsAJwk_C24() throws Exception {
        JsonNode jwk = audit("/jwk").json();

        assertThat(jwk.path("kty").stringValue()).isEqualTo("OKP");
        assertThat(jwk.path("crv").stringValue()).isEqualTo("Ed25519");
        assertThat(jwk.path("kid").stringValue()).isEqualTo(Site.SIGNER.keyId());
        assertThat(jwk.has("d")).isFalse();
    }

    @Test
    void statisticsCountEventsPerDayAndGrantRatePerCategory() throws Exception {
        JsonNode body = audit("/stats?from=2026-03-02T00:00:00Z&to=2026-03-04T00:00:00Z")
                .json();

        JsonNode firstDay = body.path("days").get(0);
        assertThat(firstDay.path("date").stringValue()).isEqualTo("2026-03-02");
        assertThat(firstDay.path("events").path("given").longValue()).isGreaterThanOrEqualTo(3);
        JsonNode analytics = body.path("categories").path("analytics");
        assertThat(analytics.path("choices").longValue())
                .isEqualTo(body.path("choices").longValue());
        assertThat(analytics.path("grantRate").doubleValue())
                .isEqualTo(
                        (double) analytics.path("granted").longValue()
                                / analytics.path("choices").longValue(),
                        org.assertj.core.data.Offset.offset(0.0001));
        assertThat(body.path("categories").path("necessary").path("grantRate").doubleValue())
                .isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/consents/not-a-consent-id",
                "/consents/",
                "/accounts/pupil-17",
                "/policies/xyz",
                "/export?from=2026-03-01",
                "/export?from=yesterday&to=2026-03-02",
                "/export?from=2026-03-05&to=2026-03-01",
                "/export?from=2020-01-01&to=2026-03-01",
                "/export?from=2026-03-01&to=2026-03-02&format=xml",
                "/stats?from=2026-13-01&to=2026-03-02",
                "/verify?to=2026-03-02",
                "/export?from=0000-01-01&to=0000-12-31",
                "/export?from=0999-12-31T00:00:00Z&to=1000-01-02T00:00:00Z",
                "/verify?from=0000-01-01&to=0000-01-02",
                "/stats?from=0500-06-01&to=0500-06-02",
                "/export?from=9999-12-31&to=%2B10000-01-02T00:00:00Z"
            })
    void badAuditorParametersGet400Problems(String path) throws Exception {
        Site.Reply reply = audit(path);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").stringValue()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception");
    }

    @Test
    void aTimeOutsideWhatALedgerHoldsIs400RatherThanAnEmptyAnswer_C25() throws Exception {
        // The JDBC store would clamp such a range to the years 1000 to 9999 and answer 200 with nothing.
        Site.Reply reply = audit("/export?from=0000-01-01&to=0000-12-31");
        Site.Reply lastDay = audit("/verify?from=9999-12-31&to=9999-12-31");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("type").stringValue()).endsWith("/bad-time");
        assertThat(reply.json().path("detail").stringValue()).contains("'from'", "outside the times a ledger holds");
        assertThat(lastDay.status()).as("the last day a ledger holds").isEqualTo(200);
    }

    @Test
    void aQueryThatIsNotPercentEncodedUtf8Is400() throws Exception {
        // Jetty throws when a servlet reads a parameter of such a query; the endpoint answered 500.
        Site.RawReply reply = site.raw(
                "GET",
                "/consent-audit/export?from=" + FROM + "&to=" + TO + "&n=%3@",
                null,
                "Authorization",
                "Bearer " + Site.AUDITOR_TOKEN);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Site.JSON.readTree(reply.body()).path("type").stringValue()).endsWith("/bad-query");
    }

    @Test
    void auditorEndpointIsOffWithoutConfiguredTokens_C25() throws Exception {
        try (Site closed = Site.start(Map.of(ConsentServletSetup.AUDIT_TOKEN_HASHES, " "))) {
            Site.Reply reply = closed.get(
                    "/consent-audit/export?from=" + FROM + "&to=" + TO,
                    "Authorization",
                    "Bearer " + Site.AUDITOR_TOKEN);

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.body()).doesNotContain("\"hash\"");
        }
    }

    private record Result(int status, String output) {}

    private static Result verify(Path key, Path export) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VerifyCommand.run(
                new String[] {"--key", key.toString(), export.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }
}
