/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.consent4j.examples.learningsite.BrowserSupport.button;
import static io.consent4j.examples.learningsite.BrowserSupport.change;
import static io.consent4j.examples.learningsite.BrowserSupport.open;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The banner's own details with JavaScript on: the script enhances the server-rendered banner, one click
 * consents and one click withdraws, the first layer leaves half of a phone's screen free, the settings
 * layer's sticky header stays on top, and focus comes back after a keyboard choice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BannerDetailsIT {

    static BrowserSupport chromium;

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("learning-site-details").toString();
        registry.add("consent4j.ledger.path", () -> dir + "/ledger");
    }

    @BeforeAll
    static void launch() {
        chromium = BrowserSupport.launch();
    }

    @AfterAll
    static void shutDown() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ConsentPolicy policy;

    private String url(String path, String lang) {
        return "http://127.0.0.1:" + port + path + "?lang=" + lang;
    }

    private BrowserContext visitor(String lang, int width, int height) {
        return chromium.browser.newContext(new Browser.NewContextOptions()
                .setLocale(lang.equals("de") ? "de-DE" : "en-GB")
                .setViewportSize(width, height));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de", "en"})
    void theScriptEnhancesTheServerRenderedBannerInsteadOfBuildingASecond(String lang) {
        try (BrowserContext visitor = visitor(lang, 1280, 800)) {
            Page page = BrowserSupport.page(visitor);
            open(page, url("/kurse/python-einstieg", lang));
            assertThat(page.locator(".c4j-root")).hasCount(1);
            assertThat(page.locator(".c4j-bar")).hasCount(1);
            assertThat(page.locator(".c4j-bar")).isVisible();
        }
    }

    @Test
    void theAccountPageOffersTheOneClickWithdrawal_C14() {
        Map<BannerText, String> t = policy.texts("de");
        try (BrowserContext visitor = visitor("de", 1280, 800)) {
            Page page = BrowserSupport.page(visitor);
            open(page, url("/konto", "de"));
            change(
                    page,
                    () -> button(page.locator(".c4j-bar"), t.get(BannerText.ACCEPT_ALL))
                            .click());
            Locator withdraw = page.locator("main [data-consent-withdraw]");
            assertThat(withdraw).isVisible();
            withdraw.click();
            assertThat(page.locator("main .c4j-msg")).hasText(t.get(BannerText.WITHDRAWN));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de", "en"})
    void onAPhoneTheFirstLayerCoversAtMostHalfTheScreenWithBothButtonsInView_C5_C9(String lang) throws Exception {
        Map<BannerText, String> t = policy.texts(lang);
        try (BrowserContext visitor = visitor(lang, 375, 667)) {
            Page page = BrowserSupport.page(visitor);
            open(page, url("/kurse/python-einstieg", lang));
            Locator bar = page.locator(".c4j-bar");
            BoundingBox box = bar.boundingBox();
            double covered = box.width * box.height / (375.0 * 667.0);
            System.out.printf("first layer on 375x667 (%s): %.1f %% of the screen%n", lang, covered * 100);
            assertThat(covered).isLessThanOrEqualTo(0.5);
            Files.createDirectories(Path.of("target", "screenshots"));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Path.of("target", "screenshots", "first-layer-phone-" + lang + ".png")));
            for (BannerText key : new BannerText[] {BannerText.ACCEPT_ALL, BannerText.REJECT_ALL}) {
                Locator b = button(bar, t.get(key));
                assertThat(b)
                        .isInViewport(new com.microsoft.playwright.assertions.LocatorAssertions.IsInViewportOptions()
                                .setRatio(1));
                assertThat(topmost(page, b)).as(key.key() + " is not covered").isTrue();
            }
        }
    }

    @Test
    void theSettingsHeaderStaysAboveScrolledSwitchesAndTakesTheClick() {
        Map<BannerText, String> t = policy.texts("de");
        try (BrowserContext visitor = visitor("de", 1280, 600)) {
            Page page = BrowserSupport.page(visitor);
            open(page, url("/kurse/python-einstieg", "de"));
            button(page.locator(".c4j-bar"), t.get(BannerText.SETTINGS)).click();
            Locator dialog = page.locator("dialog.c4j-dlg");
            assertThat(dialog).isVisible();
            dialog.locator("details").evaluateAll("ds => ds.forEach(d => d.open = true)");
            // Scroll so that a switch sits right under the close button.
            Object under = dialog.evaluate("dlg => { const x = dlg.querySelector('.c4j-x');"
                    + " const sw = [...dlg.querySelectorAll('.c4j-sw input')]"
                    + ".find(i => i.getBoundingClientRect().top > x.getBoundingClientRect().bottom + 40);"
                    + " dlg.scrollTop += sw.getBoundingClientRect().top - x.getBoundingClientRect().top;"
                    + " const r = x.getBoundingClientRect(), s = sw.getBoundingClientRect();"
                    + " return s.top < r.bottom && s.bottom > r.top; }");
            assertThat(under).isEqualTo(true);
            Locator close = dialog.locator(".c4j-x");
            assertThat(topmost(page, close)).isTrue();
            String before = checkedSwitches(dialog);
            close.click();
            assertThat(dialog).isHidden();
            assertThat(checkedSwitches(dialog)).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de", "en"})
    void afterAKeyboardChoiceFocusGoesOnFromWhereTheBannerTookIt_C12(String lang) {
        try (BrowserContext visitor = visitor(lang, 1280, 800)) {
            Page page = BrowserSupport.page(visitor);
            open(page, url("/kurse/python-einstieg", lang));
            assertThat(page.locator(".c4j-bar")).isFocused();
            page.keyboard().press("Tab");
            assertThat(page.locator(".c4j-bar button").first()).isFocused();
            change(page, () -> page.keyboard().press("Enter"));
            assertThat(page.locator(".c4j-bar")).isHidden();
            assertThat(page.evaluate("() => document.activeElement === document.body"))
                    .isEqualTo(false);
            // The next Tab reaches the page's first link, right after where the banner was.
            page.keyboard().press("Tab");
            assertThat(page.locator("header a.brand")).isFocused();
        }
    }

    /** Whether the element at the centre of {@code target} is {@code target} or inside it. */
    private static boolean topmost(Page page, Locator target) {
        return (Boolean) target.evaluate("e => { const r = e.getBoundingClientRect();"
                + " const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                + " return hit === e || e.contains(hit); }");
    }

    private static String checkedSwitches(Locator dialog) {
        return String.valueOf(
                dialog.evaluate("dlg => [...dlg.querySelectorAll('.c4j-sw input')].map(i => i.checked).join()"));
    }
}
