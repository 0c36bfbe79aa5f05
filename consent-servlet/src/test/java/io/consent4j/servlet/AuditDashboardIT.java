/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.Service;
import io.consent4j.core.token.ConsentId;
import io.consent4j.servlet.parity.Forgery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The auditor dashboard over real HTTP on Jetty 12: every page in both languages, behind the auditor's token (C25). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditDashboardIT {

    private static final String BASIC = "Basic "
            + Base64.getEncoder().encodeToString(("auditor:" + Site.AUDITOR_TOKEN).getBytes(StandardCharsets.UTF_8));

    private Site site;
    private String accepted;
    private String receipt;

    @BeforeAll
    void start() throws Exception {
        site = Site.start();
        // The receipt signed in the answer, as a page asks for it with ?receipt=jws.
        Site.Reply reply = site.post("/consent?receipt=jws", "application/json", "{\"action\":\"accept_all\"}");
        accepted = reply.json().path("state").path("consentId").stringValue();
        receipt = reply.json().path("receipt").path("jws").stringValue();
        site.postJson("{\"action\":\"reject_all\"}");
        site.postJson("{\"action\":\"custom\",\"categories\":[\"analytics\"]}");
        site.clock.advance(Duration.ofDays(1));
        site.postJson("{\"action\":\"reject_all\"}");
        site.ledger.checkpoint();
    }

    @AfterAll
    void stop() {
        site.close();
    }

    private Site.Reply page(String path) throws Exception {
        return site.get("/consent-audit/dashboard" + path, "Authorization", BASIC);
    }

    @ParameterizedTest
    @CsvSource({
        "'',en,Overview", "'',de,Übersicht",
        "/choices,en,Choices over time", "/choices,de,Entscheidungen im Zeitverlauf",
        "/policies,en,Policy versions", "/policies,de,Richtlinienversionen",
        "/lookup,en,Lookup", "/lookup,de,Nachschlagen",
        "/cookies,en,Cookie inventory", "/cookies,de,Cookie-Inventar"
    })
    void everyPageAnswersInBothLanguagesUnderAStrictCsp_C25(String path, String lang, String heading) throws Exception {
        Site.Reply reply = page(path + "?lang=" + lang);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.header("Content-Security-Policy")).startsWith("default-src 'none'; style-src 'self'");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.body()).contains("<html lang=\"" + lang + "\"", "<h1>" + heading + "</h1>");
        assertThat(reply.body()).doesNotContain("<script", "style=\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/choices", "/policies", "/lookup", "/cookies", "/dashboard.css"})
    void withoutTheTokenEveryPageGets401WithABasicChallenge_C25(String path) throws Exception {
        Site.Reply reply = site.get("/consent-audit/dashboard" + path);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Basic realm=\"consent4j-audit\"");
        assertThat(reply.body()).doesNotContain("<h1>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/choices", "/policies", "/lookup", "/cookies"})
    void aWrongTokenGets403_C25(String path) throws Exception {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("auditor:wrong".getBytes(StandardCharsets.UTF_8));

        assertThat(site.get("/consent-audit/dashboard" + path, "Authorization", wrong)
                        .status())
                .isEqualTo(403);
        assertThat(site.get("/consent-audit/dashboard" + path, "Authorization", "Bearer wrong")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theBearerTokenOpensTheDashboardToo() throws Exception {
        Site.Reply reply = site.get("/consent-audit/dashboard", "Authorization", "Bearer " + Site.AUDITOR_TOKEN);

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void overviewCountsTheRecordsAndTheirChain() throws Exception {
        String body = page("?lang=en").body();

        assertThat(body).contains("<strong>4</strong> records in total", "node-1", "Next purge due");
    }

    @Test
    void choicesShowTheSharesOfEachKindAndTheGrantRates() throws Exception {
        String body = page("/choices?lang=en").body();

        assertThat(body).contains("<svg", "Accept all", "Reject all", "analytics", "First layer");
        assertThat(body).contains("Global Privacy Control", "Parental consents");
    }

    @Test
    void weeksGroupTheDays() throws Exception {
        assertThat(page("/choices?lang=de&group=week").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/choices?from=yesterday",
                "/choices?from=2026-12-01&to=2026-11-01",
                "/choices?from=2020-01-01&to=2026-01-01",
                "/choices?group=month",
                "/lookup?q=not-an-id",
                "/policies?a=xyz",
                "?lang=fr"
            })
    void badParametersGet400NeverA500(String path) throws Exception {
        Site.Reply reply = page(path);

        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void theGermanPolicyPageSaysEveryChangeInGermanAndWhichMadeItMaterial_C17() throws Exception {
        ConsentPolicy second = Fixtures.POLICY.toBuilder()
                .version(2)
                .service(Service.builder("chat", "functional")
                        .provider("Chat Ltd.")
                        .purpose("en", "Live chat with the tutors")
                        .build())
                .replaceService(Service.builder("video", "functional")
                        .provider("Video Host Inc.")
                        .purpose("en", "Embedded course videos")
                        .cookie(CookieDeclaration.of("yt_pref", "P1Y"))
                        .build())
                .replaceCategory(
                        Category.builder("analytics").label("de", "Analyse").build())
                .build();
        try (Site other = Site.start()) {
            other.postJson("{\"action\":\"accept_all\"}");
            other.ledger.archive(second);
            other.ledger.append(RecordContent.builder(second, ConsentEvent.GIVEN)
                    .consentId(ConsentId.random())
                    .build());

            String german = other.get("/consent-audit/dashboard/policies?lang=de", "Authorization", BASIC)
                    .body();
            String english = other.get("/consent-audit/dashboard/policies?lang=en", "Authorization", BASIC)
                    .body();

            assertThat(german)
                    .contains(
                            "Die neuere Version ändert die Richtlinie wesentlich",
                            "<li>Dienst „chat“ hinzugefügt</li>",
                            "<li>Dienst „video“: Cookie „yt_pref“: Speicherdauer verlängert (vorher 6 Monate,"
                                    + " jetzt 1 Jahr)</li>",
                            "<li>Kategorie „analytics“: Bezeichnung geändert</li>");
            assertThat(german.substring(german.indexOf("<p class=\"verdict"), german.indexOf("<pre class=\"diff\"")))
                    .as("the changes, not the policy's own JSON below them")
                    .doesNotContain("added", "changed", "extended", "removed", "Service", "Category");
            assertThat(german.indexOf("Dienst „chat“ hinzugefügt"))
                    .as("the added service is listed under the material changes, the label under the editorial")
                    .isBetween(german.indexOf("<ul class=\"material\">"), german.indexOf("<ul class=\"editorial\">"));
            assertThat(english)
                    .contains(
                            "The newer version changes the policy materially",
                            "<li>Service &#39;chat&#39; added</li>",
                            "lifetime extended from 6 months to 1 year",
                            "Category &#39;analytics&#39;: label changed");
        }
    }

    @Test
    void anUnknownPageGets404() throws Exception {
        assertThat(page("/nothing").status()).isEqualTo(404);
    }

    @Test
    void lookupShowsAConsentsHistoryAndThatItsStretchVerifies_C24() throws Exception {
        String body = page("/lookup?lang=en&q=" + accepted).body();

        assertThat(body).contains("accept_all", "node-1", "verifies", "intact");
    }

    @Test
    void aPastedReceiptIsCheckedAgainstTheSignatureAndTheLedger_C27() throws Exception {
        String form = "receipt=" + URLEncoder.encode(receipt, StandardCharsets.UTF_8);

        String good = site.post(
                        "/consent-audit/dashboard/lookup?lang=en",
                        "application/x-www-form-urlencoded",
                        form,
                        "Authorization",
                        BASIC)
                .body();
        String bad = site.post(
                        "/consent-audit/dashboard/lookup?lang=en",
                        "application/x-www-form-urlencoded",
                        "receipt=" + URLEncoder.encode(Forgery.forged(receipt), StandardCharsets.UTF_8),
                        "Authorization",
                        BASIC)
                .body();

        assertThat(good).contains("The signature is valid.", "It states exactly the ledger record at node-1");
        assertThat(bad).contains("Not a valid receipt of this site");
    }

    @Test
    void verifyNowRunsTheVerificationAndTheOverviewShowsIt_C24() throws Exception {
        Site.Reply reply = site.post(
                "/consent-audit/dashboard/verify?lang=en",
                "application/x-www-form-urlencoded",
                "",
                "Authorization",
                BASIC);

        assertThat(reply.status()).isIn(200, 303);
        assertThat(page("?lang=en").body()).contains("Verified: every chain is intact.", "Healthy");
    }

    @Test
    void postElsewhereIsNotAllowed() throws Exception {
        Site.Reply reply = site.post(
                "/consent-audit/dashboard/choices", "application/x-www-form-urlencoded", "", "Authorization", BASIC);

        assertThat(reply.status()).isEqualTo(405);
    }

    @Test
    void theStylesheetIsServedToTheAuditor() throws Exception {
        Site.Reply reply = page("/dashboard.css");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/css");
    }
}
