/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.consent4j.core.token.AgeBand;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the filter does, checked over real HTTP against a real container. Each container runs the same
 * {@link TestApp}; a subclass starts it on its container and says how that container treats the
 * servlet API's header removal.
 */
abstract class ConsentFilterContract {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            // Timeouts here only end a hang; a loaded machine may be slow to answer, never this slow.
            .connectTimeout(Duration.ofSeconds(60))
            .build();

    private final LogCapture log = LogCapture.start();
    private final List<TestServer> servers = new ArrayList<>();

    /** A running container serving {@code app} on 127.0.0.1. */
    interface TestServer {
        /** The port it listens on. */
        int port();

        /** Stops the server and frees its port. */
        void stop() throws Exception;
    }

    /** Starts {@code app} on the container under test, bound to 127.0.0.1 on a free port. */
    abstract TestServer start(TestApp app) throws Exception;

    /** Whether the container removes a header when {@code setHeader} is given null (Servlet 6.1 says so). */
    abstract boolean removesHeaderSetToNull();

    @AfterEach
    void stopServers() throws Exception {
        log.close();
        for (TestServer server : servers) {
            server.stop();
        }
    }

    // ---- Gating Set-Cookie (C15) -------------------------------------------------------------------------------

    @Test
    void withoutConsentOnlyNecessaryCookiesSurvive_C1_C15() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        Reply reply = site.script(
                "addCookie:XSRF-TOKEN,addCookie:_ga,addHeader:_pk_id.7,addHeader:yt_pref,addCookie:nl_track,"
                        + "addHeader:lang,addLower:__Secure-nl,session");

        assertThat(reply.cookieNames()).containsExactlyInAnyOrder("XSRF-TOKEN", "lang", "JSESSIONID");
        assertThat(reply.body()).isEqualTo("analytics=false,matomo=false,necessary=true,state=UNDECIDED");
    }

    @Test
    void dropsAnalyticsCookieSetViaAddCookieWithoutConsent_C15() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults()).script("addCookie:_ga,addCookie:XSRF-TOKEN");

        assertThat(reply.cookieNames()).containsExactly("XSRF-TOKEN");
    }

    @Test
    void dropsAnalyticsCookieSetViaAddHeaderWithoutConsent_C15() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults()).script("addHeader:_pk_id.7,addHeader:XSRF-TOKEN");

        assertThat(reply.cookieNames()).containsExactly("XSRF-TOKEN");
    }

    @Test
    void dropsAnalyticsCookieSetViaSetHeaderWithoutConsent_C15() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults()).script("setHeader:_ga_ABC,addHeader:XSRF-TOKEN");

        assertThat(reply.cookieNames()).containsExactly("XSRF-TOKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"addCookie", "addHeader", "setHeader", "addLower", "setUpper"})
    void dropsTheCookieWhateverWayAndHeaderSpellingSetsIt_C15(String way) throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        Reply denied = site.script(way + ":_ga");
        Reply allowed = site.script(way + ":_ga", Fixtures.cookieValue(Set.of("analytics"), Set.of("ga")));

        assertThat(denied.cookieNames()).isEmpty();
        assertThat(allowed.cookieNames()).containsExactly("_ga");
    }

    @Test
    void setHeaderWithAnAllowedCookieReplacesEveryEarlierOne_C15() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults())
                .script("addCookie:lang,addHeader:XSRF-TOKEN,addCookie:_ga,setHeader:XSRF-TOKEN,addCookie:_ga");

        assertThat(reply.cookieNames()).containsExactly("XSRF-TOKEN");
    }

    @Test
    void setHeaderWithADroppedCookieStillReplacesEarlierOnesWhereTheContainerCanRemoveHeaders_C15() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        Reply replacedByNothing = site.script("addCookie:lang,addHeader:XSRF-TOKEN,setHeader:_ga");
        Reply thenAnother = site.script("addCookie:lang,setHeader:_ga,addHeader:XSRF-TOKEN");

        if (removesHeaderSetToNull()) {
            assertThat(replacedByNothing.cookieNames()).isEmpty();
            assertThat(thenAnother.cookieNames()).containsExactly("XSRF-TOKEN");
        } else {
            // The container ignores setHeader(name, null): the earlier, allowed cookies stay; the dropped one never
            // comes.
            assertThat(replacedByNothing.cookieNames()).containsExactly("lang", "XSRF-TOKEN");
            assertThat(thenAnother.cookieNames()).containsExactly("lang", "XSRF-TOKEN");
        }
    }

    @Test
    void cookiesAddedAfterAReplacingSetHeaderAreStillGated_C15() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults()).script("setHeader:XSRF-TOKEN,addCookie:_ga,addLower:lang");

        assertThat(reply.cookieNames()).containsExactly("XSRF-TOKEN", "lang");
    }

    @Test
    void gatesCookiesSetAfterTheBodyWasStartedButBeforeCommit_C15() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults()).script("write,addCookie:_ga,addHeader:XSRF-TOKEN");

        assertThat(reply.cookieNames()).containsExactly("XSRF-TOKEN");
        assertThat(reply.body()).startsWith("body;analytics=false");
    }

    @Test
    void cookiesSetAfterCommitAreIgnoredWithoutFailingTheRequest() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults())
                .script("write,flush,addCookie:XSRF-TOKEN,addCookie:_ga,setHeader:_ga,addHeader:lang");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.cookieNames()).isEmpty();
        assertThat(reply.body()).startsWith("body;analytics=false");
    }

    // ---- Granted consent (C8) ------------------------------------------------------------------------------------

    @Test
    void grantedCategoryAndServiceKeepTheirCookies_C8_C15() throws Exception {
        String consent = Fixtures.cookieValue(Set.of("analytics"), Set.of("matomo", "ga"));

        Reply reply = site(ConsentFilterSettings.defaults())
                .script(
                        "addCookie:_ga,addHeader:_pk_id.7,addLower:_ga_XYZ,addCookie:nl_track,addCookie:yt_pref",
                        consent);

        assertThat(reply.cookieNames()).containsExactly("_ga", "_pk_id.7", "_ga_XYZ");
        assertThat(reply.body()).isEqualTo("analytics=true,matomo=true,necessary=true,state=DECIDED");
    }

    @Test
    void grantedCategoryStillDropsCookiesOfServicesLeftOff_C8() throws Exception {
        String consent = Fixtures.cookieValue(Set.of("analytics"), Set.of("matomo"));

        Reply reply = site(ConsentFilterSettings.defaults()).script("addCookie:_ga,addHeader:_pk_ses.1", consent);

        assertThat(reply.cookieNames()).containsExactly("_pk_ses.1");
    }

    // ---- Signals (C19) and tampering ----------------------------------------------------------------------------

    @Test
    void gpcHeaderDropsMarketingCookiesOfAConsentGivenWithoutTheSignal_C19() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());
        String consent = Fixtures.cookieValue(Set.of("analytics", "marketing"), Set.of("matomo", "newsletter"));

        Reply withGpc = site.withHeader(
                "/app/script?do=" + encode("addCookie:nl_track,addCookie:_pk_id.1"), consent, "Sec-GPC", "1");
        Reply without = site.script("addCookie:nl_track,addCookie:_pk_id.1", consent);

        assertThat(withGpc.cookieNames()).containsExactly("_pk_id.1");
        assertThat(without.cookieNames()).containsExactly("nl_track", "_pk_id.1");
    }

    @Test
    void dntHeaderDropsMarketingCookiesOfAConsentGivenWithoutTheSignal_C19() throws Exception {
        String consent = Fixtures.cookieValue(Set.of("marketing"), Set.of("newsletter"));

        Reply reply = site(ConsentFilterSettings.defaults())
                .withHeader("/app/script?do=addCookie:nl_track", consent, "DNT", "1");

        assertThat(reply.cookieNames()).isEmpty();
    }

    @Test
    void marketingGrantedWhileSendingTheSignalSurvivesIt_C19() throws Exception {
        String consent = Fixtures.cookieValue(Fixtures.consent(Set.of("marketing"), Set.of("newsletter"), true));

        Reply reply = site(ConsentFilterSettings.defaults())
                .withHeader("/app/script?do=addCookie:nl_track", consent, "Sec-GPC", "1");

        assertThat(reply.cookieNames()).containsExactly("nl_track");
    }

    @Test
    void tamperedConsentCookieCountsAsNoConsent() throws Exception {
        String genuine = Fixtures.cookieValue(Set.of("analytics"), Set.of("matomo", "ga"));
        int middle = genuine.length() / 2;
        String tampered = genuine.substring(0, middle)
                + (genuine.charAt(middle) == 'A' ? 'B' : 'A')
                + genuine.substring(middle + 1);

        Reply reply = site(ConsentFilterSettings.defaults()).script("addCookie:_ga,addCookie:XSRF-TOKEN", tampered);

        assertThat(reply.cookieNames()).containsExactly("XSRF-TOKEN");
        assertThat(reply.body()).isEqualTo("analytics=false,matomo=false,necessary=true,state=UNDECIDED");
    }

    @Test
    void malformedCookieHeadersCountAsNoConsentAndNeverFailTheRequest() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());
        String consent = Fixtures.cookieValue(Set.of("analytics"), Set.of("ga"));

        for (String header : List.of(
                "consent4j=\"unterminated; _ga=1",
                "consent4j=; =novalue; ;;",
                "consent4j=" + "A".repeat(4000),
                "consent4j=" + consent.substring(0, consent.length() - 3),
                "consent4j=" + consent + "%00")) {
            Reply reply = site.withCookies("/app/script?do=addCookie:_ga", header);

            assertThat(reply.status()).as(header).isEqualTo(200);
            assertThat(reply.cookieNames()).as(header).isEmpty();
            assertThat(reply.body()).as(header).endsWith("state=UNDECIDED");
        }
    }

    @Test
    void ageBandHookLimitsMinorsWithoutParentalConsentToNecessaryCookies_C28() throws Exception {
        AgeBandResolver kidsArea = request -> request.getRequestURI().startsWith("/app/kids/") ? AgeBand.UNKNOWN : null;
        Site site =
                site(ConsentFilterSettings.builder().ageBandResolver(kidsArea).build());
        String consent = Fixtures.cookieValue(Set.of("analytics"), Set.of("matomo"));

        Reply kids = site.get("/app/kids/script?do=addCookie:_pk_id.1,addCookie:XSRF-TOKEN", consent);
        Reply adults = site.get("/app/script?do=addCookie:_pk_id.1,addCookie:XSRF-TOKEN", consent);

        assertThat(kids.cookieNames()).containsExactly("XSRF-TOKEN");
        assertThat(adults.cookieNames()).containsExactly("_pk_id.1", "XSRF-TOKEN");
    }

    // ---- Undeclared, session and consent cookies ----------------------------------------------------------------

    @Test
    void undeclaredCookiePassesWithOneWarningPerName() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        Reply first = site.script("addCookie:quiz_state,addHeader:quiz_state,addCookie:theme");
        Reply second = site.script("addHeader:quiz_state,addCookie:theme");

        assertThat(first.cookieNames()).containsExactly("quiz_state", "quiz_state", "theme");
        assertThat(second.cookieNames()).containsExactly("quiz_state", "theme");
        assertThat(log.warningsMentioning("'quiz_state'")).hasSize(1);
        assertThat(log.warningsMentioning("'theme'")).hasSize(1);
    }

    @Test
    void strictModeDropsUndeclaredCookies() throws Exception {
        Site site = site(ConsentFilterSettings.builder()
                .undeclaredCookies(UndeclaredCookies.DROP)
                .build());

        Reply reply = site.script("addCookie:quiz_state,addHeader:theme,addInt,addHeader:XSRF-TOKEN");

        assertThat(reply.cookieNames()).containsExactly("XSRF-TOKEN");
        assertThat(log.warningsMentioning("Dropped cookie 'quiz_state'")).hasSize(1);
    }

    @Test
    void sessionCookieAlwaysPasses_C15() throws Exception {
        Site site = site(ConsentFilterSettings.builder()
                .undeclaredCookies(UndeclaredCookies.DROP)
                .build());

        Reply reply = site.script("session,addHeader:JSESSIONID");

        assertThat(reply.cookieNames()).containsExactly("JSESSIONID", "JSESSIONID");
    }

    @Test
    void aRenamedSessionCookieIsTheOneThatPasses_C15() throws Exception {
        Site site = site(
                ConsentFilterSettings.builder()
                        .undeclaredCookies(UndeclaredCookies.DROP)
                        .build(),
                "LEARNSESSION");

        Reply reply = site.script("session,addCookie:LEARNSESSION,addCookie:JSESSIONID");

        assertThat(reply.cookieNames()).containsExactly("LEARNSESSION", "LEARNSESSION");
    }

    @Test
    void consentCookieItselfPassesWithoutBeingDeclared() throws Exception {
        Site site = site(ConsentFilterSettings.builder()
                .undeclaredCookies(UndeclaredCookies.DROP)
                .build());

        Reply reply = site.script("addCookie:consent4j");

        assertThat(reply.cookieNames()).containsExactly("consent4j");
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void readsTheConsentFromTheConfiguredCookieName() throws Exception {
        Site site =
                site(ConsentFilterSettings.builder().cookieName("__Host-c4j").build());
        String consent = Fixtures.cookieValue(Set.of("analytics"), Set.of("ga"));

        Reply renamed = site.withCookies("/app/script?do=addCookie:_ga", "__Host-c4j=" + consent);
        Reply defaultName = site.script("addCookie:_ga", consent);

        assertThat(renamed.cookieNames()).containsExactly("_ga");
        assertThat(defaultName.cookieNames()).isEmpty();
    }

    // ---- The decision for controllers and templates -------------------------------------------------------------

    @Test
    void decisionIsExposedAsRequestAttributeAndThroughConsentRequests() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        Reply granted = site.script("", Fixtures.cookieValue(Set.of("analytics"), Set.of("matomo")));
        Reply refused = site.script("", Fixtures.refusal());

        assertThat(granted.body()).isEqualTo("analytics=true,matomo=true,necessary=true,state=DECIDED");
        assertThat(refused.body()).isEqualTo("analytics=false,matomo=false,necessary=true,state=DECIDED");
    }

    @Test
    void serverSideMeasurementFollowsTheFiltersDecision_C1_C19() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());
        String consent = Fixtures.cookieValue(Set.of("analytics", "marketing"), Set.of("matomo", "newsletter"));

        Reply none = site.get("/app/measure", null);
        Reply granted = site.get("/app/measure", consent);
        Reply objecting = site.withHeader("/app/measure", consent, "Sec-GPC", "1");
        Reply refused = site.get("/app/measure", Fixtures.refusal());
        Reply unseen = site.get("/open/measure", consent);

        assertThat(none.body()).isEqualTo("matomo=false,ga=false,newsletter=false");
        assertThat(granted.body()).isEqualTo("matomo=true,ga=false,newsletter=true");
        assertThat(objecting.body()).isEqualTo("matomo=true,ga=false,newsletter=false");
        assertThat(refused.body()).isEqualTo("matomo=false,ga=false,newsletter=false");
        assertThat(unseen.body()).isEqualTo("matomo=false,ga=false,newsletter=false");
        // The answer depends on the visitor, so the response stays out of shared caches.
        assertThat(granted.response().headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("private"));
    }

    @Test
    void requestsTheFilterDidNotSeeAreAllowedNothingAndNothingThrows() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        Reply reply = site.get("/open/ask", Fixtures.cookieValue(Set.of("analytics"), Set.of("matomo")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("necessary=false,analytics=false,decision=false");
    }

    @Test
    void gatesCookiesOfAForwardedRequestWithTheSameDecision_C15() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults())
                .get("/app/forward?to=/app/script&do=" + encode("addCookie:_ga,addCookie:XSRF-TOKEN"), null);

        assertThat(reply.cookieNames()).containsExactly("XSRF-TOKEN");
        assertThat(reply.body()).endsWith("state=UNDECIDED");
    }

    @Test
    void gatesCookiesSetAfterAnAsyncDispatchOnTheUnwrappedResponse_C15() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults())
                .get("/app/async?do=" + encode("addCookie:_ga,addHeader:XSRF-TOKEN"), Fixtures.refusal());

        assertThat(reply.cookieNames()).containsExactly("XSRF-TOKEN");
        assertThat(reply.body()).endsWith("state=DECIDED");
    }

    // ---- Withdrawal (C14) ---------------------------------------------------------------------------------------

    @Test
    void expiresWithdrawnCookiesOnEveryDeclaredPathAndDomain_C14() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());
        String sent = "consent4j=" + Fixtures.refusal()
                + "; nl_track=1; _ga=GA1.2.3; _pk_id.7.ab=x; ad_id=z; XSRF-TOKEN=t; mystery=1; JSESSIONID=s";

        Reply reply = site.withCookies("/app/script?do=", sent);

        assertThat(reply.setCookies())
                .allSatisfy(c -> {
                    assertThat(c.value()).isEmpty();
                    assertThat(c.attributes()).containsEntry("max-age", "0");
                })
                .extracting(
                        SetCookie::name,
                        c -> c.attributes().get("path"),
                        c -> c.attributes().get("domain"))
                .containsExactlyInAnyOrder(
                        tuple("nl_track", "/", "example.org"),
                        tuple("nl_track", "/", "learn.example.org"),
                        tuple("nl_track", "/courses", "example.org"),
                        tuple("nl_track", "/courses", "learn.example.org"),
                        tuple("_ga", "/", "learn.example"),
                        tuple("_pk_id.7.ab", "/", null));
    }

    @Test
    void expiresOnlyCookiesOfServicesNoLongerGranted_C14() throws Exception {
        String consent = Fixtures.cookieValue(Set.of("analytics"), Set.of("matomo"));

        Reply reply = site(ConsentFilterSettings.defaults())
                .withCookies("/app/script?do=", "consent4j=" + consent + "; _pk_id.7=a; _ga=b; __Secure-nl=c");

        assertThat(reply.setCookies())
                .extracting(
                        SetCookie::name,
                        c -> c.attributes().get("max-age"),
                        c -> c.attributes().containsKey("secure"))
                .containsExactlyInAnyOrder(tuple("_ga", "0", false), tuple("__Secure-nl", "0", true));
    }

    @Test
    void expiresNothingBeforeTheVisitorDecided_C14() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        Reply noConsent = site.withCookies("/app/script?do=", "_ga=b; nl_track=1");
        Reply tampered = site.withCookies("/app/script?do=", "consent4j=AAAA; _ga=b");

        assertThat(noConsent.setCookies()).isEmpty();
        assertThat(tampered.setCookies()).isEmpty();
    }

    @Test
    void expiriesSurviveAServletReplacingOrResettingItsCookies_C14() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());
        String sent = "consent4j=" + Fixtures.refusal() + "; _ga=b";

        Reply replaced = site.withCookies("/app/script?do=" + encode("setHeader:XSRF-TOKEN"), sent);
        Reply reset = site.withCookies("/app/script?do=" + encode("addCookie:XSRF-TOKEN,reset,addCookie:lang"), sent);
        Reply removed = site.withCookies("/app/script?do=" + encode("addCookie:XSRF-TOKEN,removeCookies"), sent);

        assertThat(replaced.cookieNames()).containsExactlyInAnyOrder("XSRF-TOKEN", "_ga");
        assertThat(reset.cookieNames()).containsExactlyInAnyOrder("_ga", "lang");
        assertThat(removed.cookieNames())
                .containsExactlyInAnyOrderElementsOf(
                        removesHeaderSetToNull() ? List.of("_ga") : List.of("_ga", "XSRF-TOKEN"));
        assertThat(replaced.setCookie("_ga").attributes()).containsEntry("max-age", "0");
    }

    @Test
    void expiriesAreNotRepeatedWhenTheRequestIsForwarded_C14() throws Exception {
        String sent = "consent4j=" + Fixtures.refusal() + "; _ga=b";

        Reply reply = site(ConsentFilterSettings.defaults())
                .withCookies("/app/forward?to=/app/script&do=" + encode("addCookie:_ga,addCookie:XSRF-TOKEN"), sent);

        assertThat(reply.cookieNames()).containsExactlyInAnyOrder("_ga", "XSRF-TOKEN");
        assertThat(reply.setCookie("_ga").attributes()).containsEntry("max-age", "0");
    }

    @Test
    void expiriesSurviveAResetDuringAnAsyncDispatch_C14() throws Exception {
        String sent = "consent4j=" + Fixtures.refusal() + "; _ga=b";

        Reply reply = site(ConsentFilterSettings.defaults())
                .withCookies("/app/async?do=" + encode("addCookie:XSRF-TOKEN,reset,addCookie:_ga"), sent);

        assertThat(reply.cookieNames()).containsExactly("_ga");
        assertThat(reply.setCookie("_ga").attributes()).containsEntry("max-age", "0");
    }

    // ---- Shared caches ------------------------------------------------------------------------------------------

    @Test
    void aPageThatAsksForTheDecisionIsPrivateAndVariesByCookie() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        for (Reply reply : List.of(site.script(""), site.script("", Fixtures.refusal()))) {
            assertThat(reply.header("Cache-Control")).isEqualTo("private");
            assertThat(reply.varies()).containsExactly("Cookie");
        }
    }

    @Test
    void aResponseThatNeverTouchesTheDecisionKeepsItsCachingHeaders() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());
        String consent = Fixtures.cookieValue(Set.of("analytics"), Set.of("ga"));

        Reply asset = site.get(
                "/app/steps?do="
                        + encode("set:Cache-Control=public;max-age=31536000;immutable,add:Vary=Accept-Encoding"),
                consent);
        Reply plain = site.get("/app/steps?do=", null);
        Reply necessaryCookies =
                site.get("/app/steps?do=" + encode("addCookie:XSRF-TOKEN,addHeader:quiz_state,session"), consent);

        assertThat(asset.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(asset.varies()).containsExactly("Accept-Encoding");
        for (Reply reply : List.of(plain, necessaryCookies)) {
            assertThat(reply.header("Cache-Control")).isNull();
            assertThat(reply.varies()).isEmpty();
        }
    }

    @Test
    void readingTheDecisionsRequestAttributeDirectlyMarksTheResponseToo() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults()).get("/app/steps?do=attribute", null);

        assertThat(reply.header("Cache-Control")).isEqualTo("private");
        assertThat(reply.varies()).containsExactly("Cookie");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "no-store",
                "no-cache;private",
                "private;max-age=60",
                "no-cache;no-store;max-age=0;must-revalidate",
                "no-store;max-age=0"
            })
    void aStricterCacheControlTheSiteSetIsKeptBeforeOrAfterTheRead(String value) throws Exception {
        Site site = site(ConsentFilterSettings.defaults());
        String expected = value.replace(";", ", ");

        Reply before = site.get("/app/steps?do=" + encode("set:Cache-Control=" + value + ",read"), null);
        Reply after = site.get("/app/steps?do=" + encode("read,set:Cache-Control=" + value), null);

        assertThat(before.header("Cache-Control")).isEqualTo(expected);
        assertThat(after.header("Cache-Control")).isEqualTo(expected);
        assertThat(after.varies()).containsExactly("Cookie");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "public;max-age=600|private, max-age=600",
                "s-maxage=3600;max-age=60|private, max-age=60",
                "public;s-maxage=3600|private",
                "max-age=600;must-revalidate|private, max-age=600, must-revalidate",
                "private=\"Set-Cookie\";max-age=60|private, max-age=60",
                "public;no-store|no-store"
            })
    void publicAndSMaxageNeverLetASharedCacheStoreTheResponse(String valueAndExpected) throws Exception {
        Site site = site(ConsentFilterSettings.defaults());
        String value = valueAndExpected.substring(0, valueAndExpected.indexOf('|'));
        String expected = valueAndExpected.substring(valueAndExpected.indexOf('|') + 1);

        Reply before = site.get("/app/steps?do=" + encode("set:Cache-Control=" + value + ",read"), null);
        Reply after = site.get("/app/steps?do=" + encode("read,set:Cache-Control=" + value), null);
        Reply added = site.get("/app/steps?do=" + encode("read,add:Cache-Control=" + value), null);

        for (Reply reply : List.of(before, after, added)) {
            assertThat(reply.response().headers().allValues("Cache-Control")).containsExactly(expected);
        }
    }

    @Test
    void aValueAddedToTheSitesCacheControlIsMergedIntoOneHeader() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults())
                .get("/app/steps?do=" + encode("set:Cache-Control=max-age=60,read,add:Cache-Control=public"), null);

        assertThat(reply.response().headers().allValues("Cache-Control")).containsExactly("private, max-age=60");
    }

    @Test
    void varyKeepsWhatTheSiteVariesByAndAddsCookie() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        Reply before = site.get("/app/steps?do=" + encode("add:Vary=Accept-Encoding,read"), null);
        Reply after = site.get("/app/steps?do=" + encode("read,set:Vary=Accept-Language"), null);
        Reply added = site.get("/app/steps?do=" + encode("read,add:Vary=Origin"), null);
        Reply everything = site.get("/app/steps?do=" + encode("set:Vary=*,read"), null);
        Reply lowerCase = site.get("/app/steps?do=" + encode("set:Vary=cookie;Accept-Encoding,read"), null);

        assertThat(before.varies()).containsExactly("Accept-Encoding", "Cookie");
        assertThat(after.varies()).containsExactly("Accept-Language", "Cookie");
        assertThat(added.varies()).containsExactly("Cookie", "Origin");
        assertThat(everything.varies()).containsExactly("*");
        assertThat(lowerCase.varies()).containsExactly("cookie", "Accept-Encoding");
    }

    @Test
    void cachingHeadersOfCdnsAndProxiesCannotLetTheResponseBeShared() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults())
                .get(
                        "/app/steps?do="
                                + encode("set:CDN-Cache-Control=max-age=600,set:Surrogate-Control=max-age=600,read,"
                                        + "setInt:X-Accel-Expires=600,add:Cloudflare-CDN-Cache-Control=max-age=60"),
                        null);

        assertThat(reply.header("CDN-Cache-Control")).isEqualTo("no-store");
        assertThat(reply.header("Surrogate-Control")).isEqualTo("no-store");
        assertThat(reply.header("X-Accel-Expires")).isEqualTo("0");
        assertThat(reply.header("Cloudflare-CDN-Cache-Control")).isEqualTo("no-store");
        assertThat(reply.header("Cache-Control")).isEqualTo("private");
    }

    @Test
    void aFrameworkDefaultThatFillsOnlyAnEmptyCacheControlStillApplies() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        // As Spring Security's header writer: its no-store replaces the private set for want of a value.
        Reply strict = site.get(
                "/app/steps?do=" + encode("read,default:Cache-Control=no-cache;no-store;max-age=0;must-revalidate"),
                null);
        Reply loose = site.get("/app/steps?do=" + encode("read,default:Cache-Control=public;max-age=600"), null);
        Reply siteSetOne = site.get(
                "/app/steps?do=" + encode("set:Cache-Control=no-store,read,default:Cache-Control=public"), null);

        assertThat(strict.response().headers().allValues("Cache-Control"))
                .containsExactly("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(loose.header("Cache-Control")).isEqualTo("private, max-age=600");
        assertThat(siteSetOne.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aCookieWhoseFateDependsOnTheDecisionMarksTheResponse_C15() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        Reply dropped = site.get("/app/steps?do=addCookie:_ga", null);
        Reply kept = site.get("/app/steps?do=addHeader:_ga", Fixtures.cookieValue(Set.of("analytics"), Set.of("ga")));

        assertThat(dropped.cookieNames()).isEmpty();
        assertThat(kept.cookieNames()).containsExactly("_ga");
        for (Reply reply : List.of(dropped, kept)) {
            assertThat(reply.header("Cache-Control")).isEqualTo("private");
            assertThat(reply.varies()).containsExactly("Cookie");
        }
    }

    @Test
    void expiriesOfWithdrawnCookiesMarkTheResponse_C14() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults())
                .withCookies(
                        "/app/steps?do=" + encode("set:Cache-Control=public;max-age=600"),
                        "consent4j=" + Fixtures.refusal() + "; _ga=b");

        assertThat(reply.cookieNames()).containsExactly("_ga");
        assertThat(reply.header("Cache-Control")).isEqualTo("private, max-age=600");
        assertThat(reply.varies()).containsExactly("Cookie");
    }

    @Test
    void theMarkSurvivesAReset() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults())
                .get("/app/steps?do=" + encode("read,set:Cache-Control=no-store,reset,set:Cache-Control=public"), null);

        assertThat(reply.header("Cache-Control")).isEqualTo("private");
        assertThat(reply.varies()).containsExactly("Cookie");
    }

    @Test
    void aForwardedRequestIsMarkedOnlyWhenItsTargetReadsTheDecision() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        Reply reads = site.get("/app/forward?to=/app/steps&do=read", null);
        Reply ignores = site.get("/app/forward?to=/app/steps&do=", null);

        assertThat(reads.header("Cache-Control")).isEqualTo("private");
        assertThat(ignores.header("Cache-Control")).isNull();
        assertThat(ignores.varies()).isEmpty();
    }

    @Test
    void anAsyncDispatchThatReadsTheDecisionMarksTheResponse() throws Exception {
        Reply reply = site(ConsentFilterSettings.defaults()).get("/app/async?do=", Fixtures.refusal());

        assertThat(reply.body()).endsWith("state=DECIDED");
        assertThat(reply.header("Cache-Control")).isEqualTo("private");
        assertThat(reply.varies()).containsExactly("Cookie");
    }

    @Test
    void aDecisionReadAfterTheResponseWasCommittedIsLoggedOnce() throws Exception {
        Site site = site(ConsentFilterSettings.defaults());

        Reply first = site.get("/app/steps?do=" + encode("write,flush,read"), null);
        site.get("/app/steps?do=" + encode("write,flush,read"), null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Cache-Control")).isNull();
        assertThat(log.warningsMentioning("after its response was committed")).hasSize(1);
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    private Site site(ConsentFilterSettings settings) throws Exception {
        return site(settings, null);
    }

    private Site site(ConsentFilterSettings settings, String sessionCookieName) throws Exception {
        ConsentFilter filter = ConsentFilter.of(Fixtures.decider(), settings);
        TestServer server = start(new TestApp(filter, sessionCookieName));
        servers.add(server);
        return new Site(server.port());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The test app on one running server. */
    record Site(int port) {

        /** Runs {@code steps} without a consent cookie. */
        Reply script(String steps) throws IOException, InterruptedException {
            return script(steps, null);
        }

        /** Runs {@code steps} with consent cookie value {@code consent} (none when null). */
        Reply script(String steps, String consent) throws IOException, InterruptedException {
            return get("/app/script?do=" + encode(steps), consent);
        }

        /** GETs {@code path} with consent cookie value {@code consent} (none when null). */
        Reply get(String path, String consent) throws IOException, InterruptedException {
            return send(path, consent == null ? null : "consent4j=" + consent, null, null);
        }

        /** GETs {@code path} with consent cookie value {@code consent} and one more request header. */
        Reply withHeader(String path, String consent, String header, String value)
                throws IOException, InterruptedException {
            return send(path, "consent4j=" + consent, header, value);
        }

        /** GETs {@code path} with {@code cookies} as the raw Cookie header. */
        Reply withCookies(String path, String cookies) throws IOException, InterruptedException {
            return send(path, cookies, null, null);
        }

        private Reply send(String path, String cookies, String header, String value)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(60))
                    .GET();
            if (cookies != null) {
                request.header("Cookie", cookies);
            }
            if (header != null) {
                request.header(header, value);
            }
            return new Reply(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    /** One response. */
    record Reply(HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        /** Every value of the header {@code name}, joined by commas; null when it is absent. */
        String header(String name) {
            List<String> values = response.headers().allValues(name);
            return values.isEmpty() ? null : String.join(", ", values);
        }

        /** The fields of every {@code Vary} header, in order. */
        List<String> varies() {
            return response.headers().allValues("Vary").stream()
                    .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .toList();
        }

        /** Every Set-Cookie header, in order. */
        List<SetCookie> setCookies() {
            return response.headers().allValues("set-cookie").stream()
                    .map(SetCookie::parse)
                    .toList();
        }

        /** The cookie names of every Set-Cookie header, in order. */
        List<String> cookieNames() {
            return setCookies().stream().map(SetCookie::name).toList();
        }

        /** The only Set-Cookie header for {@code name}. */
        SetCookie setCookie(String name) {
            List<SetCookie> found =
                    setCookies().stream().filter(c -> c.name().equals(name)).toList();
            assertThat(found).as("Set-Cookie headers for %s", name).hasSize(1);
            return found.get(0);
        }
    }

    /**
     * A Set-Cookie header as a browser reads it; attribute names in lower case, flags with an empty value.
     *
     * @param name the cookie name
     * @param value the cookie value
     * @param attributes the attributes
     */
    record SetCookie(String name, String value, Map<String, String> attributes) {

        static SetCookie parse(String header) {
            String[] parts = header.split(";");
            int equals = parts[0].indexOf('=');
            String name = equals < 0 ? "" : parts[0].substring(0, equals).strip();
            String value = equals < 0
                    ? parts[0].strip()
                    : parts[0].substring(equals + 1).strip();
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].strip();
                int eq = part.indexOf('=');
                String key = (eq < 0 ? part : part.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                attributes.put(key, eq < 0 ? "" : part.substring(eq + 1).strip());
            }
            return new SetCookie(name, value, attributes);
        }
    }
}
