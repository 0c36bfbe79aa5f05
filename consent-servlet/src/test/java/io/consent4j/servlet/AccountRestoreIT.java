/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.AccountConsents;
import io.consent4j.core.ChoiceContext;
import io.consent4j.core.ConsentChoice;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.AccountReferences;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One choice across a signed-in learner's devices, on a real Jetty: two devices are two cookie jars, and
 * the site's account hook reads the account from a test header.
 */
class AccountRestoreIT {

    private static final String ACCOUNT_HEADER = "X-Test-Account";
    private static final AccountReferences REFERENCES = new AccountReferences(new byte[32]);
    private static final String LEARNER = REFERENCES.of("learner-1");

    private static Site site(Map<String, String> config) throws Exception {
        return Site.start(
                config,
                settings -> settings.accountReferenceResolver(request -> {
                    String account = request.getHeader(ACCOUNT_HEADER);
                    return account == null ? null : REFERENCES.of(account);
                }));
    }

    private static Site restoring() throws Exception {
        return site(Map.of(ConsentServletSetup.ACCOUNT_RESTORE, "true"));
    }

    /** One browser: its consent cookie, as the site last set it. */
    private static final class Device {
        String consent;

        String cookieHeader(String extra) {
            List<String> parts = new ArrayList<>();
            if (consent != null) {
                parts.add("consent4j=" + consent);
            }
            if (extra != null) {
                parts.add(extra);
            }
            return String.join("; ", parts);
        }

        Site.Reply keep(Site.Reply reply) {
            String set = reply.consentCookie();
            if (set != null) {
                consent = set.isEmpty() ? null : set;
            }
            return reply;
        }

        Site.Reply page(Site site, String account, String extraCookies) throws Exception {
            List<String> headers = new ArrayList<>();
            if (account != null) {
                headers.add(ACCOUNT_HEADER);
                headers.add(account);
            }
            String cookies = cookieHeader(extraCookies);
            if (!cookies.isEmpty()) {
                headers.add("Cookie");
                headers.add(cookies);
            }
            return keep(site.get("/page", headers.toArray(String[]::new)));
        }

        Site.Reply choose(Site site, String account, String action) throws Exception {
            List<String> headers = new ArrayList<>(List.of(ACCOUNT_HEADER, account));
            if (consent != null) {
                headers.add("Cookie");
                headers.add(cookieHeader(null));
            }
            return keep(site.postJson(
                    "{\"action\":\"" + action + "\",\"layer\":\"settings\"}", headers.toArray(String[]::new)));
        }

        JsonNode state(Site site) throws Exception {
            return consent == null
                    ? site.get("/consent").json().path("state")
                    : site.get("/consent", "Cookie", cookieHeader(null)).json().path("state");
        }
    }

    private static List<String> categories(JsonNode state) {
        List<String> ids = new ArrayList<>();
        state.path("categories").forEach(n -> ids.add(n.stringValue()));
        return ids;
    }

    @Test
    void aSecondDeviceGetsTheAccountsChoiceAndTheRestoreIsRecorded_C21_C22() throws Exception {
        try (Site site = restoring()) {
            Device laptop = new Device();
            Device phone = new Device();
            laptop.choose(site, "learner-1", "accept_all");
            site.clock.advance(Duration.ofMinutes(3));

            Site.Reply first = phone.page(site, "learner-1", null);

            assertThat(first.setCookie("consent4j")).contains("HttpOnly");
            JsonNode state = phone.state(site);
            assertThat(state.path("state").stringValue()).isEqualTo("decided");
            assertThat(state.path("showBanner").booleanValue()).isFalse();
            assertThat(categories(state)).contains("analytics", "marketing");
            List<ConsentRecord> records = site.ledger.findByAccountRef(LEARNER);
            assertThat(records).hasSize(2);
            ConsentRecord restore = records.get(1);
            assertThat(restore.content().method()).isEqualTo(ConsentMethod.ACCOUNT_RESTORE);
            assertThat(restore.content().event()).isEqualTo(ConsentEvent.GIVEN);
            assertThat(restore.content().actor()).isEqualTo(Actor.SYSTEM);
            assertThat(restore.content().consentId().toString())
                    .isEqualTo(state.path("consentId").stringValue());
            assertThat(restore.content().details())
                    .containsEntry(
                            AccountConsents.SOURCE_DETAIL,
                            records.get(0).content().consentId().toString());

            // The phone has its cookie now: its next pages neither restore again nor set a cookie.
            Site.Reply next = phone.page(site, "learner-1", null);
            assertThat(next.setCookie("consent4j")).isNull();
            assertThat(site.ledger.findByAccountRef(LEARNER)).hasSize(2);
        }
    }

    @Test
    void aWithdrawalOnOneDeviceReachesTheOtherOnItsNextRequestAndIsRecordedOnce_C14_C21() throws Exception {
        try (Site site = restoring()) {
            Device laptop = new Device();
            Device phone = new Device();
            laptop.choose(site, "learner-1", "accept_all");
            phone.page(site, "learner-1", null);
            site.clock.advance(Duration.ofMinutes(1));

            phone.choose(site, "learner-1", "withdraw");
            int recorded = site.ledger.findByAccountRef(LEARNER).size();
            Site.Reply reply = laptop.page(site, "learner-1", "_ga=GA1.1; lang=de");

            assertThat(reply.setCookie("consent4j")).isNotNull();
            assertThat(reply.setCookie("_ga")).contains("Max-Age=0");
            assertThat(reply.setCookie("lang")).isNull();
            JsonNode state = laptop.state(site);
            assertThat(state.path("state").stringValue()).isEqualTo("decided");
            assertThat(state.path("showBanner").booleanValue()).isFalse();
            assertThat(categories(state)).containsExactly("necessary");
            // The withdrawal is recorded once, where it was made; bringing it here appends nothing.
            assertThat(site.ledger.findByAccountRef(LEARNER)).hasSize(recorded);
            assertThat(laptop.page(site, "learner-1", null).setCookie("consent4j"))
                    .isNull();
        }
    }

    @Test
    void aNewerChoiceOnOneDeviceReplacesTheOthersAsAnUpdate_C21() throws Exception {
        try (Site site = restoring()) {
            Device laptop = new Device();
            Device phone = new Device();
            laptop.choose(site, "learner-1", "reject_all");
            phone.page(site, "learner-1", null);
            String phoneId = phone.state(site).path("consentId").stringValue();
            site.clock.advance(Duration.ofMinutes(1));

            laptop.choose(site, "learner-1", "accept_all");
            phone.page(site, "learner-1", null);

            JsonNode state = phone.state(site);
            assertThat(state.path("consentId").stringValue()).isEqualTo(phoneId);
            assertThat(categories(state)).contains("analytics");
            List<ConsentRecord> records = site.ledger.findByAccountRef(LEARNER);
            assertThat(records.get(records.size() - 1).content().event()).isEqualTo(ConsentEvent.UPDATED);
            assertThat(records.get(records.size() - 1).content().method()).isEqualTo(ConsentMethod.ACCOUNT_RESTORE);
        }
    }

    @Test
    void afterAWithdrawalANewDeviceIsAskedAgain_C3() throws Exception {
        try (Site site = restoring()) {
            Device laptop = new Device();
            laptop.choose(site, "learner-1", "accept_all");
            laptop.choose(site, "learner-1", "withdraw");

            Device tablet = new Device();
            Site.Reply reply = tablet.page(site, "learner-1", null);

            assertThat(reply.setCookie("consent4j")).isNull();
            assertThat(tablet.state(site).path("showBanner").booleanValue()).isTrue();
        }
    }

    @Test
    void aChoiceRecordedThroughAnotherNodeIsSeenOnTheNextRequestWithoutACheckInterval() throws Exception {
        try (Site site = site(Map.of(
                ConsentServletSetup.ACCOUNT_RESTORE, "true", ConsentServletSetup.ACCOUNT_CHECK_INTERVAL, "0s"))) {
            Device laptop = new Device();
            laptop.choose(site, "learner-1", "accept_all");
            laptop.page(site, "learner-1", null);
            site.clock.advance(Duration.ofMinutes(1));

            // Another node shares the ledger: its record never passes this node's endpoint.
            site.manager.record(
                    ConsentChoice.withdraw(),
                    new ChoiceContext(
                            null,
                            RequestSignals.NONE,
                            CollectionPoint.SETTINGS,
                            Actor.VISITOR,
                            "de",
                            "/",
                            null,
                            null,
                            LEARNER));

            laptop.page(site, "learner-1", null);
            assertThat(categories(laptop.state(site))).containsExactly("necessary");
        }
    }

    @Test
    void withoutAnAccountOrWithTheSettingOffNothingChanges() throws Exception {
        try (Site site = restoring()) {
            new Device().choose(site, "learner-1", "accept_all");
            int recorded = site.ledger.findByAccountRef(LEARNER).size();

            Device anonymous = new Device();
            assertThat(anonymous.page(site, null, null).setCookie("consent4j")).isNull();
            Device other = new Device();
            assertThat(other.page(site, "learner-2", null).setCookie("consent4j"))
                    .isNull();
            assertThat(other.state(site).path("showBanner").booleanValue()).isTrue();
            assertThat(site.ledger.findByAccountRef(LEARNER)).hasSize(recorded);
        }
        try (Site off = site(Map.of())) {
            new Device().choose(off, "learner-1", "accept_all");
            int recorded = off.ledger.findByAccountRef(LEARNER).size();

            Device phone = new Device();
            assertThat(phone.page(off, "learner-1", null).setCookie("consent4j"))
                    .isNull();
            assertThat(phone.state(off).path("showBanner").booleanValue()).isTrue();
            assertThat(off.ledger.findByAccountRef(LEARNER)).hasSize(recorded);
        }
    }
}
