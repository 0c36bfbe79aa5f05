/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ChoiceContext;
import io.consent4j.core.ConsentChoice;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.AccountReferences;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the auditor endpoint writes into the site's log over real HTTP on Jetty 12: the kind of lookup
 * and its outcome, never the consent id, account id or reference an auditor looked up (C23).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditEndpointLogIT {

    private static final AccountReferences ACCOUNTS = new AccountReferences(Fixtures.secret());
    private static final String RAW_ACCOUNT = "anna.schmidt@schule.example";

    private Site site;
    private String consentId;
    private String accountRef;
    private String policyHash;

    @BeforeAll
    void start() throws Exception {
        site = Site.start();
        consentId = site.postJson("{\"action\":\"accept_all\"}")
                .json()
                .path("state")
                .path("consentId")
                .stringValue();
        accountRef = ACCOUNTS.of(RAW_ACCOUNT);
        site.manager.record(
                ConsentChoice.rejectAll(),
                new ChoiceContext(
                        null,
                        RequestSignals.NONE,
                        CollectionPoint.API,
                        Actor.VISITOR,
                        "de",
                        "/",
                        null,
                        null,
                        accountRef));
        policyHash = site.manager.policy().contentHash();
    }

    @AfterAll
    void stop() {
        site.close();
    }

    private Site.Reply audit(String path) throws Exception {
        return site.get("/consent-audit" + path, "Authorization", "Bearer " + Site.AUDITOR_TOKEN);
    }

    @Test
    void validLookupsAreLoggedByKindWithoutTheIdsLookedUp_C23() throws Exception {
        try (LogCapture log = LogCapture.of(AuditEndpoint.class)) {
            assertThat(audit("/consents/" + consentId).status()).isEqualTo(200);
            assertThat(audit("/accounts/" + accountRef).status()).isEqualTo(200);
            assertThat(audit("/policies/" + policyHash).status()).isEqualTo(200);

            assertThat(log.messages())
                    .containsExactly(
                            "Auditor access by auditor token #1: GET /consent-audit/consents/{consentId} -> 200",
                            "Auditor access by auditor token #1: GET /consent-audit/accounts/{accountRef} -> 200",
                            "Auditor access by auditor token #1: GET /consent-audit/policies/{hash} -> 200");
            assertNoIdIn(log.messages(), consentId, accountRef, policyHash);
        }
    }

    @Test
    void invalidIdsAreAnswered400AndStillNeverLogged_C23() throws Exception {
        try (LogCapture log = LogCapture.of(AuditEndpoint.class)) {
            Site.Reply rawAccount = audit("/accounts/" + RAW_ACCOUNT);
            Site.Reply rawConsent = audit("/consents/" + RAW_ACCOUNT);
            Site.Reply nearlyAConsentId = audit("/consents/" + consentId + "x");
            Site.Reply badHash = audit("/policies/" + RAW_ACCOUNT);

            assertThat(List.of(rawAccount, rawConsent, nearlyAConsentId, badHash))
                    .extracting(Site.Reply::status)
                    .containsOnly(400);
            // The auditor is still told what was wrong, in the answer only.
            assertThat(rawConsent.body()).contains(RAW_ACCOUNT);
            assertThat(log.messages())
                    .containsExactly(
                            "Auditor access by auditor token #1: GET /consent-audit/accounts/{accountRef} -> 400"
                                    + " (bad-account-ref)",
                            "Auditor access by auditor token #1: GET /consent-audit/consents/{consentId} -> 400"
                                    + " (bad-consent-id)",
                            "Auditor access by auditor token #1: GET /consent-audit/consents/{consentId} -> 400"
                                    + " (bad-consent-id)",
                            "Auditor access by auditor token #1: GET /consent-audit/policies/{hash} -> 400"
                                    + " (bad-policy-hash)");
            assertNoIdIn(log.messages(), RAW_ACCOUNT, consentId, "anna");
        }
    }

    @Test
    void unknownPathsExtraSegmentsAndUnauthorizedLookupsLeaveNoIdInTheLog_C23() throws Exception {
        try (LogCapture log = LogCapture.of(AuditEndpoint.class)) {
            audit("/account/" + RAW_ACCOUNT);
            audit("/" + RAW_ACCOUNT);
            audit("/consents/" + consentId + "/" + RAW_ACCOUNT);
            site.get("/consent-audit/accounts/" + accountRef);
            site.get("/consent-audit/consents/" + consentId, "Authorization", "Bearer wrong");

            assertThat(log.messages())
                    .containsExactly(
                            "Auditor access by auditor token #1: GET /consent-audit/{unknown}/{segment} -> 404"
                                    + " (not-found)",
                            "Auditor access by auditor token #1: GET /consent-audit/{unknown} -> 404 (not-found)",
                            "Auditor access by auditor token #1: GET /consent-audit/consents/{consentId}/{more} -> 404"
                                    + " (not-found)",
                            "Auditor access by anonymous: GET /consent-audit/accounts/{accountRef} -> 401"
                                    + " (unauthorized)",
                            "Auditor access by anonymous: GET /consent-audit/consents/{consentId} -> 403 (forbidden)");
            assertNoIdIn(log.messages(), RAW_ACCOUNT, "anna", consentId, accountRef);
        }
    }

    @Test
    void queryValuesAreLoggedOnlyWhenTheyAreTimesOrAFormat_C23() throws Exception {
        try (LogCapture log = LogCapture.of(AuditEndpoint.class)) {
            audit("/export?from=2026-03-01&to=2026-03-31T12:00:00Z&format=csv");
            audit("/export?from=" + RAW_ACCOUNT + "&to=2026-03-02&format=" + consentId);
            audit("/stats?from=2026-03-01&to=2026-03-02&account=" + RAW_ACCOUNT + "&" + consentId);

            assertThat(log.messages())
                    .containsExactly(
                            "Auditor access by auditor token #1: GET /consent-audit/export"
                                    + "?from=2026-03-01&to=2026-03-31T12:00:00Z&format=csv -> 200",
                            "Auditor access by auditor token #1: GET /consent-audit/export"
                                    + "?from={value}&to=2026-03-02&format={value} -> 400 (bad-time)",
                            "Auditor access by auditor token #1: GET /consent-audit/stats"
                                    + "?from=2026-03-01&to=2026-03-02 (and 2 other parameters) -> 200");
            assertNoIdIn(log.messages(), RAW_ACCOUNT, "anna", consentId);
        }
    }

    private static void assertNoIdIn(List<String> messages, String... ids) {
        String all = String.join("\n", messages);
        for (String id : ids) {
            assertThat(all).as("the log").doesNotContain(id);
        }
    }
}
