/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * window.consent4j, call by call and event by event, against the real visitor endpoint: every choice it
 * makes is posted there and recorded; {@code consent.d.ts} declares exactly what the script offers.
 */
class JsApiIT extends BrowserTest {

    @Override
    Page newPage() {
        Page p = super.newPage();
        p.addInitScript("window.layers = [];"
                + "document.addEventListener('consent4j:show', e => layers.push('show ' + e.detail.layer));"
                + "document.addEventListener('consent4j:hide', e => layers.push('hide ' + e.detail.layer));");
        return p;
    }

    /** The bodies of the choices the page posts from now on. */
    private List<String> posts() {
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        page.onRequest(r -> {
            if (r.method().equals("POST") && r.url().endsWith(TestSite.ENDPOINT)) {
                bodies.add(r.postData());
            }
        });
        return bodies;
    }

    /** A page of the site, with the data block ({@code embed}) or without it (""). */
    private String page(String lang, String option) {
        return option.isEmpty() ? site.page(lang) : site.page(lang, option);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }

    private static Map<String, Object> changed(Map<String, Object> detail) {
        return map(detail.get("changed"));
    }

    private List<String> layers() {
        return strings(js("() => layers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "embed"})
    void theTypeDefinitionsDeclareEveryMemberOfTheApiAndTheReadyEvent(String option) {
        open(page("en", option));

        String types = (String) page.evaluate(
                "p => fetch(p).then(r => { if (!r.ok) throw new Error(r.status); return r.text(); })",
                BannerAssets.TYPES_PATH);
        Matcher body = Pattern.compile("interface Api \\{(.*?)\\n  \\}", Pattern.DOTALL)
                .matcher(types);
        assertThat(body.find()).as("interface Api in consent.d.ts").isTrue();
        List<String> declared = new ArrayList<>();
        Matcher member = Pattern.compile("(?m)^    (?:readonly )?(\\w+)[(:]").matcher(body.group(1));
        while (member.find()) {
            declared.add(member.group(1));
        }
        assertThat(strings(js("() => Object.keys(consent4j)"))).containsExactlyInAnyOrderElementsOf(declared);
        List<String> events = new ArrayList<>();
        Matcher event = Pattern.compile("'(consent4j:\\w+)': CustomEvent").matcher(types);
        while (event.find()) {
            events.add(event.group(1));
        }
        assertThat(events).containsExactly("consent4j:ready", "consent4j:change", "consent4j:show", "consent4j:hide");

        Map<String, Object> ready = map(js("() => readies[0]"));
        assertThat(ready.get("state")).isEqualTo("undecided");
        assertThat(ready.get("first")).isEqualTo(false);
        assertThat(changed(ready)).isEqualTo(Map.of("categories", List.of(), "services", List.of()));
        assertThat(js("() => consent4j.ready.then(() => consent4j.decided())")).isEqualTo(false);
        assertThat(layers()).containsExactly("show banner");
        assertThat(problems).isEmpty();
    }

    @Test
    void c8AcceptRecordsExactlyTheCategoriesAndServicesGivenAsMadeThroughTheApi() {
        List<String> posts = posts();
        open(site.page("de"));

        Map<String, Object> first = change(() -> js("() => consent4j.accept(['analytics'])"));

        assertThat(posts)
                .containsExactly(
                        "{\"action\":\"custom\",\"categories\":[\"analytics\"],\"services\":[],\"layer\":\"api\"}");
        assertThat(first.get("first")).isEqualTo(true);
        assertThat(strings(changed(first).get("categories"))).containsExactly("analytics");
        assertThat(strings(changed(first).get("services"))).containsExactlyInAnyOrder("matomo", "heatmap");
        assertThat(js("() => [consent4j.decided(), consent4j.allowed('matomo'), consent4j.allowed('video')]"))
                .isEqualTo(List.of(true, true, false));
        assertThat(bar()).isHidden();
        waitForCompleted("/counter/analytics");

        // Ids of either kind in one list: a category listed without its services brings all of them.
        Map<String, Object> second = change(() -> js("() => consent4j.accept(['analytics', 'video'])"));

        assertThat(posts.get(1))
                .isEqualTo("{\"action\":\"custom\",\"categories\":[\"analytics\"],\"services\":[\"video\"],"
                        + "\"layer\":\"api\"}");
        assertThat(second.get("first")).isEqualTo(false);
        assertThat(changed(second)).isEqualTo(Map.of("categories", List.of(), "services", List.of("video")));
        assertThat(js("() => [consent4j.allowed('video'), consent4j.allowed('heatmap'),"
                        + " consent4j.allowed('functional')]"))
                .isEqualTo(List.of(true, true, false));
        assertThat(page.locator("iframe[data-consent-src]")).isVisible();
    }

    @Test
    void c8AcceptTakesSeparateListsAllOrNothingAndRefusesUnknownIds() {
        List<String> posts = posts();
        open(site.page("de"));

        assertThat(js("() => consent4j.accept(['analytics', 'nope']).then(() => 'recorded', e => e.message)"))
                .asString()
                .contains("nope");
        assertThat(posts).isEmpty();

        Map<String, Object> rejected = change(() -> js("() => consent4j.accept([])"));
        assertThat(posts)
                .containsExactly("{\"action\":\"reject_all\",\"categories\":[],\"services\":[],\"layer\":\"api\"}");
        assertThat(rejected.get("first")).isEqualTo(true);
        assertThat(changed(rejected)).isEqualTo(Map.of("categories", List.of(), "services", List.of()));

        Map<String, Object> one =
                change(() -> js("() => consent4j.accept({ categories: ['necessary'], services: ['video'] })"));
        assertThat(posts.get(1))
                .isEqualTo("{\"action\":\"custom\",\"categories\":[],\"services\":[\"video\"],\"layer\":\"api\"}");
        assertThat(one.get("first")).isEqualTo(false);
        assertThat(strings(changed(one).get("services"))).containsExactly("video");

        Map<String, Object> all = change(() -> js("() => consent4j.accept()"));
        assertThat(posts.get(2))
                .isEqualTo("{\"action\":\"accept_all\",\"categories\":[],\"services\":[],\"layer\":\"api\"}");
        assertThat(strings(changed(all).get("categories")))
                .containsExactlyInAnyOrder("functional", "analytics", "marketing");
        assertThat(js("() => consent4j.state().categories.length")).isEqualTo(4);
    }

    @Test
    void onAllowedRunsAtOnceWhenAllowedElseOnceAfterTheChoiceThatAllowsIt() {
        open(site.page("de"));
        js("() => { window.runs = [];"
                + " for (const id of ['analytics', 'matomo', 'marketing'])"
                + " consent4j.onAllowed(id, () => runs.push(id)); }");
        js("() => consent4j.ready");
        assertThat(strings(js("() => runs"))).isEmpty();

        change(() -> js("() => consent4j.accept(['analytics'])"));
        page.waitForFunction("() => runs.length === 2");
        assertThat(strings(js("() => runs"))).containsExactlyInAnyOrder("analytics", "matomo");

        change(() -> js("() => consent4j.accept(['analytics', 'marketing'])"));
        page.waitForFunction("() => runs.length === 3");
        assertThat(strings(js("() => runs"))).containsExactlyInAnyOrder("analytics", "matomo", "marketing");

        page.navigate(site.page("de"));
        waitReady();
        js("() => { window.runs = []; consent4j.onAllowed('marketing', () => runs.push('again')); }");
        page.waitForFunction("() => runs.length === 1");
        assertThat(strings(js("() => runs"))).containsExactly("again");
    }

    @Test
    void c3HideClosesBothLayersRecordsNothingAndTheNextPageAsksAgain() {
        List<String> posts = posts();
        open(site.page("de"));
        assertThat(bar()).isVisible();

        js("() => consent4j.hide()");
        assertThat(bar()).isHidden();
        js("() => consent4j.showSettings()");
        assertThat(dialog()).isVisible();
        js("() => consent4j.hide()");
        assertThat(dialog()).isHidden();
        assertThat(bar()).isHidden();
        page.waitForFunction("() => layers.length === 4");
        js("() => consent4j.show()");
        assertThat(bar()).isVisible();
        page.keyboard().press("Escape");
        assertThat(bar()).isVisible();

        assertThat(layers())
                .containsExactly("show banner", "hide banner", "show settings", "hide settings", "show banner");
        assertThat(posts).isEmpty();
        assertThat(js("() => consent4j.decided()")).isEqualTo(false);
        page.navigate(site.page("de"));
        waitReady();
        assertThat(bar()).isVisible();
    }

    @Test
    void settingsShowAndHideEventsFollowTheLayersOfAChoice() {
        open(site.page("en"));
        button(bar(), "Settings").click();
        assertThat(dialog()).isVisible();
        page.keyboard().press("Escape");
        assertThat(bar()).isVisible();
        button(bar(), "Settings").click();

        change(() -> button(dialog(), "Accept all").click());

        assertThat(dialog()).isHidden();
        page.waitForFunction("() => layers.length === 8");
        assertThat(layers())
                .containsExactly(
                        "show banner",
                        "hide banner",
                        "show settings",
                        "hide settings",
                        "show banner",
                        "hide banner",
                        "show settings",
                        "hide settings");
    }

    @Test
    void c14ResetWithdrawsThroughTheApiAndShowsTheFirstLayerAgain() {
        List<String> posts = posts();
        open(site.page("de"));
        js("() => consent4j.reset()");
        assertThat(posts).isEmpty();
        assertThat(bar()).isVisible();

        change(() -> js("() => consent4j.accept(['functional'])"));
        assertThat(bar()).isHidden();
        Map<String, Object> reset = change(() -> js("() => consent4j.reset()"));

        assertThat(posts.get(1))
                .isEqualTo("{\"action\":\"withdraw\",\"categories\":[],\"services\":[],\"layer\":\"api\"}");
        assertThat(strings(changed(reset).get("categories"))).containsExactly("functional");
        assertThat(js("() => consent4j.state().categories")).isEqualTo(List.of("necessary"));
        assertThat(bar()).isVisible();
        assertThat(page.locator(".c4j-root [role=status]")).containsText("widerrufen");
    }

    @Test
    void c14ResetAfterAScriptRanReloadsAndShowsTheFirstLayerThere() {
        open(site.page("de"));
        change(() -> js("() => consent4j.acceptAll()"));
        waitForCompleted("/counter/analytics");
        assertThat(cookieNames()).contains("_pk_id.1");

        waitReadyOnNewDocument(() -> page.waitForRequest(site.page("de"), () -> js("() => { consent4j.reset(); }")));

        assertThat(bar()).isVisible();
        assertThat(page).hasURL(site.page("de"));
        assertThat(page.locator(".c4j-root [role=status]")).containsText("widerrufen");
        assertThat(cookieNames()).containsExactly("consent4j");
        assertThat(js("() => [consent4j.decided(), consent4j.allowed('analytics')]"))
                .isEqualTo(List.of(true, false));
    }

    @Test
    void c14WithdrawAndRejectAllThroughTheApiAreRecordedAsSuch() {
        List<String> posts = posts();
        open(site.page("de"));
        change(() -> js("() => consent4j.accept(['functional'])"));

        Map<String, Object> withdrawn = change(() -> js("() => consent4j.withdraw()"));
        change(() -> js("() => consent4j.rejectAll()"));

        assertThat(posts.get(1))
                .isEqualTo("{\"action\":\"withdraw\",\"categories\":[],\"services\":[],\"layer\":\"api\"}");
        assertThat(posts.get(2))
                .isEqualTo("{\"action\":\"reject_all\",\"categories\":[],\"services\":[],\"layer\":\"api\"}");
        assertThat(strings(changed(withdrawn).get("categories"))).containsExactly("functional");
        assertThat(bar()).isHidden();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "embed"})
    void c11SetLanguageRendersBothLayersInAnotherLanguageWithoutAReload(String option) {
        open(page("de", option));
        js("() => { window.marker = 'same document'; }");
        button(bar(), "Einstellungen").click();
        assertThat(dialog()).isVisible();
        dialog().locator("details").evaluateAll("ds => ds.forEach(d => d.open = true)");
        dialog().locator("input[data-s='matomo']").check();

        assertThat(js("() => consent4j.setLanguage('en')")).isEqualTo("en");

        assertThat(requests).anyMatch(r -> r.startsWith("GET ") && r.endsWith(TestSite.ENDPOINT + "?lang=en"));
        assertThat(page.locator(".c4j-root")).hasAttribute("lang", "en");
        assertThat(dialog()).isVisible();
        assertThat(dialog()).hasAttribute("lang", "en");
        assertThat(dialog().locator("#c4j-st")).hasText("Cookie settings");
        assertThat(dialog().locator("input[data-s='matomo']")).isChecked();
        assertThat(dialog().locator("input[data-s='heatmap']")).not().isChecked();
        assertThat(page.locator(".c4j-ph")).containsText("This content is provided by Video Host Inc.");
        assertThat(button(page.locator(".c4j-ph"), "Load content")).isVisible();
        assertNoAxeViolations();

        page.keyboard().press("Escape");
        assertThat(bar()).isVisible();
        assertThat(bar().locator("#c4j-t")).hasText("Privacy settings");
        assertThat(button(bar(), "Reject all")).isVisible();
        assertNoAxeViolations();
        Map<String, Object> state = change(() -> button(bar(), "Accept all").click());

        assertThat(state.get("categories")).isEqualTo(List.of("necessary", "functional", "analytics", "marketing"));
        assertThat(js("() => window.marker")).isEqualTo("same document");
        assertThat(page.locator(".c4j-root [role=status]")).hasText("Your choice has been saved.");
        assertThat(problems).isEmpty();
    }
}
