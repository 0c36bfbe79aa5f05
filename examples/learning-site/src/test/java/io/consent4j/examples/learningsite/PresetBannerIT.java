/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.consent4j.examples.learningsite.BrowserSupport.button;
import static io.consent4j.examples.learningsite.BrowserSupport.change;
import static io.consent4j.examples.learningsite.BrowserSupport.cookieNames;
import static io.consent4j.examples.learningsite.BrowserSupport.open;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.Service;
import io.consent4j.examples.presets.Presets;
import io.consent4j.servlet.ConsentFilterSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The learning site under each of the five presets (the running sites of {@link PresetSites}): the
 * settings layer and its links in English (C10, C11), every cookie the site sets declared (C7), and cookie
 * tables that wrap between words at every width. The visitor's whole way is in {@link VisitorWayIT}.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("presets")
class PresetBannerIT {

    private static final Locator.GetByTextOptions EXACT = new Locator.GetByTextOptions().setExact(true);

    static String base;
    static ConsentPolicy policy;
    static SiteEmbeds embeds;

    @Parameter
    String preset;

    static List<String> presets() {
        return PresetSites.presets();
    }

    @BeforeParameterizedClassInvocation
    static void startSite(String preset) {
        PresetSites.Site site = PresetSites.of(preset);
        base = site.base();
        policy = site.policy();
        embeds = site.embeds();
        assertThat(policy).isEqualTo(SitePolicy.of(Presets.load(preset)));
    }

    @Test
    void anEnglishPageShowsTheBannerTheSettingsAndTheLinksInEnglish_C10_C11() {
        Map<BannerText, String> en = policy.texts("en");
        try (BrowserContext visitor = PresetSites.chromium().newVisitor()) {
            Page page = BrowserSupport.page(visitor);
            open(page, base + "/kurse/fotosynthese?lang=en");

            Locator bar = page.locator(".c4j-bar");
            assertThat(bar).containsText(en.get(BannerText.TITLE));
            assertThat(bar.getByText(en.get(BannerText.PRIVACY_POLICY), EXACT))
                    .hasAttribute("href", "/datenschutz?lang=en");
            assertThat(bar.getByText(en.get(BannerText.IMPRINT), EXACT)).hasAttribute("href", "/impressum?lang=en");
            Service video = policy.service(embeds.videoService()).orElseThrow();
            assertThat(page.locator(".c4j-ph")).containsText(video.provider("en"));

            button(bar, en.get(BannerText.SETTINGS)).click();
            Locator dialog = page.locator("dialog.c4j-dlg");
            assertThat(dialog).isVisible();
            dialog.locator("details").evaluateAll("all => all.forEach(d => d.open = true)");
            String shown = dialog.innerText();
            for (Service service : policy.services()) {
                Locator heading = dialog.locator("h4", new Locator.LocatorOptions().setHasText(service.name("en")));
                assertThat(heading.first()).isVisible();
                assertThat(shown)
                        .as("purpose of %s", service.id())
                        .contains(service.purpose().resolve("en", "de").orElseThrow());
                if (!service.name("de").equals(service.name("en"))) {
                    assertThat(shown).as("German name of %s", service.id()).doesNotContain(service.name("de"));
                }
                if (!service.provider("de").equals(service.provider("en"))) {
                    assertThat(shown).as("German provider of %s", service.id()).doesNotContain(service.provider("de"));
                }
                for (CookieDeclaration cookie : service.cookies()) {
                    assertThat(shown).contains(cookie.lifetime().describe("en"));
                    cookie.description()
                            .resolve("en", "de")
                            .ifPresent(text -> assertThat(shown).contains(text));
                }
            }
            assertThat(shown)
                    .as("lifetimes in English")
                    .doesNotContainPattern("\\b\\d+ (Monate?|Jahre?|Tage?|Stunden?|Minuten?)\\b|Sitzung");
            assertThat(dialog.getByText(en.get(BannerText.PRIVACY_POLICY), EXACT))
                    .hasAttribute("href", "/datenschutz?lang=en");

            dialog.getByText(en.get(BannerText.PRIVACY_POLICY), EXACT).click();
            page.waitForURL(base + "/datenschutz?lang=en");
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            assertThat(page.locator("h1")).hasText("Privacy policy");
        }
    }

    @Test
    void everyCookieInTheBrowserIsOneThePolicyDeclares_C7() {
        try (BrowserContext visitor = PresetSites.chromium().newVisitor()) {
            Page page = BrowserSupport.page(visitor);
            open(page, base + "/");
            change(
                    page,
                    () -> button(page.locator(".c4j-bar"), policy.texts("de").get(BannerText.ACCEPT_ALL))
                            .click());
            for (String lang : List.of("de", "en")) {
                open(page, base + "/?lang=" + lang);
                for (Course course : Course.CATALOGUE) {
                    open(page, base + "/kurse/" + course.id() + "?lang=" + lang);
                    if (!Course.SCHOOL.contains(course.id())) {
                        // A school course is a child-facing area: its video waits for a parent's consent.
                        assertThat(page.frameLocator("iframe.video").locator("#player[data-ready='true']"))
                                .isVisible();
                    }
                }
                for (String path : List.of("/konto", "/datenschutz", "/impressum")) {
                    open(page, base + path + "?lang=" + lang);
                }
            }

            List<String> names = cookieNames(visitor);
            assertThat(names)
                    .as("what the site sets once everything is allowed")
                    .contains(
                            ConsentFilterSettings.DEFAULT_COOKIE_NAME,
                            "_pk_id.1.c4j",
                            "_pk_ses.1.c4j",
                            "video_position",
                            SitePolicy.LAST_COURSE);
            assertThat(names)
                    .as("cookies the %s policy does not declare", preset)
                    .allSatisfy(name -> assertThat(declaration(name)).as(name).isPresent());
        }
    }

    @Test
    void cookieTablesWrapBetweenWordsAtEveryWidth() {
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("de", "en")) {
            try (BrowserContext visitor = PresetSites.chromium().newVisitor()) {
                Page page = BrowserSupport.page(visitor);
                open(page, base + "/?lang=" + lang);
                button(page.locator(".c4j-bar"), policy.texts(lang).get(BannerText.SETTINGS))
                        .click();
                Locator dialog = page.locator("dialog.c4j-dlg");
                assertThat(dialog).isVisible();
                for (int width : new int[] {320, 375, 414, 480, 540, 640, 768, 1024, 1280}) {
                    page.setViewportSize(width, 800);
                    page.waitForFunction("w => window.innerWidth === w", width);
                    CookieTables.problems(dialog).forEach(p -> problems.add(lang + " at " + width + " px: " + p));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static Optional<CookieDeclaration> declaration(String name) {
        return policy.services().stream()
                .map(s -> s.cookieFor(name))
                .filter(c -> c != null)
                .findFirst();
    }
}
