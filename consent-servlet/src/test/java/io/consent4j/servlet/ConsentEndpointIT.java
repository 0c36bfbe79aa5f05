/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.receipt.ConsentReceipt;
import io.consent4j.core.signing.ReceiptVerifier;
import io.consent4j.core.token.ConsentId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The visitor endpoint over real HTTP on Jetty 12, installed the plain-servlet way. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentEndpointIT {

    private Site site;

    @BeforeAll
    void start() throws Exception {
        site = Site.start();
    }

    @AfterAll
    void stop() throws Exception {
        site.close();
    }

    // ---- GET: policy and state --------------------------------------------------------------------------------

    @Test
    void getDescribesThePolicyInGermanForAGermanBrowser_C7_C11() throws Exception {
        JsonNode doc = site.get("/consent", "Accept-Language", "de-DE,de;q=0.9,en;q=0.5")
                .json();

        assertThat(doc.path("locale").stringValue()).isEqualTo("de");
        assertThat(doc.path("texts").path("rejectAll").stringValue()).isNotBlank();
        assertThat(doc.path("texts").path("acceptAll").stringValue())
                .isNotEqualTo(site.get("/consent?lang=en")
                        .json()
                        .path("texts")
                        .path("acceptAll")
                        .stringValue());
        JsonNode necessary = doc.path("categories").get(0);
        assertThat(necessary.path("id").stringValue()).isEqualTo("necessary");
        assertThat(necessary.path("label").stringValue()).isEqualTo("Notwendig");
        assertThat(necessary.path("required").booleanValue()).isTrue();
        JsonNode lang = doc.path("services").get(0).path("cookies").get(1);
        assertThat(lang.path("name").stringValue()).isEqualTo("lang");
        assertThat(lang.path("lifetime").stringValue()).isEqualTo("1 Jahr");
        JsonNode adnet = doc.path("services").get(5);
        assertThat(adnet.path("provider").stringValue()).isEqualTo("Ad Network Ltd.");
        assertThat(adnet.path("cookies").get(0).path("thirdParty").booleanValue())
                .isTrue();
        assertThat(doc.path("links").path("privacyPolicy").stringValue()).isEqualTo("/privacy");
        assertThat(doc.path("links").path("imprint").stringValue()).isEqualTo("/imprint");
    }

    @Test
    void getSpeaksEnglishWhenAskedAndFallsBackToTheDefaultLanguage_C11() throws Exception {
        JsonNode english = site.get("/consent?lang=en").json();
        JsonNode unknown = site.get("/consent", "Accept-Language", "ja-JP").json();
        JsonNode malformed = site.get("/consent", "Accept-Language", ";;;q=x").json();

        assertThat(english.path("locale").stringValue()).isEqualTo("en");
        assertThat(english.path("categories").get(0).path("label").stringValue())
                .isEqualTo("Necessary");
        assertThat(english.path("services")
                        .get(0)
                        .path("cookies")
                        .get(1)
                        .path("lifetime")
                        .stringValue())
                .isEqualTo("1 year");
        assertThat(unknown.path("locale").stringValue()).isEqualTo(Fixtures.POLICY.defaultLocale());
        assertThat(malformed.path("locale").stringValue()).isEqualTo(Fixtures.POLICY.defaultLocale());
    }

    @Test
    void getSpeaksEveryOfficialEuLanguage_C11() throws Exception {
        for (String language : BannerText.BUILT_IN_LANGUAGES) {
            JsonNode asked = site.get("/consent?lang=" + language).json();
            JsonNode browser = site.get("/consent", "Accept-Language", language + "-XX," + language + ";q=0.9,en;q=0.5")
                    .json();

            Map<BannerText, String> texts = Fixtures.POLICY.texts(language);
            assertThat(asked.path("locale").stringValue()).as(language).isEqualTo(language);
            assertThat(browser.path("locale").stringValue()).as(language).isEqualTo(language);
            assertThat(asked.path("texts").path("rejectAll").stringValue()).isEqualTo(texts.get(BannerText.REJECT_ALL));
            assertThat(asked.path("texts").path("parentLink").stringValue())
                    .isEqualTo(texts.get(BannerText.PARENT_LINK));
            assertThat(asked.path("texts").has("parentIntro"))
                    .as("the parent's page is rendered by the server; the script never needs its texts")
                    .isFalse();
        }
        assertThat(site.get("/consent", "Accept-Language", "fi-FI,fi;q=0.9")
                        .json()
                        .path("texts")
                        .path("acceptAll")
                        .stringValue())
                .isEqualTo("Hyväksy kaikki");
    }

    @Test
    void settingsPageWithoutScriptSpeaksTheAskedEuLanguage_C11() throws Exception {
        String html = site.get("/consent/settings?lang=pl&return=%2Fpage").body();

        assertThat(html)
                .contains("<html lang=\"pl\">", "<title>Ustawienia plików cookie</title>")
                .contains("name=\"action\" value=\"reject_all\">Odrzuć wszystkie</button>")
                .contains("name=\"action\" value=\"accept_all\">Zaakceptuj wszystkie</button>")
                .contains("<th scope=\"col\">Okres przechowywania</th>");
    }

    @Test
    void parentsPagesSpeakTheParentsEuLanguage_C11_C28() throws Exception {
        Site.Reply asked = site.post("/consent/parent-link", "application/json", "{}");
        String link = asked.json().path("link").stringValue();
        String path = link.substring(site.origin().length());

        String page = site.get(path, "Accept-Language", "hu-HU,hu;q=0.9").body();
        String broken = site.get("/consent/parent?t=nonsense&lang=sv").body();

        assertThat(page)
                .contains("<html lang=\"hu\">", "<h1 id=\"c4j-st\" class=\"c4j-h\">Szülői hozzájárulás</h1>")
                .contains(">Összes engedélyezése gyermekemnek</button>", ">Csak a szükségesek gyermekemnek</button>");
        assertThat(broken).contains("<html lang=\"sv\">", "Den här länken är ogiltig.");
    }

    @Test
    void firstVisitIsUndecidedWithTheBannerAndOnlyNecessaryGranted_C1_C3() throws Exception {
        JsonNode state = site.get("/consent").json().path("state");

        assertThat(state.path("consentId").isNull()).isTrue();
        assertThat(state.path("state").stringValue()).isEqualTo("undecided");
        assertThat(state.path("showBanner").booleanValue()).isTrue();
        assertThat(texts(state.path("categories"))).containsExactly("necessary");
        assertThat(state.path("googleConsentMode").path("enabled").booleanValue())
                .isFalse();
    }

    // ---- POST: choices ----------------------------------------------------------------------------------------

    @Test
    void jsonAcceptAllRecordsFirstThenSetsASecureHttpOnlyLaxCookie_C21_C22() throws Exception {
        Site.Reply reply = site.postJson(
                "{\"action\":\"accept_all\",\"layer\":\"first_layer\"}",
                "User-Agent",
                "Test/1.0",
                "Referer",
                site.origin() + "/courses/1?x=y");

        assertThat(reply.status()).isEqualTo(200);
        String cookie = reply.setCookie("consent4j");
        assertThat(cookie)
                .contains("; Path=/")
                .contains("; HttpOnly")
                .contains("; SameSite=Lax")
                .contains("; Secure")
                .contains("; Max-Age=" + Duration.ofDays(184).toSeconds());
        JsonNode state = reply.json().path("state");
        assertThat(state.path("state").stringValue()).isEqualTo("decided");
        assertThat(texts(state.path("categories"))).contains("analytics", "marketing");
        ConsentId id = ConsentId.parse(state.path("consentId").stringValue());
        List<ConsentRecord> records = site.ledger.findByConsentId(id);
        assertThat(records).hasSize(1);
        ConsentRecord record = records.get(0);
        JsonNode receipt = reply.json().path("receipt");
        assertThat(receipt.has("jws")).isFalse();
        assertThat(receipt.path("url").stringValue())
                .isEqualTo("/consent/receipt?chain=" + record.chainId() + "&seq=" + record.sequence());
        assertThat(receipt.path("payload").path("recordHash").stringValue()).isEqualTo(record.hash());
        assertThat(receipt.path("payload").path("consentId").stringValue()).isEqualTo(id.toString());
        assertThat(record.content().event()).isEqualTo(ConsentEvent.GIVEN);
        assertThat(record.content().path()).isEqualTo("/courses/1");
        assertThat(record.content().userAgent()).isEqualTo("Test/1.0");
        assertThat(record.content().ipPrefix()).isEqualTo("127.0.0.0/24");
        assertThat(record.content().categories())
                .containsEntry("analytics", true)
                .containsEntry("marketing", true);
    }

    @Test
    void anotherSitesRefererIsNoCollectionPoint_C21() throws Exception {
        Site.Reply reply = site.postJson(
                "{\"action\":\"reject_all\",\"layer\":\"first_layer\"}",
                "Referer",
                "https://elsewhere.example/some/page");

        assertThat(reply.status()).isEqualTo(200);
        ConsentId id =
                ConsentId.parse(reply.json().path("state").path("consentId").stringValue());
        assertThat(site.ledger.findByConsentId(id))
                .singleElement()
                .satisfies(record -> assertThat(record.content().path()).isNull());
    }

    @Test
    void jsonCustomChoiceGrantsExactlyTheTogglesShown_C6_C8() throws Exception {
        Site.Reply reply = site.postJson(
                "{\"action\":\"custom\",\"categories\":[\"analytics\"],\"services\":[\"matomo\"],\"layer\":\"settings\"}");

        JsonNode state = reply.json().path("state");
        assertThat(texts(state.path("categories"))).containsExactlyInAnyOrder("necessary", "analytics");
        assertThat(texts(state.path("services"))).contains("matomo").doesNotContain("ga", "adnet");
    }

    @Test
    void aChoiceOfTheSitesOwnCodeIsRecordedAsMadeThroughTheApi_C22() throws Exception {
        Site.Reply reply = site.postJson(
                "{\"action\":\"custom\",\"categories\":[\"analytics\"],\"services\":[],\"layer\":\"api\"}");

        assertThat(reply.status()).isEqualTo(200);
        ConsentId id =
                ConsentId.parse(reply.json().path("state").path("consentId").stringValue());
        assertThat(site.ledger.findByConsentId(id))
                .singleElement()
                .satisfies(
                        record -> assertThat(record.content().collectionPoint()).isEqualTo(CollectionPoint.API));
    }

    @Test
    void formRejectAllRedirectsBackWithTheCookieSet_C4_C9() throws Exception {
        Site.Reply reply = site.postForm("action=reject_all&return=%2Fcourses%2F7%3Ftab%3D2");

        assertThat(reply.status()).isEqualTo(303);
        assertThat(reply.header("Location")).endsWith("/courses/7?tab=2");
        assertThat(reply.setCookie("consent4j")).contains("HttpOnly").contains("SameSite=Lax");
        JsonNode state = site.get("/consent", "Cookie", "consent4j=" + reply.consentCookie())
                .json()
                .path("state");
        assertThat(state.path("state").stringValue()).isEqualTo("decided");
        assertThat(state.path("showBanner").booleanValue()).isFalse();
        assertThat(texts(state.path("categories"))).containsExactly("necessary");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https%3A%2F%2Fevil.example%2F",
                "%2F%2Fevil.example",
                "%2F%5Cevil.example",
                "evil.example",
                "javascript%3Aalert(1)",
                "%2F%252F%252Fevil.example",
                "%2Fok%0D%0ASet-Cookie%3A+x%3D1",
                ""
            })
    void formRedirectGoesOnlyToSameOriginPaths_C9(String returnPath) throws Exception {
        Site.Reply reply = site.postForm("action=reject_all&return=" + returnPath);

        assertThat(reply.status()).isEqualTo(303);
        assertThat(URIs.path(reply.header("Location"))).isEqualTo("/");
        assertThat(reply.header("Location")).doesNotContain("evil");
    }

    @Test
    void formSaveWithCategoryCheckboxesRecordsANoScriptCustomChoice_C8_C22() throws Exception {
        Site.Reply reply = site.postForm("action=save&category=functional&category=analytics&return=%2F");

        String cookie = reply.consentCookie();
        JsonNode state =
                site.get("/consent", "Cookie", "consent4j=" + cookie).json().path("state");
        assertThat(texts(state.path("categories"))).containsExactlyInAnyOrder("necessary", "functional", "analytics");
        ConsentRecord record = site.ledger
                .findByConsentId(ConsentId.parse(state.path("consentId").stringValue()))
                .get(0);
        assertThat(record.content().collectionPoint().jsonName()).isEqualTo("no_script_form");
    }

    @Test
    void withdrawalKeepsTheConsentIdDeniesEverythingAndExpiresKnownCookies_C14() throws Exception {
        String granted = site.postJson("{\"action\":\"accept_all\"}").consentCookie();

        Site.Reply reply = site.postJson(
                "{\"action\":\"withdraw\",\"layer\":\"settings\"}",
                "Cookie",
                "consent4j=" + granted + "; _ga=GA1.1; XSRF-TOKEN=t");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("event").stringValue()).isEqualTo("withdrawn");
        JsonNode state = reply.json().path("state");
        assertThat(texts(state.path("categories"))).containsExactly("necessary");
        assertThat(reply.setCookie("_ga")).contains("Max-Age=0");
        assertThat(reply.setCookie("XSRF-TOKEN")).isNull();
        ConsentId id = ConsentId.parse(state.path("consentId").stringValue());
        assertThat(site.ledger.findByConsentId(id))
                .extracting(r -> r.content().event())
                .containsExactly(ConsentEvent.GIVEN, ConsentEvent.WITHDRAWN);
    }

    @Test
    void aSharedCookieIsSetAndReplacedOnWithdrawalWithItsDomainAndPath_C14() throws Exception {
        try (Site shared = Site.start(
                Map.of(ConsentServletSetup.COOKIE_DOMAIN, "lernen.test", ConsentServletSetup.COOKIE_PATH, "/"))) {
            Site.Reply accepted = shared.postJson("{\"action\":\"accept_all\"}");

            List<String> consentCookies = accepted.setCookies().stream()
                    .filter(h -> h.startsWith("consent4j="))
                    .toList();
            // The shared cookie, and the deletion of a host-only one the browser may hold from before.
            assertThat(consentCookies).hasSize(2);
            assertThat(consentCookies.get(0)).contains("; Path=/; Domain=lernen.test; HttpOnly");
            assertThat(consentCookies.get(1))
                    .startsWith("consent4j=; Max-Age=0")
                    .contains("; Path=/;")
                    .doesNotContain("Domain");

            Site.Reply withdrawn = shared.postJson(
                    "{\"action\":\"withdraw\",\"layer\":\"settings\"}",
                    "Cookie",
                    "consent4j=" + accepted.consentCookie() + "; _ga=GA1.1");

            assertThat(withdrawn.json().path("event").stringValue()).isEqualTo("withdrawn");
            assertThat(withdrawn.setCookie("consent4j")).contains("; Path=/; Domain=lernen.test;");
            assertThat(withdrawn.setCookie("_ga")).contains("Max-Age=0");
        }
    }

    // ---- receipt and history (C27) ----------------------------------------------------------------------------

    @Test
    void visitorDownloadsTheirSignedReceiptAndHistory_C24_C27() throws Exception {
        String first = site.postJson("{\"action\":\"accept_all\"}").consentCookie();
        String second = site.postJson("{\"action\":\"reject_all\"}", "Cookie", "consent4j=" + first)
                .consentCookie();

        JsonNode receipt =
                site.get("/consent/receipt", "Cookie", "consent4j=" + second).json();
        JsonNode history =
                site.get("/consent/history", "Cookie", "consent4j=" + second).json();
        String jwk = site.get("/consent/jwk").body();

        assertThat(receipt.path("kid").stringValue()).isEqualTo(Site.SIGNER.keyId());
        assertThat(receipt.path("payload").path("event").stringValue()).isEqualTo("updated");
        assertThat(io.consent4j.core.receipt.ConsentReceipt.verify(
                        io.consent4j.core.signing.ReceiptVerifier.fromJwk(jwk),
                        receipt.path("receipt").stringValue()))
                .isPresent();
        assertThat(history.path("consentId").stringValue())
                .isEqualTo(receipt.path("consentId").stringValue());
        assertThat(history.path("records")).hasSize(2);
        assertThat(history.path("records").get(0).path("method").stringValue()).isEqualTo("accept_all");
        assertThat(history.path("records").get(1).path("method").stringValue()).isEqualTo("reject_all");
    }

    @Test
    void receiptLinkedFromTheAnswerIsSignedWhenFetchedAndAlwaysTheSame_C24_C27() throws Exception {
        Site.Reply first = site.postJson("{\"action\":\"accept_all\"}");
        String cookie = "consent4j=" + first.consentCookie();
        String url = first.json().path("receipt").path("url").stringValue();
        site.postJson("{\"action\":\"reject_all\"}", "Cookie", cookie);
        ReceiptVerifier verifier =
                ReceiptVerifier.fromJwk(site.get("/consent/jwk").body());

        Site.Reply fetched = site.get(url, "Cookie", cookie);
        Site.Reply again = site.get(url, "Cookie", cookie);

        assertThat(fetched.status()).isEqualTo(200);
        String jws = fetched.json().path("receipt").stringValue();
        assertThat(again.json().path("receipt").stringValue()).isEqualTo(jws);
        ConsentId id = ConsentId.parse(fetched.json().path("consentId").stringValue());
        ConsentRecord given = site.ledger.findByConsentId(id).get(0);
        assertThat(ConsentReceipt.verify(verifier, jws).orElseThrow().matches(given))
                .isTrue();
        assertThat(fetched.json().path("payload"))
                .isEqualTo(first.json().path("receipt").path("payload"));
    }

    @Test
    void pageAsksForTheSignedReceiptInTheAnswer_C24_C27() throws Exception {
        Site.Reply reply = site.post("/consent?receipt=jws", "application/json", "{\"action\":\"accept_all\"}");
        String cookie = "consent4j=" + reply.consentCookie();
        JsonNode receipt = reply.json().path("receipt");
        ReceiptVerifier verifier =
                ReceiptVerifier.fromJwk(site.get("/consent/jwk").body());

        String jws = receipt.path("jws").stringValue();

        assertThat(ConsentReceipt.verify(verifier, jws)).isPresent();
        assertThat(site.get(receipt.path("url").stringValue(), "Cookie", cookie)
                        .json()
                        .path("receipt")
                        .stringValue())
                .isEqualTo(jws);
    }

    @Test
    void receiptOfSomeoneElsesRecordIs404AndAMalformedQuery400_C27() throws Exception {
        Site.Reply mine = site.postJson("{\"action\":\"accept_all\"}");
        Site.Reply theirs = site.postJson("{\"action\":\"reject_all\"}");
        String cookie = "consent4j=" + mine.consentCookie();

        Site.Reply other = site.get(theirs.json().path("receipt").path("url").stringValue(), "Cookie", cookie);
        Site.Reply badSeq = site.get("/consent/receipt?chain=c&seq=x", "Cookie", cookie);
        Site.Reply noChain = site.get("/consent/receipt?seq=1", "Cookie", cookie);

        assertThat(other.status()).isEqualTo(404);
        assertThat(badSeq.status()).isEqualTo(400);
        assertThat(badSeq.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noChain.status()).isEqualTo(400);
    }

    @Test
    void receiptAndHistoryAre404WithoutAGenuineCookie_C27() throws Exception {
        Site.Reply none = site.get("/consent/receipt");
        Site.Reply forged = site.get("/consent/history", "Cookie", "consent4j=forged.value");

        assertThat(none.status()).isEqualTo(404);
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        assertThat(none.json().path("status").intValue()).isEqualTo(404);
        assertThat(forged.status()).isEqualTo(404);
    }

    // ---- bad input --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"action\":\"custom\",\"categories\":[\"tracking\"]}|unknown-category|tracking",
                "{\"action\":\"custom\",\"services\":[\"hotjar\"]}|unknown-service|hotjar",
                "{\"action\":\"grant_service\",\"services\":[\"hotjar\"]}|unknown-service|hotjar",
                "{\"action\":\"accept_everything\"}|malformed-body|accept_everything",
                "{\"action\":\"accept_all\",\"layer\":\"popup\"}|malformed-body|popup",
                "{\"categories\":[\"analytics\"]}|malformed-body|action",
                "{\"action\":\"custom\",\"categories\":\"analytics\"}|malformed-body|categories",
                "{\"action\":\"custom\",\"categories\":[1]}|malformed-body|categories",
                "{\"action\":\"grant_service\",\"services\":[]}|malformed-body|grant_service",
                "{\"action\":|malformed-body|JSON",
                "[1,2]|malformed-body|object",
                "not json|malformed-body|JSON"
            })
    void badChoicesGetA400ProblemThatNamesTheCause(String body, String type, String named) throws Exception {
        Site.Reply reply = site.postJson(body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.setCookies()).isEmpty();
        JsonNode problem = reply.json();
        assertThat(problem.path("type").stringValue()).endsWith("/" + type);
        assertThat(problem.path("title").stringValue()).isEqualTo("Bad request");
        assertThat(problem.path("status").intValue()).isEqualTo(400);
        assertThat(problem.path("detail").stringValue()).contains(named);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void malformedFormEncodingIs400() throws Exception {
        Site.Reply reply = site.postForm("action=save&category=%ZZ");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("type").stringValue()).endsWith("/malformed-body");
    }

    @Test
    void aQueryThatIsNotPercentEncodedUtf8CountsAsNoLanguage() throws Exception {
        // Jetty throws when a servlet reads a parameter of such a query; the endpoint answered 500.
        Site.RawReply state = site.raw("GET", "/consent?lang=d%e", null, "Accept-Language", "de");

        assertThat(state.status()).isEqualTo(200);
        assertThat(Site.JSON.readTree(state.body()).path("locale").stringValue())
                .isEqualTo("de");

        Site.RawReply choice = site.raw(
                "POST", "/consent?lang=%C3", "{\"action\":\"reject_all\"}", "Content-Type", "application/json");

        assertThat(choice.status()).isEqualTo(200);
        assertThat(Site.JSON.readTree(choice.body()).path("event").stringValue())
                .isEqualTo("given");
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String big = "{\"action\":\"custom\",\"categories\":[" + "\"analytics\",".repeat(1000) + "\"analytics\"]}";

        Site.Reply reply = site.postJson(big);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().path("status").intValue()).isEqualTo(413);
        assertThat(reply.setCookies()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "multipart/form-data; boundary=x", "application/xml"})
    void wrongContentTypeIs415(String type) throws Exception {
        Site.Reply reply = site.post("/consent", type, "{\"action\":\"accept_all\"}");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.json().path("type").stringValue()).endsWith("/unsupported-media-type");
    }

    @Test
    void missingContentTypeIs415() throws Exception {
        assertThat(site.post("/consent", null, "{\"action\":\"accept_all\"}").status())
                .isEqualTo(415);
    }

    @Test
    void crossSitePostsAreForbidden403() throws Exception {
        Site.Reply fetchSite = site.postJson("{\"action\":\"accept_all\"}", "Sec-Fetch-Site", "cross-site");
        Site.Reply origin = site.postJson("{\"action\":\"accept_all\"}", "Origin", "https://evil.example");
        Site.Reply otherPort = site.postForm("action=accept_all", "Origin", "http://127.0.0.1:1");
        Site.Reply sameOrigin =
                site.postJson("{\"action\":\"accept_all\"}", "Origin", site.origin(), "Sec-Fetch-Site", "same-origin");

        assertThat(List.of(fetchSite.status(), origin.status(), otherPort.status()))
                .containsOnly(403);
        assertThat(fetchSite.setCookies()).isEmpty();
        assertThat(origin.json().path("detail").stringValue()).contains("evil.example");
        assertThat(sameOrigin.status()).isEqualTo(200);
    }

    @Test
    void aFormOfAPageWithoutReferrerPostsWithOriginNullAndIsTheSitesOwn_C9() throws Exception {
        // Under Referrer-Policy: no-referrer, browsers send Origin: null with a page's own form posts.
        Site.Reply own = site.postForm("action=reject_all", "Origin", "null", "Sec-Fetch-Site", "same-origin");
        Site.Reply opaque = site.postForm("action=reject_all", "Origin", "null");
        Site.Reply crossNull = site.postForm("action=reject_all", "Origin", "null", "Sec-Fetch-Site", "cross-site");

        assertThat(own.status()).isEqualTo(303);
        assertThat(List.of(opaque.status(), crossNull.status())).containsOnly(403);
    }

    @Test
    void wrongMethodsAre405WithAllow() throws Exception {
        Site.Reply put = site.send(java.net.http.HttpRequest.newBuilder(site.uri("/consent"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .build());
        Site.Reply postReceipt = site.post("/consent/receipt", "application/json", "{}");

        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).isEqualTo("GET, POST");
        assertThat(postReceipt.status()).isEqualTo(405);
        assertThat(postReceipt.header("Allow")).isEqualTo("GET");
    }

    @Test
    void whenTheLedgerFailsTheChoiceIs503AndNoCookieIsSet_C21() throws Exception {
        site.ledger.failing = true;
        try {
            Site.Reply json = site.postJson("{\"action\":\"accept_all\"}");
            Site.Reply form = site.postForm("action=accept_all&return=%2F");

            assertThat(json.status()).isEqualTo(503);
            assertThat(json.json().path("type").stringValue()).endsWith("/ledger-unavailable");
            assertThat(json.setCookies()).isEmpty();
            assertThat(form.status()).isEqualTo(503);
            assertThat(form.setCookies()).isEmpty();
        } finally {
            site.ledger.failing = false;
        }
    }

    @Test
    void tooManyPostsFromOneNetworkAre429WithRetryAfter() throws Exception {
        try (Site limited =
                Site.start(Map.of(ConsentServletSetup.RATE_POSTS, "2", ConsentServletSetup.RATE_WINDOW, "PT10M"))) {
            assertThat(limited.postJson("{\"action\":\"reject_all\"}").status()).isEqualTo(200);
            assertThat(limited.postJson("{\"action\":\"reject_all\"}").status()).isEqualTo(200);

            Site.Reply third = limited.postJson("{\"action\":\"reject_all\"}");

            assertThat(third.status()).isEqualTo(429);
            assertThat(third.header("Retry-After")).isEqualTo("600");
            assertThat(third.setCookies()).isEmpty();
            limited.clock.advance(Duration.ofMinutes(10));
            assertThat(limited.postJson("{\"action\":\"reject_all\"}").status()).isEqualTo(200);
        }
    }

    // ---- implied events ---------------------------------------------------------------------------------------

    @Test
    void anExpiredConsentThatComesBackIsRecordedOnce_C18_C21() throws Exception {
        try (Site own = Site.start()) {
            String cookie = own.postJson("{\"action\":\"accept_all\"}").consentCookie();
            own.clock.advance(Duration.ofDays(200));

            JsonNode state =
                    own.get("/consent", "Cookie", "consent4j=" + cookie).json().path("state");
            own.get("/consent", "Cookie", "consent4j=" + cookie);
            own.implied.runAll();

            assertThat(state.path("state").stringValue()).isEqualTo("expired");
            assertThat(state.path("showBanner").booleanValue()).isTrue();
            assertThat(texts(state.path("categories"))).containsExactly("necessary");
            assertThat(own.ledger.findByConsentId(
                            ConsentId.parse(state.path("consentId").stringValue())))
                    .extracting(r -> r.content().event())
                    .containsExactly(ConsentEvent.GIVEN, ConsentEvent.EXPIRED);
            JsonNode history =
                    own.get("/consent/history", "Cookie", "consent4j=" + cookie).json();
            assertThat(history.path("records")).hasSize(2);
        }
    }

    @Test
    void aGpcSignalAgainstGrantedMarketingIsRecorded_C19() throws Exception {
        String cookie = site.postJson("{\"action\":\"accept_all\"}").consentCookie();

        JsonNode state = site.get("/consent", "Cookie", "consent4j=" + cookie, "Sec-GPC", "1")
                .json()
                .path("state");
        site.implied.runAll();

        assertThat(texts(state.path("deniedBySignal"))).contains("marketing");
        assertThat(site.ledger.findByConsentId(
                        ConsentId.parse(state.path("consentId").stringValue())))
                .extracting(r -> r.content().event())
                .containsExactly(ConsentEvent.GIVEN, ConsentEvent.SIGNAL_APPLIED);
    }

    // ---- no-script banner -------------------------------------------------------------------------------------

    @Test
    void serverRenderedFirstLayerOffersEqualButtonsInAFormInGerman_C4_C5_C10_C11() throws Exception {
        String html = site.get("/page?x=%3Cscript%3E", "Accept-Language", "de").body();

        // The markup consent.js builds, with its class names and ARIA, as a form posting to the endpoint.
        assertThat(html)
                .contains(
                        "<div class=\"c4j c4j-root\" lang=\"de\" tabindex=\"-1\"><div class=\"c4j-bar\" role=\"dialog\"")
                .contains("<form class=\"c4j-row\" method=\"post\" action=\"/consent\">")
                .contains("<h2 id=\"c4j-t\" class=\"c4j-h\">Datenschutz-Einstellungen</h2>");
        List<String> buttons = java.util.regex.Pattern.compile("<button [^>]*>")
                .matcher(html)
                .results()
                .map(java.util.regex.MatchResult::group)
                .toList();
        assertThat(buttons)
                .contains(
                        "<button type=\"submit\" class=\"c4j-btn\" name=\"action\" value=\"accept_all\">",
                        "<button type=\"submit\" class=\"c4j-btn\" name=\"action\" value=\"reject_all\">",
                        "<button type=\"submit\" class=\"c4j-btn\" formmethod=\"get\" formaction=\"/consent/settings\">");
        assertThat(html).contains("href=\"/privacy\"", "href=\"/imprint\"");
        assertThat(html).doesNotContain("<script>").contains("name=\"return\" value=\"/page?x=%3Cscript%3E\"");
        // Nothing to withdraw yet: the withdrawal control is there but hidden.
        assertThat(html).contains("<form method=\"post\" action=\"/consent\" hidden>");
    }

    @Test
    void theFirstLayerIsGoneOnceTheVisitorChoseAndTheWithdrawalControlShows_C14() throws Exception {
        String cookie = site.postForm("action=accept_all&return=%2Fpage").consentCookie();

        String html = site.get("/page", "Cookie", "consent4j=" + cookie, "Accept-Language", "de")
                .body();

        assertThat(html).doesNotContain("c4j-bar").contains("data-consent-withdraw");
        assertThat(html)
                .contains(
                        "<form method=\"post\" action=\"/consent\"><input type=\"hidden\" name=\"action\" value=\"withdraw\">");
        assertThat(html).contains("href=\"/consent/settings?lang=de&amp;return=%2Fpage\" data-consent-open");
    }

    @Test
    void settingsPageShowsEveryCategoryOffWithEqualButtonsAndTheCookies_C4_C5_C6_C7() throws Exception {
        Site.Reply page = site.get("/consent/settings?return=%2Fpage&lang=de");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        String html = page.body();
        assertThat(html).contains("<html lang=\"de\">", "Notwendig", "Immer aktiv");
        assertThat(html)
                .contains("name=\"category\" value=\"analytics\" data-c=\"analytics\" aria-label=\"Statistik\">");
        assertThat(html).doesNotContainPattern("value=\"(analytics|marketing)\"[^>]* checked");
        assertThat(html)
                .contains("value=\"necessary\" data-c=\"necessary\" aria-label=\"Notwendig\" checked disabled>");
        assertThat(html).contains("<th scope=\"col\">Speicherdauer</th>", "<th scope=\"col\">Drittanbieter</th>");
        assertThat(html)
                .contains("<button type=\"submit\" class=\"c4j-btn\" name=\"action\" value=\"save\">")
                .contains("<button type=\"submit\" class=\"c4j-btn\" name=\"action\" value=\"reject_all\">")
                .contains("<button type=\"submit\" class=\"c4j-btn\" name=\"action\" value=\"accept_all\">");
        assertThat(html).contains("<a class=\"c4j-back\" href=\"/page\">Zurück zur Seite</a>");
        assertThat(html).contains("href=\"/consent4j/").doesNotContain("<script", "style=");
    }

    @Test
    void settingsPageShowsTheStoredChoiceInEnglishAndRejectWithdraws_C11_C13_C14() throws Exception {
        String cookie =
                site.postForm("action=save&category=analytics&return=%2Fpage").consentCookie();

        String html = site.get(
                        "/consent/settings?return=%2Fpage", "Accept-Language", "en", "Cookie", "consent4j=" + cookie)
                .body();

        assertThat(html).contains("lang=\"en\"", "Necessary");
        assertThat(html).containsPattern("value=\"analytics\"[^>]* checked>");
        assertThat(html).doesNotContainPattern("value=\"marketing\"[^>]* checked");
        assertThat(html).contains("name=\"action\" value=\"withdraw\">Reject all</button>");
    }

    @Test
    void settingsPageConfirmsAWithdrawalAndRejectsEvilReturnPaths_C14() throws Exception {
        Site.Reply withdrawn = site.postForm("action=withdraw&return="
                + java.net.URLEncoder.encode(
                        "/consent/settings?lang=en&done=withdrawn&return=/page",
                        java.nio.charset.StandardCharsets.UTF_8));
        assertThat(withdrawn.status()).isEqualTo(303);

        String html = site.get(
                        URIs.path(withdrawn.header("Location")), "Cookie", "consent4j=" + withdrawn.consentCookie())
                .body();
        assertThat(html).contains("role=\"status\">Your consent has been withdrawn.");
        assertThat(site.get("/consent/settings?return=https://evil.example/").body())
                .contains("class=\"c4j-back\" href=\"/\"");
        assertThat(site.post("/consent/settings", "application/x-www-form-urlencoded", "a=b")
                        .status())
                .isEqualTo(405);
    }

    @Test
    void serverRenderedBannerOnAPageOutsideTheFilterStillReadsTheStoredChoice_C13() throws Exception {
        try (Site outside = Site.start(Map.of(ConsentServletSetup.FILTER_PATTERNS, "/app/*"))) {
            String cookie = outside.postForm("action=save&category=analytics&return=%2Fpage")
                    .consentCookie();

            // The filter did not see /page; the banner reads the cookie itself: no first layer again.
            assertThat(outside.get("/page", "Cookie", "consent4j=" + cookie).body())
                    .doesNotContain("c4j-bar")
                    .contains("<form method=\"post\" action=\"/consent\"><input");
            assertThat(outside.get("/page").body()).contains("c4j-bar");
        }
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::stringValue).toList();
    }

    /** Reads the path of a Location header, absolute or not. */
    static final class URIs {
        static String path(String location) {
            java.net.URI uri = java.net.URI.create(location);
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
    }
}
