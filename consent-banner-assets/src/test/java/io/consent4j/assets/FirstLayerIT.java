/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first layer and what must not happen before a choice: C1, C3, C4, C5, C9, C10, C11. */
class FirstLayerIT extends BrowserTest {

    @Test
    void c1NothingOptionalRunsBeforeAChoice() {
        open(site.page("de"));

        assertThat(bar()).isVisible();
        assertThat(ran()).isEmpty();
        assertThat(cookieNames()).isEmpty();
        assertThat(js("() => localStorage.length")).isEqualTo(0);
        assertThat(site.hits("/test/analytics.js")).isZero();
        assertThat(site.hits("/test/heatmap.js")).isZero();
        assertThat(site.hits("/test/marketing.js")).isZero();
        assertThat(requests).noneMatch(r -> r.contains("localhost") || r.contains("/counter/"));
        assertThat(page.locator("script[type='text/plain'][data-consent]")).hasCount(3);
        Locator frame = page.locator("iframe[data-consent-src]");
        assertThat(frame).isHidden();
        assertThat(frame).not().hasAttribute("src", java.util.regex.Pattern.compile(".*"));
        assertThat(page.locator(".c4j-ph")).containsText("Dieser Inhalt wird von Video Host Inc. bereitgestellt");
    }

    @Test
    void c1GrantedScriptsRunOnlyAfterTheServerAnswered() {
        open(site.page("de"));

        Map<String, Object> state =
                change(() -> button(bar(), "Alle akzeptieren").click());

        assertThat(state.get("state")).isEqualTo("decided");
        waitForCompleted("/counter/marketing");
        waitForCompleted("/counter/analytics");
        assertThat(ran()).containsExactlyInAnyOrder("analytics", "heatmap", "marketing");
        assertThat(site.hits("/counter/analytics")).isEqualTo(1);
        assertThat(cookieNames()).contains("consent4j", "_pk_id.1", "_gcl_au");
        assertThat(page.locator("iframe[data-consent-src]")).isVisible();
        assertThat(page.locator(".c4j-ph")).hasCount(0);
        assertThat(bar()).isHidden();
        assertThat(page.locator(".c4j [role=status]")).hasText("Ihre Auswahl wurde gespeichert.");
        assertThat(problems).isEmpty();
    }

    @Test
    void gatedScriptsRunInDocumentOrderWithInlineOnesBetween() {
        open(site.page("de", "order"));

        change(() -> button(bar(), "Alle akzeptieren").click());

        assertThat(js("() => window.order")).isEqualTo(List.of("a", "b", "c"));
    }

    @Test
    void c3EscapeWaitingAndClosingTheSettingsGrantNothing() {
        open(site.page("de"));
        page.keyboard().press("Escape");
        page.mouse().wheel(0, 400);
        assertThat(bar()).isVisible();

        button(bar(), "Einstellungen").click();
        assertThat(dialog()).isVisible();
        page.keyboard().press("Escape");
        assertThat(dialog()).isHidden();
        assertThat(bar()).isVisible();

        button(bar(), "Einstellungen").click();
        button(dialog(), "Schließen").click();
        assertThat(dialog()).isHidden();
        assertThat(bar()).isVisible();

        assertThat(requests).noneMatch(r -> r.startsWith("POST"));
        assertThat(ran()).isEmpty();
        assertThat(js("() => consent4j.allowed('analytics') || consent4j.allowed('functional')"))
                .isEqualTo(false);
        page.reload();
        waitReady();
        assertThat(bar()).isVisible();
        assertThat(cookieNames()).isEmpty();
    }

    @Test
    void c4c5AcceptAndRejectAreEqualButtonsOnEveryLayer() {
        open(site.page("de"));
        assertEqualProminence(bar());
        button(bar(), "Einstellungen").click();
        assertEqualProminence(dialog());
    }

    private void assertEqualProminence(Locator layer) {
        Locator accept = button(layer, "Alle akzeptieren");
        Locator reject = button(layer, "Alle ablehnen");
        assertThat(accept).isVisible();
        assertThat(reject).isVisible();
        String style = "e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();"
                + " return [e.tagName, Math.round(r.width), Math.round(r.height), s.fontFamily, s.fontSize,"
                + " s.fontWeight, s.color, s.backgroundColor, s.borderWidth, s.padding].join('|'); }";
        assertThat(accept.evaluate(style)).isEqualTo(reject.evaluate(style));
        assertThat((String) accept.evaluate(style)).startsWith("BUTTON|");
    }

    @Test
    void c9ThePageStaysUsableWithTheBannerOpenAndAfterRejecting() {
        open(site.page("de"));
        assertThat(bar()).isVisible();
        // A real click: it fails if anything covers the button.
        page.locator("#lesson").click();
        assertThat(page.locator("#lesson")).hasText("Lektion läuft");

        change(() -> button(bar(), "Alle ablehnen").click());
        assertThat(bar()).isHidden();
        page.reload();
        waitReady();
        assertThat(bar()).isHidden();
        page.locator("#lesson").click();
        assertThat(page.locator("#lesson")).hasText("Lektion läuft");
        assertThat(ran()).isEmpty();
        assertThat(cookieNames()).containsExactly("consent4j");
    }

    @Test
    void c9TheBannerCausesNoLayoutShift() {
        open(site.page("de", "embed"));
        assertThat(bar()).isVisible();
        Object shift = page.evaluate("() => new Promise(done => { let sum = 0;"
                + " new PerformanceObserver(list => list.getEntries().forEach(e => sum += e.value))"
                + ".observe({ type: 'layout-shift', buffered: true });"
                + " requestAnimationFrame(() => requestAnimationFrame(() => done(sum))); })");
        assertThat(((Number) shift).doubleValue()).isZero();
        assertThat(page.locator(".c4j-bar").evaluate("e => getComputedStyle(e).position"))
                .isEqualTo("fixed");
    }

    @Test
    void theFirstLayerDrawsNoBlurredShadow() {
        // Its box is rasterized for the first paint of every first visit; a blur there costs raster time.
        open(site.page("de"));
        String shadow = (String) bar().evaluate("e => getComputedStyle(e).boxShadow");
        // Computed as "colour x y blur spread", e.g. "rgba(0, 0, 0, 0.25) 0px 4px 0px 0px".
        String[] lengths = shadow.replaceAll("rgba?\\([^)]*\\)", "").trim().split("\\s+");
        assertThat(shadow.equals("none") || lengths[2].equals("0px"))
                .as("box-shadow %s", shadow)
                .isTrue();
    }

    @Test
    void c10PrivacyPolicyAndImprintAreLinkedOnBothLayers() {
        open(site.page("de"));
        assertThat(bar().getByRole(
                                com.microsoft.playwright.options.AriaRole.LINK,
                                new Locator.GetByRoleOptions().setName("Datenschutzerklärung")))
                .hasAttribute("href", "/datenschutz");
        assertThat(bar().getByRole(
                                com.microsoft.playwright.options.AriaRole.LINK,
                                new Locator.GetByRoleOptions().setName("Impressum")))
                .hasAttribute("href", "/impressum");
        button(bar(), "Einstellungen").click();
        assertThat(dialog().locator(".c4j-links a[href='/datenschutz']")).isVisible();
        assertThat(dialog().locator(".c4j-links a[href='/impressum']")).isVisible();
    }

    @Test
    void c11TheBannerSpeaksThePagesLanguage() {
        open(site.page("en"));
        assertThat(bar().locator("h2")).hasText("Privacy settings");
        assertThat(button(bar(), "Accept all")).isVisible();
        assertThat(button(bar(), "Reject all")).isVisible();
        assertThat(requests).anyMatch(r -> r.endsWith(TestSite.ENDPOINT + "?lang=en"));

        page.navigate(site.page("de"));
        waitReady();
        assertThat(bar().locator("h2")).hasText("Datenschutz-Einstellungen");
        assertThat(page.locator(".c4j-root")).hasAttribute("lang", "de");
    }

    @Test
    void anEmbeddedConfigNeedsNoRequestAndAFetchedOneExactlyOne() {
        open(site.page("en", "embed"));
        assertThat(bar().locator("h2")).hasText("Privacy settings");
        assertThat(requests).noneMatch(FirstLayerIT::isEndpoint);

        requests.clear();
        page.navigate(site.page("en"));
        waitReady();
        assertThat(requests.stream().filter(FirstLayerIT::isEndpoint)).hasSize(1);
        assertThat(js("() => readies.length")).isEqualTo(1);
    }

    private static boolean isEndpoint(String request) {
        return request.endsWith(TestSite.ENDPOINT) || request.contains(TestSite.ENDPOINT + "?");
    }
}
