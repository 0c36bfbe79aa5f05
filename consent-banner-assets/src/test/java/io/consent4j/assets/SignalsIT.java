/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.consent4j.assets.ConsentModeStates.ALL_DENIED;
import static io.consent4j.assets.ConsentModeStates.ALL_GRANTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signals, Consent Mode, a strict Content-Security-Policy and parental consent: C19, C20, C28. */
class SignalsIT extends BrowserTest {

    @Test
    @SuppressWarnings("unchecked")
    void c19GlobalPrivacyControlIsNoChoiceAndDeniesMarketingGrantedWithoutIt() {
        context.setExtraHTTPHeaders(Map.of("Sec-GPC", "1"));
        open(site.page("de"));
        assertThat(bar()).isVisible(); // a signal is not a choice: the banner still asks
        assertThat(ran()).isEmpty();
        context.setExtraHTTPHeaders(Map.of());

        // Consent given without the signal; the next request sends it, and the server objects.
        open(site.page("de"));
        change(() -> button(bar(), "Alle akzeptieren").click());
        waitForCompleted("/counter/marketing");
        site.resetHits();
        context.setExtraHTTPHeaders(Map.of("Sec-GPC", "1"));
        open(site.page("de"));

        Map<String, Object> state = (Map<String, Object>) js("() => consent4j.state()");
        assertThat((List<String>) state.get("deniedBySignal")).containsExactly("marketing");
        waitForCompleted("/counter/analytics");
        assertThat(ran()).containsExactlyInAnyOrder("analytics", "heatmap");
        assertThat(
                        js(
                                "() => [consent4j.allowed('marketing'), consent4j.allowed('ads'), consent4j.allowed('analytics')]"))
                .isEqualTo(List.of(false, false, true));
        assertThat(site.hits("/test/marketing.js")).isZero();
    }

    @Test
    void c19TheScriptHonoursDeniedBySignalEvenWhenTheGrantListsNameTheCategory() {
        page.route("**/consent?lang=*", route -> {
            String body = route.fetch().text();
            String decided = body.replace(
                            "\"categories\":[\"necessary\"]", "\"categories\":[\"necessary\",\"marketing\"]")
                    .replace("\"services\":[\"platform\"]", "\"services\":[\"platform\",\"ads\"]")
                    .replace("\"deniedBySignal\":[]", "\"deniedBySignal\":[\"marketing\"]");
            route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setBody(decided)
                    .setContentType("application/json"));
        });
        open(site.page("de"));
        assertThat(js("() => consent4j.state().categories")).isEqualTo(List.of("necessary", "marketing"));
        assertThat(js("() => [consent4j.allowed('marketing'), consent4j.allowed('ads')]"))
                .isEqualTo(List.of(false, false));
        assertThat(ran()).isEmpty();
        assertThat(site.hits("/test/marketing.js")).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void c20ConsentModeDefaultComesFirstAndAnUpdateOnEveryPageAndChange() {
        open(site.page("de", "gtag", "embed"));
        List<List<Object>> calls = (List<List<Object>>) js("() => gtagCalls");
        assertThat(calls).containsExactly(List.of("consent", "default", ALL_DENIED));

        change(() -> button(bar(), "Alle akzeptieren").click());
        page.waitForFunction("() => gtagCalls.some(c => c[0] === 'event')");
        calls = (List<List<Object>>) js("() => gtagCalls");
        assertThat(calls)
                .containsExactly(
                        List.of("consent", "default", ALL_DENIED),
                        List.of("consent", "update", ALL_GRANTED),
                        List.of("event", "page_view"));

        // A later page without the data block: the script fetches the state, then updates at once.
        page.navigate(site.page("de", "gtag"));
        waitReady();
        page.waitForFunction("() => gtagCalls.some(c => c[0] === 'event')");
        calls = (List<List<Object>>) js("() => gtagCalls");
        assertThat(calls)
                .containsExactly(
                        List.of("consent", "default", ALL_DENIED),
                        List.of("consent", "update", ALL_GRANTED),
                        List.of("event", "page_view"));

        // Withdrawal reloads the page, whose update is denied and which runs no tag.
        waitReadyOnNewDocument(() -> page.waitForRequest(
                site.page("de", "gtag"), () -> page.locator("#withdraw").click()));
        calls = (List<List<Object>>) js("() => gtagCalls");
        assertThat(calls)
                .containsExactly(List.of("consent", "default", ALL_DENIED), List.of("consent", "update", ALL_DENIED));
    }

    @Test
    @SuppressWarnings("unchecked")
    void c20WithoutAGtagOnThePageTheScriptDefinesTheDataLayer() {
        open(site.page("en", "embed"));
        List<Object> first = (List<Object>) js("() => Array.from(dataLayer[0])");
        assertThat(first).containsExactly("consent", "default", ALL_DENIED);
        assertThat(js("() => typeof gtag")).isEqualTo("function");
    }

    @Test
    void aStrictContentSecurityPolicyIsNeverViolated() {
        open(site.page("de", "csp", "embed"));
        assertThat(bar()).isVisible();
        assertThat(page.locator(".c4j-ph")).isVisible();
        button(bar(), "Einstellungen").click();
        dialog().locator("details").first().click();
        dialog().locator("input[data-c='analytics']").check();
        page.keyboard().press("Escape");
        button(bar(), "Einstellungen").click();
        dialog().locator("input[data-c='analytics']").check();
        change(() -> button(dialog(), "Auswahl speichern").click());
        waitForCompleted("/counter/heatmap");
        assertThat(ran()).containsExactlyInAnyOrder("analytics", "heatmap");

        page.navigate(site.page("en", "csp"));
        waitReady();
        page.locator("#reopen").click();
        assertThat(dialog()).isVisible();
        page.keyboard().press("Escape");

        assertThat(js("() => cspViolations")).isEqualTo(List.of());
        assertThat(problems).isEmpty();
    }

    @Test
    void c28AVisitorMarkedUnder16SeesTheParentalNotice() {
        context.setExtraHTTPHeaders(Map.of(TestSite.AGE_HEADER, "UNDER_16"));
        open(site.page("de"));
        assertThat(bar()).containsText("muss ein Elternteil einwilligen");
        button(bar(), "Einstellungen").click();
        assertThat(dialog()).containsText("muss ein Elternteil einwilligen");
    }
}
