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
import static io.consent4j.examples.learningsite.BrowserSupport.ran;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.Service;
import io.consent4j.examples.presets.Presets;
import io.consent4j.servlet.ConsentFilterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The learning site under each of the five presets, one application run per preset: the banner in
 * German and English, gated parts inert until allowed (C1, C3, C9), every cookie the site sets declared
 * (C7), the server-set {@code last_course} cookie gated (C15) and expired on withdrawal (C14), and cookie
 * tables that wrap between words at every width.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("presets")
class PresetBannerIT {

    private static final Locator.GetByTextOptions EXACT = new Locator.GetByTextOptions().setExact(true);

    static BrowserSupport chromium;
    static ConfigurableApplicationContext site;
    static String base;
    static ConsentPolicy policy;
    static SiteEmbeds embeds;

    @Parameter
    String preset;

    static List<String> presets() {
        return Presets.names();
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

    @BeforeParameterizedClassInvocation
    static void startSite(String preset) throws Exception {
        Path ledger = Files.createTempDirectory("preset-ledger-" + preset);
        // Command-line arguments, as a user passes them: they win over application.properties, which
        // sets the preset and port 8080 (properties() would only give defaults, which lose to it).
        site = new SpringApplicationBuilder(LearningSiteApplication.class)
                .run(
                        "--server.port=0",
                        "--server.shutdown=immediate",
                        "--learning-site.preset=" + preset,
                        "--consent4j.ledger.path=" + ledger.resolve("ledger"));
        base = "http://127.0.0.1:" + site.getEnvironment().getProperty("local.server.port");
        policy = site.getBean(ConsentPolicy.class);
        embeds = site.getBean(SiteEmbeds.class);
        assertThat(policy).isEqualTo(SitePolicy.of(Presets.load(preset)));
    }

    @AfterParameterizedClassInvocation
    static void stopSite() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void germanBannerThenRejectAllKeepsGatedPartsInertAndAcceptAllRunsThem() {
        String course = base + "/kurse/fotosynthese";
        Map<BannerText, String> de = policy.texts("de");
        List<String> gated = new ArrayList<>(List.of("analytics"));
        if (embeds.marketingCategory() != null) {
            gated.add("marketing");
        }

        try (BrowserContext visitor = chromium.newVisitor()) {
            Page page = BrowserSupport.page(visitor);
            open(page, course);
            Locator bar = page.locator(".c4j-bar");
            assertThat(bar).containsText(de.get(BannerText.TITLE));
            assertThat(button(bar, de.get(BannerText.ACCEPT_ALL))).isVisible();
            assertThat(button(bar, de.get(BannerText.REJECT_ALL))).isVisible();

            change(page, () -> button(bar, de.get(BannerText.REJECT_ALL)).click());
            open(page, course);
            assertThat(bar).isHidden();
            assertThat(page.locator("h1")).isVisible();
            assertThat(ran(page)).isEmpty();
            assertThat(page.locator("iframe.video")).not().hasAttribute("src", "/video/fotosynthese?lang=de");
            assertThat(cookieNames(visitor)).noneMatch(n -> n.startsWith("_pk_"));
        }

        try (BrowserContext visitor = chromium.newVisitor()) {
            Page page = BrowserSupport.page(visitor);
            open(page, course);
            Locator bar = page.locator(".c4j-bar");
            change(page, () -> button(bar, de.get(BannerText.ACCEPT_ALL)).click());
            page.waitForFunction("n => (window.siteRan || []).length >= n", gated.size());
            assertThat(ran(page)).containsExactlyInAnyOrderElementsOf(gated);
            assertThat(page.locator("iframe.video")).hasAttribute("src", "/video/fotosynthese?lang=de");
            assertThat(cookieNames(visitor)).contains("_pk_id.1.c4j");
        }
    }

    @Test
    void anEnglishPageShowsTheBannerTheSettingsAndTheLinksInEnglish_C10_C11() {
        Map<BannerText, String> en = policy.texts("en");
        try (BrowserContext visitor = chromium.newVisitor()) {
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
        try (BrowserContext visitor = chromium.newVisitor()) {
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
    void theServerSetsLastCourseOnlyWithFunctionalConsentAndExpiresItOnWithdrawal_C14_C15() {
        Map<BannerText, String> de = policy.texts("de");
        String course = base + "/kurse/python-einstieg";
        try (BrowserContext visitor = chromium.newVisitor()) {
            Page page = BrowserSupport.page(visitor);
            Locator bar = page.locator(".c4j-bar");
            Locator dialog = page.locator("dialog.c4j-dlg");

            open(page, course);
            assertThat(cookieNames(visitor)).as("before any choice").doesNotContain(SitePolicy.LAST_COURSE);

            change(page, () -> button(bar, de.get(BannerText.REJECT_ALL)).click());
            open(page, course);
            assertThat(cookieNames(visitor)).as("after reject all").doesNotContain(SitePolicy.LAST_COURSE);

            page.locator("footer [data-consent-open]").click();
            assertThat(dialog).isVisible();
            dialog.locator("input[data-c='functional']").check();
            change(page, () -> button(dialog, de.get(BannerText.SAVE)).click());
            open(page, course);
            Cookie lastCourse = cookie(visitor, SitePolicy.LAST_COURSE).orElseThrow();
            assertThat(lastCourse.value).isEqualTo("python-einstieg");
            assertThat(lastCourse.httpOnly).as("only the server can remove it").isTrue();
            open(page, base + "/");
            assertThat(page.locator("#continue")).containsText("Programmieren mit Python: der Einstieg");

            page.locator("footer [data-consent-open]").click();
            assertThat(dialog).isVisible();
            change(page, () -> button(dialog, de.get(BannerText.REJECT_ALL)).click());
            open(page, base + "/");
            assertThat(page.locator("#continue")).isHidden();
            assertThat(cookieNames(visitor)).as("after withdrawal").doesNotContain(SitePolicy.LAST_COURSE);
            open(page, course);
            assertThat(cookieNames(visitor)).doesNotContain(SitePolicy.LAST_COURSE);
        }
    }

    @Test
    void cookieTablesWrapBetweenWordsAtEveryWidth() {
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("de", "en")) {
            try (BrowserContext visitor = chromium.newVisitor()) {
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

    private static Optional<Cookie> cookie(BrowserContext visitor, String name) {
        return visitor.cookies().stream().filter(c -> c.name.equals(name)).findFirst();
    }
}
