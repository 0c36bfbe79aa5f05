/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.consent4j.examples.learningsite.BrowserSupport.button;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The learning site with JavaScript turned off, in German and English: the server-rendered banner is the
 * first thing on the page, styled like the script banner, and every choice works as a plain form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NoScriptIT {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final ObjectMapper JSON = new ObjectMapper();

    static BrowserSupport chromium;

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("learning-site-noscript").toString();
        registry.add("consent4j.ledger.path", () -> dir + "/ledger");
    }

    @BeforeAll
    static void launch() throws Exception {
        chromium = BrowserSupport.launch();
        Files.createDirectories(SCREENSHOTS);
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

    private BrowserContext visitor(String lang) {
        return chromium.browser.newContext(new Browser.NewContextOptions()
                .setJavaScriptEnabled(false)
                .setLocale(lang.equals("de") ? "de-DE" : "en-GB")
                .setViewportSize(1280, 800));
    }

    private String url(String path, String lang) {
        return "http://127.0.0.1:" + port + path + (path.contains("?") ? "&" : "?") + "lang=" + lang;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de", "en"})
    void firstLayerIsTheFirstThingOnThePageWithEqualButtons_C4_C5_C10(String lang) throws Exception {
        Map<BannerText, String> t = policy.texts(lang);
        try (BrowserContext visitor = visitor(lang)) {
            Page page = visitor.newPage();
            page.navigate(url("/kurse/python-einstieg", lang));

            Locator bar = page.locator(".c4j-bar");
            assertThat(bar).isVisible();
            assertThat(bar).isInViewport();
            assertThat(bar).containsText(t.get(BannerText.TITLE));
            assertThat(page.locator("body > :first-child")).hasClass("c4j c4j-root");
            page.screenshot(
                    new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("noscript-first-layer-" + lang + ".png")));

            // C4, C5: accept and reject are buttons of one form, of the same size, font, weight and colours.
            Locator accept = button(bar, t.get(BannerText.ACCEPT_ALL));
            Locator reject = button(bar, t.get(BannerText.REJECT_ALL));
            Locator settings = button(bar, t.get(BannerText.SETTINGS));
            Map<String, Object> a = look(accept);
            assertThat(look(reject)).isEqualTo(a);
            assertThat(look(settings)).isEqualTo(a);
            assertThat(((Number) a.get("height")).doubleValue()).isGreaterThanOrEqualTo(44);
            assertThat(contrast(accept)).isGreaterThanOrEqualTo(4.5);
            assertThat(a.get("fontSize")).isNotEqualTo("13.3333px");

            // C10: the privacy policy and imprint stay reachable, with the banner still there.
            Locator privacy =
                    bar.locator("a", new Locator.LocatorOptions().setHasText(t.get(BannerText.PRIVACY_POLICY)));
            assertThat(privacy).isVisible();
            assertThat(bar.locator("a", new Locator.LocatorOptions().setHasText(t.get(BannerText.IMPRINT))))
                    .isVisible();
            privacy.click();
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/datenschutz.*"));
            assertThat(page.locator(".c4j-bar")).isVisible();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de", "en"})
    void silenceGrantsNothingAndRejectingLeavesTheSiteUsable_C3_C9(String lang) {
        Map<BannerText, String> t = policy.texts(lang);
        try (BrowserContext visitor = visitor(lang)) {
            Page page = visitor.newPage();
            page.navigate(url("/", lang));
            page.navigate(url("/kurse/python-einstieg", lang));
            // C3: browsing on without a choice records nothing and sets no consent cookie.
            assertThat(cookieNames(visitor)).doesNotContain("consent4j");
            assertThat(page.locator(".c4j-bar")).isVisible();

            button(page.locator(".c4j-bar"), t.get(BannerText.REJECT_ALL)).click();

            // C9: back on the same page, the content is usable, the banner gone.
            assertThat(page).hasURL(url("/kurse/python-einstieg", lang));
            assertThat(page.locator(".c4j-bar")).hasCount(0);
            assertThat(page.locator("main h1")).isVisible();
            assertThat(cookieNames(visitor)).contains("consent4j").noneMatch(n -> n.startsWith("_pk_"));
            assertThat(state(visitor).path("categories").toString()).doesNotContain("analytics", "marketing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de", "en"})
    void settingsPageIsGranularStartsOffAndShowsTheStoredChoice_C6_C7_C8_C13(String lang) throws Exception {
        Map<BannerText, String> t = policy.texts(lang);
        try (BrowserContext visitor = visitor(lang)) {
            Page page = visitor.newPage();
            page.navigate(url("/kurse/python-einstieg", lang));
            button(page.locator(".c4j-bar"), t.get(BannerText.SETTINGS)).click();

            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/consent/settings\\?.*"));
            assertThat(page.locator("html")).hasAttribute("lang", lang);
            Locator main = page.locator("main.c4j-page");
            assertThat(main.locator("h1")).hasText(t.get(BannerText.SETTINGS_TITLE));
            // C6: nothing optional is on; necessary is on and cannot be switched off.
            assertThat(main.locator("input[name=category]:not([disabled]):checked"))
                    .hasCount(0);
            assertThat(main.locator("input[name=service]:not([disabled]):checked"))
                    .hasCount(0);
            assertThat(main.locator("input[data-c='necessary']")).isDisabled();
            // C7: each service names its provider, and each cookie its lifetime and third-party status.
            main.locator("details").evaluateAll("ds => ds.forEach(d => d.open = true)");
            assertThat(main.locator("table.c4j-tbl").first()).containsText(t.get(BannerText.LIFETIME));
            assertThat(main.locator("table.c4j-tbl").first()).containsText(t.get(BannerText.THIRD_PARTY));
            page.screenshot(new Page.ScreenshotOptions()
                    .setFullPage(true)
                    .setPath(SCREENSHOTS.resolve("noscript-settings-" + lang + ".png")));
            // C4, C5 on this layer too.
            Locator save = button(main, t.get(BannerText.SAVE));
            assertThat(look(button(main, t.get(BannerText.REJECT_ALL))))
                    .isEqualTo(look(button(main, t.get(BannerText.ACCEPT_ALL))))
                    .isEqualTo(look(save));

            // C8: "save" stores exactly the switches shown.
            main.locator("input[data-c='analytics']").check();
            save.click();
            assertThat(page).hasURL(url("/kurse/python-einstieg", lang));
            assertThat(page.locator(".c4j-bar")).hasCount(0);
            JsonNode state = state(visitor);
            assertThat(state.path("categories").toString())
                    .contains("analytics")
                    .doesNotContain("marketing");

            // C13: the settings link on every page reopens the stored choice.
            page.navigate(url("/", lang));
            page.locator("footer a[data-consent-open]").click();
            assertThat(page.locator("input[data-c='analytics']")).isChecked();
            assertThat(page.locator("input[data-c='marketing']")).not().isChecked();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de", "en"})
    void withdrawingTakesOneClickLikeConsentingAndSaysSo_C14(String lang) {
        Map<BannerText, String> t = policy.texts(lang);
        try (BrowserContext visitor = visitor(lang)) {
            Page page = visitor.newPage();
            page.navigate(url("/kurse/python-einstieg", lang));
            List<Runnable> consentClicks = List.of(() -> button(page.locator(".c4j-bar"), t.get(BannerText.ACCEPT_ALL))
                    .click());
            consentClicks.forEach(Runnable::run);
            assertThat(state(visitor).path("categories").toString()).contains("analytics", "marketing");

            // On any page, and on the account page, one click withdraws.
            page.navigate(url("/konto", lang));
            assertThat(page.locator("main [data-consent-withdraw]")).isVisible();
            page.navigate(url("/kurse/python-einstieg", lang));
            List<Runnable> withdrawClicks =
                    List.of(() -> page.locator("footer [data-consent-withdraw]").click());
            withdrawClicks.forEach(Runnable::run);

            assertThat(withdrawClicks.size()).isLessThanOrEqualTo(consentClicks.size());
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS))
                    .hasText(t.get(BannerText.WITHDRAWN));
            assertThat(page.locator("input[name=category]:not([disabled]):checked"))
                    .hasCount(0);
            assertThat(state(visitor).path("categories").toString()).doesNotContain("analytics", "marketing");
            // Nothing left to withdraw: the control is gone from the pages.
            page.locator("a.c4j-back").click();
            assertThat(page).hasURL(url("/kurse/python-einstieg", lang));
            assertThat(page.locator("footer [data-consent-withdraw]")).isHidden();
        }
    }

    private JsonNode state(BrowserContext visitor) {
        String body =
                visitor.request().get("http://127.0.0.1:" + port + "/consent").text();
        return JSON.readTree(body).path("state");
    }

    private static List<String> cookieNames(BrowserContext context) {
        return BrowserSupport.cookieNames(context);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> look(Locator button) {
        return (Map<String, Object>)
                button.evaluate("b => { const s = getComputedStyle(b), r = b.getBoundingClientRect();"
                        + " return { tag: b.tagName, width: Math.round(r.width), height: Math.round(r.height),"
                        + " fontSize: s.fontSize, fontWeight: s.fontWeight, fontFamily: s.fontFamily,"
                        + " color: s.color, background: s.backgroundColor }; }");
    }

    /** The WCAG contrast ratio of a button's text against its background. */
    private static double contrast(Locator button) {
        return ((Number) button.evaluate("b => { const s = getComputedStyle(b);"
                        + " const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);"
                        + " const lum = c => { const [r, g, bl] = rgb(c).map(v => { v /= 255;"
                        + " return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });"
                        + " return 0.2126 * r + 0.7152 * g + 0.0722 * bl; };"
                        + " const a = lum(s.color), c = lum(s.backgroundColor);"
                        + " return (Math.max(a, c) + 0.05) / (Math.min(a, c) + 0.05); }"))
                .doubleValue();
    }
}
