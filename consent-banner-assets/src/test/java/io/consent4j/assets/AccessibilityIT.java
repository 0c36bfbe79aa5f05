/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.ReducedMotion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C12: no axe-core violations (WCAG 2.2 A and AA) on either layer, in light and dark mode, at 320 px
 * and at 200% zoom; keyboard-only use with focus moved in, trapped and returned. Writes the
 * screenshots under {@code target/screenshots}.
 */
class AccessibilityIT extends BrowserTest {

    private void openSettingsExpanded() {
        page.locator(".c4j-bar .c4j-btn").nth(2).click();
        assertThat(dialog()).isVisible();
        dialog().locator("details").evaluateAll("ds => ds.forEach(d => d.open = true)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "en"})
    void c12BothLayersHaveNoAxeViolations(String lang) {
        open(site.page(lang, "embed"));
        assertThat(bar()).isVisible();
        assertNoAxeViolations();
        screenshot("first-layer-" + lang);

        openSettingsExpanded();
        assertNoAxeViolations();
        screenshot("settings-" + lang);
    }

    @Test
    void c12DarkModeHasNoAxeViolationsAndUsesTheDarkTheme() {
        useContext(contextOptions().setColorScheme(ColorScheme.DARK));
        open(site.page("en", "embed"));
        assertThat(bar().evaluate("e => getComputedStyle(e).backgroundColor")).isEqualTo("rgb(31, 35, 40)");
        assertNoAxeViolations();
        screenshot("first-layer-dark-en");
        openSettingsExpanded();
        assertNoAxeViolations();
        screenshot("settings-dark-en");
    }

    @Test
    void c12ReducedMotionTurnsTransitionsOff() {
        open(site.page("de", "embed"));
        Locator accept = button(bar(), "Alle akzeptieren");
        assertThat(accept.evaluate("e => getComputedStyle(e).transitionDuration"))
                .isNotEqualTo("0s");

        useContext(contextOptions().setReducedMotion(ReducedMotion.REDUCE));
        open(site.page("de", "embed"));
        accept = button(bar(), "Alle akzeptieren");
        assertThat(accept.evaluate("e => getComputedStyle(e).transitionDuration"))
                .isEqualTo("0s");
    }

    @Test
    void c12UsableAt320Pixels() {
        useContext(contextOptions().setViewportSize(320, 640));
        open(site.page("de", "embed"));
        assertFitsWidth(bar(), 320);
        for (Locator b : bar().locator(".c4j-btn").all()) {
            assertThat(b).isInViewport();
            assertFitsWidth(b, 320);
        }
        assertNoAxeViolations();
        screenshot("first-layer-320-de");

        openSettingsExpanded();
        assertFitsWidth(dialog(), 320);
        assertThat(js("() => document.documentElement.scrollWidth")).isEqualTo(320);
        assertNoAxeViolations();
        screenshot("settings-320-de");
    }

    @Test
    void c12UsableAt200PercentZoom() {
        // 200% zoom of a 1280 x 800 window: half the CSS pixels, twice the device pixels.
        useContext(new Browser.NewContextOptions()
                .setLocale("de-DE")
                .setViewportSize(640, 400)
                .setDeviceScaleFactor(2));
        open(site.page("de", "embed"));
        assertFitsWidth(bar(), 640);
        for (Locator b : bar().locator(".c4j-btn").all()) {
            b.scrollIntoViewIfNeeded();
            assertThat(b).isInViewport();
        }
        assertNoAxeViolations();
        screenshot("first-layer-zoom200-de");
        openSettingsExpanded();
        assertFitsWidth(dialog(), 640);
        button(dialog(), "Alle ablehnen").scrollIntoViewIfNeeded();
        assertThat(button(dialog(), "Alle ablehnen")).isInViewport();
        screenshot("settings-zoom200-de");
    }

    private static void assertFitsWidth(Locator element, int width) {
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) element.evaluate("e => { const r = e.getBoundingClientRect();"
                + " return [r.left, r.right, e.scrollWidth - e.clientWidth]; }");
        assertThat(box.get(0).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(box.get(1).doubleValue()).isLessThanOrEqualTo(width);
        assertThat(box.get(2).intValue()).as("horizontal overflow").isLessThanOrEqualTo(0);
    }

    private boolean focusIn(String selector) {
        return (Boolean) page.evaluate("s => !!document.activeElement.closest(s)", selector);
    }

    private String focused() {
        return (String) js("() => document.activeElement.id || document.activeElement.textContent.trim()");
    }

    @Test
    void c12KeyboardOnlyFirstLayerSettingsAndBack() {
        open(site.page("de"));
        assertThat(js("() => document.activeElement.classList.contains('c4j-bar')"))
                .isEqualTo(true);

        page.keyboard().press("Tab");
        assertThat(focused()).isEqualTo("Alle akzeptieren");
        assertThat(js("() => getComputedStyle(document.activeElement).outlineStyle"))
                .isEqualTo("solid");
        assertThat(js("() => getComputedStyle(document.activeElement).outlineWidth"))
                .isEqualTo("3px");
        page.keyboard().press("Tab");
        assertThat(focused()).isEqualTo("Alle ablehnen");
        page.keyboard().press("Tab");
        assertThat(focused()).isEqualTo("Einstellungen");
        page.keyboard().press("Tab");
        assertThat(focused()).isEqualTo("Datenschutzerklärung");
        page.keyboard().press("Shift+Tab");
        page.keyboard().press("Enter");

        assertThat(dialog()).isVisible();
        assertThat(dialog()).hasAttribute("aria-labelledby", "c4j-st");
        assertThat(dialog()).hasAttribute("aria-describedby", "c4j-sd");
        assertThat(js("() => document.activeElement.matches('dialog.c4j-dlg')")).isEqualTo(true);
        int stops = ((Number)
                        js("() => [...document.querySelectorAll('dialog.c4j-dlg :is(button, a[href], input, summary)')]"
                                + ".filter(e => !e.disabled && e.getClientRects().length).length"))
                .intValue();
        for (int i = 0; i < stops + 2; i++) {
            page.keyboard().press("Tab");
            assertThat(focusIn("dialog.c4j-dlg"))
                    .as("focus stays in the dialog after %d tabs", i + 1)
                    .isTrue();
        }
        page.keyboard().press("Shift+Tab");
        page.keyboard().press("Shift+Tab");
        assertThat(focusIn("dialog.c4j-dlg")).isTrue();

        page.keyboard().press("Escape");
        assertThat(dialog()).isHidden();
        assertThat(bar()).isVisible();
        assertThat(focused()).isEqualTo("Einstellungen");

        page.keyboard().press("Shift+Tab");
        assertThat(focused()).isEqualTo("Alle ablehnen");
        change(() -> page.keyboard().press("Enter"));
        assertThat(bar()).isHidden();
        // Focus goes back to where the banner took it, the start of the page, not to <body>.
        assertThat(focusIn(".c4j-bar")).isFalse();
        assertThat(js("() => document.activeElement.matches('.c4j-root')")).isEqualTo(true);
        assertThat(js("() => consent4j.state().categories")).isEqualTo(List.of("necessary"));
    }

    @Test
    void c12FocusReturnsToTheLinkThatOpenedTheSettings() {
        open(site.page("en"));
        change(() -> button(bar(), "Reject all").click());

        page.locator("#reopen").focus();
        page.keyboard().press("Enter");
        assertThat(dialog()).isVisible();
        assertThat(focusIn("dialog.c4j-dlg")).isTrue();
        page.keyboard().press("Escape");
        assertThat(dialog()).isHidden();
        assertThat(page.locator("#reopen")).isFocused();

        page.keyboard().press("Enter");
        assertThat(dialog()).isVisible();
        // Tab to the analytics switch, turn it on with Space, then Tab on to "Save choice".
        for (int i = 0; i < 20 && !"analytics".equals(js("() => document.activeElement.dataset.c")); i++) {
            page.keyboard().press("Tab");
        }
        page.keyboard().press("Space");
        assertThat(dialog().locator("input[data-c='analytics']")).isChecked();
        for (int i = 0; i < 40 && !"Save choice".equals(focused()); i++) {
            page.keyboard().press("Tab");
        }
        change(() -> page.keyboard().press("Enter"));
        assertThat(dialog()).isHidden();
        assertThat(page.locator("#reopen")).isFocused();
        assertThat(js("() => consent4j.allowed('analytics')")).isEqualTo(true);
    }
}
