/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.servlet.CookieGate.Expiry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate's rules without a container; the container tests check them over HTTP. */
class CookieGateTest {

    private final LogCapture log = LogCapture.start();
    private final ConsentDecision undecided = Fixtures.decider().decide(null, RequestSignals.NONE);
    private final ConsentDecision refusal = Fixtures.decider().decide(Fixtures.refusal(), RequestSignals.NONE);

    @AfterEach
    void stopCapture() {
        log.close();
    }

    @Test
    void consentAndSessionCookiesAreNecessaryWithoutBeingDeclared() {
        CookieGate gate = gate(UndeclaredCookies.DROP);
        gate.sessionCookieName("LEARNSESSION");

        assertThat(gate.admits("consent4j", undecided)).isTrue();
        assertThat(gate.admits("LEARNSESSION", undecided)).isTrue();
        assertThat(gate.admits("JSESSIONID", undecided)).isFalse();
    }

    @Test
    void undeclaredCookiePassesWithOneWarningPerName() {
        CookieGate gate = gate(UndeclaredCookies.WARN);

        for (int i = 0; i < 3; i++) {
            assertThat(gate.admits("quiz_progress", undecided)).isTrue();
            assertThat(gate.admits("theme", refusal)).isTrue();
        }

        assertThat(log.warningsMentioning("'quiz_progress'"))
                .singleElement()
                .asString()
                .contains("not declared in consent policy version 1", "let through");
        assertThat(log.warningsMentioning("'theme'")).hasSize(1);
    }

    @Test
    void strictModeDropsUndeclaredCookiesAndSaysSoOncePerName() {
        CookieGate gate = gate(UndeclaredCookies.DROP);

        assertThat(gate.admits("quiz_progress", undecided)).isFalse();
        assertThat(gate.admits("quiz_progress", undecided)).isFalse();

        assertThat(log.warningsMentioning("'quiz_progress'"))
                .singleElement()
                .asString()
                .startsWith("Dropped cookie 'quiz_progress'");
    }

    @Test
    void rememberedWarningsAreBoundedAndTheLimitIsLoggedOnce() {
        CookieGate gate = gate(UndeclaredCookies.WARN);

        for (int i = 0; i < CookieGate.MAX_WARNED_NAMES + 50; i++) {
            gate.admits("generated_" + i, undecided);
        }
        gate.admits("generated_0", undecided);

        assertThat(log.warningsMentioning("'generated_")).hasSize(CookieGate.MAX_WARNED_NAMES);
        assertThat(log.warningsMentioning("further ones are not logged")).hasSize(1);
    }

    @Test
    void warningsShowOnlyPrintableCharactersOfAName() {
        assertThat(CookieGate.printable("a\r\nb\u0000c")).isEqualTo("a??b?c");
        assertThat(CookieGate.printable("n".repeat(300))).hasSize(101).endsWith("…");
    }

    @Test
    void expiresWithdrawnCookiesOnEveryDeclaredPathAndDomain_C14() {
        List<Expiry> expiries = gate(UndeclaredCookies.WARN).expiriesFor("nl_track=1; nl_track=2", refusal);

        assertThat(expiries)
                .extracting(Expiry::name, Expiry::path, Expiry::domain)
                .containsExactlyInAnyOrder(
                        tuple("nl_track", "/", "example.org"),
                        tuple("nl_track", "/", "learn.example.org"),
                        tuple("nl_track", "/courses", "example.org"),
                        tuple("nl_track", "/courses", "learn.example.org"));
    }

    @Test
    void expiresHostOnlyWhenNoDomainIsDeclaredAndUsesTheNameTheBrowserSent_C14() {
        List<Expiry> expiries = gate(UndeclaredCookies.WARN).expiriesFor("_pk_id.7.ab=x", refusal);

        assertThat(expiries).containsExactly(new Expiry("_pk_id.7.ab", "/", null, false));
        assertThat(expiries.get(0).header())
                .isEqualTo("_pk_id.7.ab=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/");
    }

    @Test
    void expiryHeaderNamesDomainAndPath_C14() {
        assertThat(Expiry.of("nl_track", "/courses", ".example.org").header())
                .isEqualTo("nl_track=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/courses;"
                        + " Domain=example.org");
    }

    @Test
    void prefixedCookiesAreExpiredWithSecureOrBrowsersWouldIgnoreTheExpiry_C14() {
        List<Expiry> expiries = gate(UndeclaredCookies.WARN).expiriesFor("__Secure-nl=x", refusal);

        assertThat(expiries).singleElement().extracting(Expiry::secure).isEqualTo(true);
        assertThat(expiries.get(0).header()).endsWith("; Path=/; Secure");
        assertThat(Expiry.of("__host-id", "/", null).secure()).isTrue();
    }

    @Test
    void keepsAllowedNecessaryUndeclaredAndThirdPartyCookies_C14() {
        ConsentDecision analytics =
                Fixtures.decider().decide(Fixtures.cookieValue(Set.of("analytics"), Set.of("ga")), RequestSignals.NONE);
        String sent =
                "_ga=1; XSRF-TOKEN=t; consent4j=c; JSESSIONID=s; mystery=m; ad_id=third-party; _pk_ses.1=withdrawn";

        assertThat(gate(UndeclaredCookies.DROP).expiriesFor(sent, analytics))
                .extracting(Expiry::name)
                .containsExactly("_pk_ses.1");
    }

    @Test
    void expiresNothingBeforeTheVisitorDecided_C14() {
        assertThat(gate(UndeclaredCookies.WARN).expiriesFor("_ga=1", undecided)).isEmpty();
        assertThat(gate(UndeclaredCookies.WARN).expiriesFor(null, refusal)).isEmpty();
    }

    @Test
    void tellsTheDropListenerOfEveryDroppedCookieAndWhy_C15() {
        List<String> dropped = new java.util.ArrayList<>();
        CookieGate gate = new CookieGate(
                new CookieCatalog(Fixtures.POLICY, CookieCatalog.DEFAULT_CACHE_SIZE),
                Fixtures.POLICY.version(),
                "consent4j",
                UndeclaredCookies.DROP,
                (name, reason) -> dropped.add(name + ":" + reason));

        assertThat(gate.admits("_ga", undecided)).isFalse();
        assertThat(gate.admits("quiz_progress", undecided)).isFalse();
        assertThat(gate.admits("consent4j", undecided)).isTrue();

        assertThat(dropped).containsExactly("_ga:NOT_ALLOWED", "quiz_progress:UNDECLARED");
    }

    @Test
    void aFailingDropListenerStillDropsTheCookie() {
        CookieGate gate = new CookieGate(
                new CookieCatalog(Fixtures.POLICY, CookieCatalog.DEFAULT_CACHE_SIZE),
                Fixtures.POLICY.version(),
                "consent4j",
                UndeclaredCookies.WARN,
                (name, reason) -> {
                    throw new IllegalStateException("metrics down");
                });

        assertThat(gate.admits("_ga", undecided)).isFalse();
    }

    private static CookieGate gate(UndeclaredCookies undeclared) {
        return new CookieGate(
                new CookieCatalog(Fixtures.POLICY, CookieCatalog.DEFAULT_CACHE_SIZE),
                Fixtures.POLICY.version(),
                "consent4j",
                undeclared);
    }
}
