/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static io.consent4j.assets.ConsentModeStates.ALL_DENIED;
import static io.consent4j.assets.ConsentModeStates.ALL_GRANTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.policy.ConsentPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Google Consent Mode from the endpoint's {@code consent-mode.js} on a page without a data block, its
 * options, and the consent APIs of Matomo, Clarity, UET and Meta through first visit, accept, reject and
 * withdrawal (C20).
 */
class ConsentApisIT extends BrowserTest {

    private static final Map<String, String> CLARITY_DENIED =
            Map.of("ad_Storage", "denied", "analytics_Storage", "denied");
    private static final Map<String, String> CLARITY_GRANTED =
            Map.of("ad_Storage", "denied", "analytics_Storage", "granted");

    /** The learning site's policy with Matomo, the heatmap on Clarity, ads on UET and a Meta pixel. */
    static ConsentPolicy policyWithApis(String consentModeOptions) throws IOException {
        String json;
        try (InputStream in = TestSite.class.getResourceAsStream("policy.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        json = json.replace("{ \"id\": \"matomo\",", "{ \"id\": \"matomo\", \"consentApi\": \"matomo\",")
                .replace("{ \"id\": \"heatmap\",", "{ \"id\": \"heatmap\", \"consentApi\": \"clarity\",")
                .replace("{ \"id\": \"ads\",", "{ \"id\": \"ads\", \"consentApi\": \"uet\",");
        int end = json.lastIndexOf(']');
        json = json.substring(0, end)
                + ", { \"id\": \"pixel\", \"category\": \"marketing\", \"name\": \"Pixel\", \"provider\": \"Meta\","
                + " \"consentApi\": \"meta\", \"purpose\": { \"de\": \"Werbung\", \"en\": \"Advertising\" } } ]"
                + consentModeOptions + json.substring(end + 1);
        return ConsentPolicy.fromJson(json);
    }

    @BeforeAll
    static void siteWithConsentApis() throws Exception {
        site.stop();
        site = new TestSite(policyWithApis(""));
    }

    /** UET's queue after its denied default and one update of {@code adStorage}. */
    private static List<Object> uetDefaultThen(String adStorage) {
        return List.of(
                "consent",
                "default",
                Map.of("ad_storage", "denied"),
                "consent",
                "update",
                Map.of("ad_storage", adStorage));
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<Object>> firstTag() {
        return (Map<String, List<Object>>) js("() => firstTag");
    }

    @SuppressWarnings("unchecked")
    private List<Object> live(String expression) {
        return (List<Object>) js("() => JSON.parse(JSON.stringify(" + expression + "))");
    }

    @Test
    void c20WithoutADataBlockTheDefaultsAndConsentApisComeBeforeTheFirstTag() {
        open(site.page("de", "cmode", "probe", "csp"));

        Map<String, List<Object>> first = firstTag();
        assertThat(first.get("dataLayer")).containsExactly(List.of("consent", "default", ALL_DENIED));
        assertThat(first.get("paq")).containsExactly(List.of("requireConsent"));
        assertThat(first.get("clarity")).containsExactly(List.of("consentv2", CLARITY_DENIED));
        assertThat(first.get("uetq")).containsExactly("consent", "default", Map.of("ad_storage", "denied"));
        // The pixel's fbq exists once its snippet ran: told at ready.
        assertThat(live("fbqCalls")).containsExactly(List.of("consent", "revoke"));
        assertThat(js("() => cspViolations")).isEqualTo(List.of());
        assertThat(problems).isEmpty();
    }

    @Test
    void c20AcceptPassesTheChoiceOnAndTheNextPageStartsWithIt() {
        open(site.page("de", "cmode", "probe"));

        change(() -> button(bar(), "Alle akzeptieren").click());

        assertThat(live("_paq")).containsExactly(List.of("requireConsent"), List.of("rememberConsentGiven"));
        assertThat(live("clarity.q.map(a => Array.from(a))"))
                .containsExactly(List.of("consentv2", CLARITY_DENIED), List.of("consentv2", CLARITY_GRANTED));
        assertThat(live("uetq")).containsExactlyElementsOf(uetDefaultThen("granted"));
        assertThat(live("fbqCalls")).containsExactly(List.of("consent", "revoke"), List.of("consent", "grant"));
        assertThat(live("dataLayer.map(a => Array.from(a))"))
                .containsExactly(List.of("consent", "default", ALL_DENIED), List.of("consent", "update", ALL_GRANTED));

        // The next page, without a data block: the stored choice is in place before its first tag.
        page.navigate(site.page("de", "cmode", "probe"));
        waitReady();
        Map<String, List<Object>> first = firstTag();
        assertThat(first.get("dataLayer"))
                .containsExactly(List.of("consent", "default", ALL_DENIED), List.of("consent", "update", ALL_GRANTED));
        assertThat(first.get("paq")).containsExactly(List.of("requireConsent"), List.of("setConsentGiven"));
        assertThat(first.get("clarity")).containsExactly(List.of("consentv2", CLARITY_GRANTED));
        assertThat(first.get("uetq")).containsExactlyElementsOf(uetDefaultThen("granted"));
        assertThat(live("fbqCalls")).containsExactly(List.of("consent", "grant"));

        // Withdrawal reloads the page (granted scripts had run); the new page starts denied.
        waitReadyOnNewDocument(() -> page.waitForRequest(
                site.page("de", "cmode", "probe"),
                () -> page.locator("#withdraw").click()));
        first = firstTag();
        assertThat(first.get("dataLayer"))
                .containsExactly(List.of("consent", "default", ALL_DENIED), List.of("consent", "update", ALL_DENIED));
        assertThat(first.get("paq")).containsExactly(List.of("requireConsent"));
        assertThat(first.get("clarity")).containsExactly(List.of("consentv2", CLARITY_DENIED));
        assertThat(first.get("uetq")).containsExactlyElementsOf(uetDefaultThen("denied"));
        assertThat(live("fbqCalls")).containsExactly(List.of("consent", "revoke"));
        assertThat(problems).isEmpty();
    }

    @Test
    void c20RejectTellsEveryToolAndMatomoForgetsItsOwnConsentCookie() {
        // Matomo's consent cookie from an earlier grant that consent4j no longer holds.
        context.addCookies(
                List.of(new com.microsoft.playwright.options.Cookie("mtm_consent", "1").setUrl(site.origin())));
        open(site.page("de", "cmode", "probe"));
        assertThat(firstTag().get("paq")).containsExactly(List.of("requireConsent"), List.of("forgetConsentGiven"));

        change(() -> button(bar(), "Alle ablehnen").click());

        assertThat(live("_paq"))
                .containsExactly(
                        List.of("requireConsent"), List.of("forgetConsentGiven"), List.of("forgetConsentGiven"));
        assertThat(live("clarity.q.map(a => Array.from(a))"))
                .containsExactly(List.of("consentv2", CLARITY_DENIED), List.of("consentv2", CLARITY_DENIED));
        assertThat(live("uetq").subList(3, 6)).containsExactly("consent", "update", Map.of("ad_storage", "denied"));
        assertThat(live("fbqCalls")).containsExactly(List.of("consent", "revoke"), List.of("consent", "revoke"));
    }

    @Test
    void theStaticScriptReadsTheDataBlockAsBefore() {
        open(site.page("en", "embed", "cmodeasset", "probe"));

        Map<String, List<Object>> first = firstTag();
        assertThat(first.get("dataLayer")).containsExactly(List.of("consent", "default", ALL_DENIED));
        assertThat(first.get("paq")).containsExactly(List.of("requireConsent"));
        // consent.js saw that consent-mode.js ran and pushed no second default.
        assertThat(live("dataLayer.map(a => Array.from(a))")).hasSize(1);
    }

    @Test
    void theServedScriptIsPublicWithoutAConsentCookieAndPrivateWithOne() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(site.origin() + TestSite.ENDPOINT + "/consent-mode.js");

        HttpResponse<String> anonymous =
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(anonymous.headers().firstValue("Cache-Control")).hasValue("public, no-cache");
        assertThat(anonymous.headers().allValues("Vary")).contains("Cookie");
        assertThat(anonymous.body()).startsWith("window.consent4jState={").contains("\"consentId\":null");
        String etag = anonymous.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = http.send(
                HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);

        open(site.page("de"));
        change(() -> button(bar(), "Alle akzeptieren").click());
        String cookie = context.cookies().stream()
                .filter(c -> c.name.startsWith("consent4j"))
                .map(c -> c.name + "=" + c.value)
                .findFirst()
                .orElseThrow();
        HttpResponse<String> visitor = http.send(
                HttpRequest.newBuilder(uri).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(visitor.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        assertThat(visitor.body()).contains("\"analytics_storage\":\"granted\"").doesNotContain("\"consentId\":null");
    }
}
