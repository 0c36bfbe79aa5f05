/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings layer, reopening, withdrawal, embeds and the API: C6, C7, C8, C13, C14. */
class SettingsIT extends BrowserTest {

    private Locator category(String id) {
        return dialog().locator("input[data-c='" + id + "']");
    }

    private Locator service(String id) {
        return dialog().locator("input[data-s='" + id + "']");
    }

    private void openSettings() {
        button(bar(), "Einstellungen").click();
        assertThat(dialog()).isVisible();
        dialog().locator("details").evaluateAll("ds => ds.forEach(d => d.open = true)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }

    private List<String> posts() {
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        page.onRequest(r -> {
            if (r.method().equals("POST") && r.url().endsWith(TestSite.ENDPOINT)) {
                bodies.add(r.postData());
            }
        });
        return bodies;
    }

    @Test
    void c6NoOptionalCategoryOrServiceIsPreselectedAndNecessaryIsLocked() {
        open(site.page("de"));
        openSettings();

        assertThat(category("necessary")).isChecked();
        assertThat(category("necessary")).isDisabled();
        Locator necessary = dialog().locator(".c4j-cat").first();
        assertThat(necessary).containsText("Immer aktiv");
        assertThat(necessary).containsText("Für Anmeldung, Sicherheit und Ihre Datenschutz-Auswahl erforderlich");
        for (String id : List.of("functional", "analytics", "marketing")) {
            assertThat(category(id)).not().isChecked();
            assertThat(category(id)).isEnabled();
        }
        for (String id : List.of("video", "matomo", "heatmap", "ads")) {
            assertThat(service(id)).not().isChecked();
        }
        assertThat(category("analytics")).hasAttribute("role", "switch");
    }

    @Test
    void c7EveryServiceNamesItsProviderPurposeCookiesLifetimeAndThirdParty() {
        open(site.page("en"));
        button(bar(), "Settings").click();
        dialog().locator("details").evaluateAll("ds => ds.forEach(d => d.open = true)");

        Locator matomo =
                dialog().locator("li", new Locator.LocatorOptions().setHas(page.locator("input[data-s='matomo']")));
        assertThat(matomo.locator("th"))
                .hasText(new String[] {"Name", "Provider", "Purpose", "Storage period", "Third party"});
        Locator row = matomo.locator("tbody tr").first();
        assertThat(row.locator("td").nth(0)).hasText("_pk_id.*");
        assertThat(row.locator("td").nth(1)).hasText("Lernplattform GmbH");
        assertThat(row.locator("td").nth(2)).hasText("Recognises returning visitors");
        assertThat(row.locator("td").nth(3)).containsText("13");
        assertThat(row.locator("td").nth(4)).hasText("No");
        assertThat(matomo).containsText("Reach measurement with truncated IP addresses");

        Locator ads = dialog().locator("li", new Locator.LocatorOptions().setHas(page.locator("input[data-s='ads']")));
        assertThat(ads.locator("tbody tr").nth(1).locator("td").nth(0)).hasText("ad_id");
        assertThat(ads.locator("tbody tr").nth(1).locator("td").nth(4)).hasText("Yes");
        assertThat(dialog().locator("summary")).hasCount(4);
    }

    @Test
    void c8SaveStoresExactlyTheServicesSwitchedOn() {
        List<String> posts = posts();
        open(site.page("de"));
        openSettings();
        service("matomo").check();
        assertThat(category("analytics")).isChecked();
        assertThat(service("heatmap")).not().isChecked();

        Map<String, Object> state =
                change(() -> button(dialog(), "Auswahl speichern").click());

        assertThat(posts)
                .containsExactly(
                        "{\"action\":\"custom\",\"categories\":[\"analytics\"],\"services\":[\"matomo\"],\"layer\":\"settings\"}");
        assertThat(state.get("categories")).isEqualTo(List.of("necessary", "analytics"));
        assertThat(strings(state.get("services"))).contains("matomo").doesNotContain("heatmap", "ads", "video");
        waitForCompleted("/counter/analytics");
        assertThat(ran()).containsExactly("analytics");
        assertThat(js("() => [consent4j.allowed('analytics'), consent4j.allowed('matomo'),"
                        + " consent4j.allowed('heatmap'), consent4j.allowed('marketing')]"))
                .isEqualTo(List.of(true, true, false, false));
        assertThat(dialog()).isHidden();
    }

    @Test
    void c8ACategorySwitchSwitchesItsServices() {
        open(site.page("de"));
        openSettings();
        category("analytics").check();
        assertThat(service("matomo")).isChecked();
        assertThat(service("heatmap")).isChecked();
        service("matomo").uncheck();
        service("heatmap").uncheck();
        assertThat(category("analytics")).not().isChecked();
        category("marketing").check();

        Map<String, Object> state =
                change(() -> button(dialog(), "Auswahl speichern").click());

        assertThat(state.get("categories")).isEqualTo(List.of("necessary", "marketing"));
        waitForCompleted("/counter/marketing");
        assertThat(ran()).containsExactly("marketing");
    }

    @Test
    void c13ReopeningShowsTheStoredChoice() {
        open(site.page("de"));
        openSettings();
        service("heatmap").check();
        category("functional").check();
        change(() -> button(dialog(), "Auswahl speichern").click());

        page.navigate(site.page("de"));
        waitReady();
        assertThat(bar()).isHidden();
        page.locator("#reopen").click();
        assertThat(dialog()).isVisible();
        assertThat(category("analytics")).isChecked();
        assertThat(service("heatmap")).isChecked();
        assertThat(service("matomo")).not().isChecked();
        assertThat(category("functional")).isChecked();
        assertThat(service("video")).isChecked();
        assertThat(category("marketing")).not().isChecked();
        assertThat(page).hasURL(site.page("de"));
    }

    @Test
    void c14OneClickWithdrawsDeletesTheCookiesAndReloadsBecauseAScriptHadRun() {
        List<String> posts = posts();
        open(site.page("de"));
        change(() -> button(bar(), "Alle akzeptieren").click());
        waitForCompleted("/counter/analytics");
        waitForCompleted("/counter/marketing");
        waitForCompleted("/counter/heatmap");
        // The same cookie on the current path too: withdrawal removes every path variant.
        js("() => { document.cookie = '_pk_ses.1=x; path=/p'; document.cookie = '_pk_ses.1=y; path=/'; }");
        assertThat(cookieNames()).contains("_pk_id.1", "_pk_ses.1", "_hm_user", "_gcl_au");

        waitReadyOnNewDocument(() -> page.waitForRequest(
                site.page("de"), () -> page.locator("#withdraw").click()));

        assertThat(posts).anyMatch(p -> p.contains("\"action\":\"withdraw\""));
        assertThat(cookieNames()).containsExactly("consent4j");
        assertThat(ran()).isEmpty();
        assertThat(bar()).isHidden();
        assertThat(js("() => consent4j.state().categories")).isEqualTo(List.of("necessary"));
    }

    @Test
    void c14RejectingAllInTheSettingsAfterConsentIsAWithdrawalWithoutReloadWhenNothingHadRun() {
        List<String> posts = posts();
        open(site.page("de"));
        openSettings();
        category("functional").check();
        change(() -> button(dialog(), "Auswahl speichern").click());
        assertThat(page.locator("iframe[data-consent-src]"))
                .hasAttribute("src", site.thirdPartyOrigin() + "/test/video.html");
        js("() => window.marker = 'still here'");

        page.locator("#reopen").click();
        Map<String, Object> state =
                change(() -> button(dialog(), "Alle ablehnen").click());

        assertThat(posts).last().asString().contains("\"action\":\"withdraw\"");
        assertThat(state.get("categories")).isEqualTo(List.of("necessary"));
        assertThat(js("() => window.marker")).isEqualTo("still here");
        assertThat(page.locator("iframe[data-consent-src]")).isHidden();
        assertThat(page.locator(".c4j-ph")).isVisible();
    }

    @Test
    void anEmbedPlaceholderGrantsOnlyItsServiceAndLoadsIt() {
        List<String> posts = posts();
        open(site.page("de"));
        Locator placeholder = page.locator(".c4j-ph");
        assertThat(placeholder).containsText("Video Host Inc.");

        Map<String, Object> state =
                change(() -> button(placeholder, "Inhalt laden").click());

        assertThat(posts)
                .containsExactly(
                        "{\"action\":\"grant_service\",\"categories\":[],\"services\":[\"video\"],\"layer\":\"embed_placeholder\"}");
        assertThat(strings(state.get("services"))).contains("video").doesNotContain("matomo");
        Locator frame = page.locator("iframe[data-consent-src]");
        assertThat(frame).isVisible();
        assertThat(frame).hasAttribute("src", site.thirdPartyOrigin() + "/test/video.html");
        assertThat(page.frameLocator("iframe[data-consent-src]").locator("p")).hasText("Course video");
        assertThat(ran()).isEmpty();
    }

    @Test
    void theApiReturnsPromisesAndFiresEvents() {
        open(site.page("en"));
        assertThat(js("() => readies.length")).isEqualTo(1);
        assertThat(js("() => readies[0].state")).isEqualTo("undecided");
        assertThat(js("() => consent4j.allowed('analytics')")).isEqualTo(false);

        assertThat(js("() => consent4j.acceptAll().then(s => s.categories.length)"))
                .isEqualTo(4);
        assertThat(js("() => [changes.length, consent4j.allowed('analytics'), consent4j.allowed('ads')]"))
                .isEqualTo(List.of(1, true, true));
        assertThat(bar()).isHidden();

        js("() => consent4j.showSettings()");
        assertThat(dialog()).isVisible();
        page.keyboard().press("Escape");
        js("() => consent4j.show()");
        assertThat(bar()).isVisible();
    }
}
