/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The cookie inventory on a real Jetty: a page sets cookies the policy does not declare, and an auditor sees
 * their names, paths and likely categories, never their values (C15, C25); on the H2 file ledger the
 * inventory survives a restart.
 */
class CookieInventoryIT {

    private static final String[] AUTH = {"Authorization", "Bearer " + Site.AUDITOR_TOKEN};

    @TempDir
    Path dir;

    private static Map<String, String> audited(Map<String, String> config) {
        config.put(ConsentServletSetup.AUDIT_TOKEN_HASHES, AuditEndpoint.hashToken(Site.AUDITOR_TOKEN));
        return config;
    }

    private static Map<String, String> inMemory() {
        Map<String, String> config = PlainServletSite.config();
        config.put(ConsentServletSetup.LEDGER_STORE, "memory");
        return audited(config);
    }

    private static JsonNode inventory(PlainServletSite site) throws Exception {
        HttpResponse<String> reply = site.get("/consent-audit/cookies", AUTH);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return Site.JSON.readTree(reply.body());
    }

    private static JsonNode cookie(JsonNode inventory, String name) {
        for (JsonNode cookie : inventory.path("cookies")) {
            if (cookie.path("name").stringValue().equals(name)) {
                return cookie;
            }
        }
        throw new AssertionError(name + " is not in the inventory: " + inventory);
    }

    @Test
    void undeclaredCookiesTheApplicationSetsAreListedByNamePathAndLikelyCategory_C15() throws Exception {
        try (PlainServletSite site = PlainServletSite.start(inMemory())) {
            assertThat(site.get("/tracker/lesson?pupil=17").statusCode()).isEqualTo(200);
            assertThat(site.get("/tracker/quiz").statusCode()).isEqualTo(200);
            assertThat(site.get("/tracker/quiz").statusCode()).isEqualTo(200);

            JsonNode body = inventory(site);

            JsonNode tracker = cookie(body, PlainServletSite.TRACKER_COOKIE);
            assertThat(tracker.path("count").longValue()).isEqualTo(3);
            assertThat(tracker.path("likelyCategory").stringValue()).isEqualTo("analytics");
            assertThat(tracker.path("paths").toString()).isEqualTo("[\"/tracker/lesson\",\"/tracker/quiz\"]");
            assertThat(Instant.parse(tracker.path("firstSeen").stringValue()))
                    .isBeforeOrEqualTo(Instant.parse(tracker.path("lastSeen").stringValue()));
            assertThat(cookie(body, "_fbp").path("likelyCategory").stringValue())
                    .isEqualTo("marketing");
            assertThat(body.path("cookies")).hasSize(2);
            assertThat(body.path("limits").path("names").intValue()).isEqualTo(CookieInventory.MAX_NAMES);
            assertThat(body.toString())
                    .doesNotContain(PlainServletSite.TRACKER_VALUE)
                    .doesNotContain("fbp-value-never-kept")
                    .doesNotContain("pupil");
        }
    }

    @Test
    void theDashboardShowsTheInventoryInBothLanguagesWithoutValues() throws Exception {
        try (PlainServletSite site = PlainServletSite.start(inMemory())) {
            HttpResponse<String> empty = site.get("/consent-audit/dashboard/cookies?lang=en", AUTH);
            assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
            assertThat(empty.body()).contains("No undeclared cookie seen");

            site.get("/tracker/lesson?pupil=17");
            HttpResponse<String> de = site.get("/consent-audit/dashboard/cookies?lang=de", AUTH);
            HttpResponse<String> en = site.get("/consent-audit/dashboard/cookies?lang=en", AUTH);

            assertThat(de.statusCode()).isEqualTo(200);
            assertThat(de.body())
                    .contains("id=\"cookie-inventory\"")
                    .contains("<code>" + PlainServletSite.TRACKER_COOKIE + "</code>")
                    .contains("<td>Statistik</td>")
                    .contains("<td>/tracker/lesson</td>")
                    .contains("Wahrscheinliche Kategorie");
            assertThat(en.body()).contains("<td>analytics</td>").contains("Most likely category");
            assertThat(de.body() + en.body())
                    .doesNotContain(PlainServletSite.TRACKER_VALUE)
                    .doesNotContain("pupil");
        }
    }

    @Test
    void theInventoryIsForAuditorsOnly_C25() throws Exception {
        try (PlainServletSite site = PlainServletSite.start(inMemory())) {
            site.get("/tracker/lesson");

            HttpResponse<String> anonymous = site.get("/consent-audit/cookies");
            HttpResponse<String> wrong = site.get("/consent-audit/cookies", "Authorization", "Bearer nope");

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(anonymous.body() + wrong.body()).doesNotContain(PlainServletSite.TRACKER_COOKIE);
        }
    }

    @Test
    void theInventorySurvivesARestartOnTheH2FileLedger() throws Exception {
        Map<String, String> config = audited(PlainServletSite.h2(dir.resolve("consent-ledger")));
        String firstSeen;
        try (PlainServletSite first = PlainServletSite.start(config)) {
            first.get("/tracker/lesson");
            firstSeen = cookie(inventory(first), PlainServletSite.TRACKER_COOKIE)
                    .path("firstSeen")
                    .stringValue();
        }

        try (PlainServletSite second = PlainServletSite.start(config)) {
            JsonNode restarted = cookie(inventory(second), PlainServletSite.TRACKER_COOKIE);
            assertThat(restarted.path("count").longValue()).isEqualTo(1);
            assertThat(restarted.path("firstSeen").stringValue()).isEqualTo(firstSeen);
            assertThat(restarted.path("paths").toString()).isEqualTo("[\"/tracker/lesson\"]");

            second.get("/tracker/quiz");
        }

        try (PlainServletSite third = PlainServletSite.start(config)) {
            JsonNode body = inventory(third);
            JsonNode tracker = cookie(body, PlainServletSite.TRACKER_COOKIE);
            assertThat(tracker.path("count").longValue()).isEqualTo(2);
            assertThat(tracker.path("firstSeen").stringValue()).isEqualTo(firstSeen);
            assertThat(tracker.path("paths").toString()).isEqualTo("[\"/tracker/lesson\",\"/tracker/quiz\"]");
            assertThat(cookie(body, "_fbp").path("count").longValue()).isEqualTo(2);
            assertThat(body.toString()).doesNotContain(PlainServletSite.TRACKER_VALUE);
        }
    }
}
