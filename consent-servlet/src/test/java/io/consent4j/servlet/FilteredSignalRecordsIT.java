/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.token.ConsentId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A signal that overrides a grant, and an expired consent that comes back, are recorded where they
 * arrive: on any page the filter sees, once per consent and signal, off the request thread (here the
 * site's manual executor, which the test runs), and never at the page's cost (C18, C19).
 */
class FilteredSignalRecordsIT {

    @Test
    void twoPageViewsWithGpcLeaveExactlyOneSignalRecord_C19() throws Exception {
        try (Site site = Site.start()) {
            Site.Reply given = site.postJson("{\"action\":\"accept_all\"}", "Origin", site.origin());
            String cookie = "consent4j=" + given.consentCookie();

            assertThat(site.get("/page", "Cookie", cookie, "Sec-GPC", "1").status())
                    .isEqualTo(200);
            assertThat(site.get("/page", "Cookie", cookie, "Sec-GPC", "1").status())
                    .isEqualTo(200);
            assertThat(site.implied.runAll())
                    .as("the second view queued nothing new")
                    .isEqualTo(1);
            site.get("/page", "Cookie", cookie, "Sec-GPC", "1");
            site.implied.runAll();

            List<ConsentRecord> records = records(site, given);
            assertThat(records)
                    .extracting(r -> r.content().event())
                    .containsExactly(ConsentEvent.GIVEN, ConsentEvent.SIGNAL_APPLIED);
            assertThat(records.get(1).content().signals()).containsExactly("gpc");
            assertThat(records.get(1).content().path()).isEqualTo("/page");
            assertThat(records.get(1).content().grantedCategories()).doesNotContain("marketing");
        }
    }

    @Test
    void dntIsRecordedOnceOfItsOwnAfterGpc_C19() throws Exception {
        try (Site site = Site.start()) {
            Site.Reply given = site.postJson("{\"action\":\"accept_all\"}", "Origin", site.origin());
            String cookie = "consent4j=" + given.consentCookie();

            site.get("/page", "Cookie", cookie, "Sec-GPC", "1");
            site.implied.runAll();
            site.get("/page", "Cookie", cookie, "DNT", "1");
            site.get("/page", "Cookie", cookie, "DNT", "1");
            site.implied.runAll();
            site.get("/page", "Cookie", cookie, "DNT", "1");
            site.implied.runAll();

            assertThat(records(site, given))
                    .extracting(r -> r.content().event() + " " + r.content().signals())
                    .containsExactly("GIVEN []", "SIGNAL_APPLIED [gpc]", "SIGNAL_APPLIED [dnt]");
        }
    }

    @Test
    void thePageAnswers200WhenTheLedgerFailsAndTheRecordIsMadeLater_C19() throws Exception {
        try (Site site = Site.start()) {
            Site.Reply given = site.postJson("{\"action\":\"accept_all\"}", "Origin", site.origin());
            String cookie = "consent4j=" + given.consentCookie();
            site.ledger.failing = true;

            Site.Reply page = site.get("/page", "Cookie", cookie, "Sec-GPC", "1");
            site.implied.runAll();

            assertThat(page.status()).isEqualTo(200);
            site.ledger.failing = false;
            assertThat(records(site, given))
                    .extracting(r -> r.content().event())
                    .containsExactly(ConsentEvent.GIVEN);

            site.get("/page", "Cookie", cookie, "Sec-GPC", "1");
            site.implied.runAll();

            assertThat(records(site, given))
                    .extracting(r -> r.content().event())
                    .containsExactly(ConsentEvent.GIVEN, ConsentEvent.SIGNAL_APPLIED);
        }
    }

    @Test
    void anExpiredConsentIsRecordedOnceOnAPage_C18() throws Exception {
        try (Site site = Site.start()) {
            Site.Reply given = site.postJson("{\"action\":\"accept_all\"}", "Origin", site.origin());
            String cookie = "consent4j=" + given.consentCookie();
            site.clock.advance(Duration.ofDays(400));

            site.get("/page", "Cookie", cookie);
            site.get("/page", "Cookie", cookie);
            site.implied.runAll();

            assertThat(records(site, given))
                    .extracting(r -> r.content().event())
                    .containsExactly(ConsentEvent.GIVEN, ConsentEvent.EXPIRED);
        }
    }

    private static List<ConsentRecord> records(Site site, Site.Reply given) {
        return site.ledger.findByConsentId(
                ConsentId.parse(given.json().path("state").path("consentId").stringValue()));
    }
}
