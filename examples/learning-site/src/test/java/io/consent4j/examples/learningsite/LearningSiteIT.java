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
import com.microsoft.playwright.options.AriaRole;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The learning site as a visitor meets it: one choice in a real browser, from banner to account page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LearningSiteIT {

    static BrowserSupport chromium;

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("learning-site-ledger").toString();
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

    @Autowired
    SiteEmbeds embeds;

    @Test
    void visitorChoosesAnalyticsInSettingsThenLoadsTheVideoAndReopensTheSettings() {
        Map<BannerText, String> de = policy.texts("de");
        try (BrowserContext visitor = chromium.newVisitor()) {
            Page page = BrowserSupport.page(visitor);
            open(page, "http://127.0.0.1:" + port + "/kurse/python-einstieg");

            // C1, C11: a German banner, nothing optional ran, the video is a placeholder.
            Locator bar = page.locator(".c4j-bar");
            assertThat(bar).isVisible();
            assertThat(bar).containsText(de.get(BannerText.TITLE));
            assertThat(page.locator("html")).hasAttribute("lang", "de");
            assertThat(ran(page)).isEmpty();
            assertThat(cookieNames(visitor)).noneMatch(n -> n.startsWith("_pk_"));
            Locator video = page.locator("iframe.video");
            assertThat(video).not().hasAttribute("src", "/video/python-einstieg?lang=de");
            Locator placeholder = page.locator(".c4j-ph");
            assertThat(placeholder).isVisible();

            // Analytics through the settings layer: the stand-in tracker runs and sets its cookie.
            button(bar, de.get(BannerText.SETTINGS)).click();
            Locator dialog = page.locator("dialog.c4j-dlg");
            assertThat(dialog).isVisible();
            dialog.locator("input[data-c='analytics']").check();
            change(page, () -> button(dialog, de.get(BannerText.SAVE)).click());
            page.waitForFunction("() => (window.siteRan || []).includes('analytics')");
            assertThat(ran(page)).containsExactly("analytics");
            assertThat(cookieNames(visitor)).contains("_pk_id.1.c4j", "_pk_ses.1.c4j");

            // The placeholder's button allows just the video service and loads the player.
            change(
                    page,
                    () -> button(placeholder, de.get(BannerText.EMBED_LOAD)).click());
            assertThat(video).hasAttribute("src", "/video/python-einstieg?lang=de");
            assertThat(page.frameLocator("iframe.video").locator("#player[data-ready='true']"))
                    .isVisible();

            // C13: the footer link reopens the settings with the stored choice.
            page.reload();
            BrowserSupport.open(page, page.url());
            assertThat(bar).isHidden();
            page.locator("footer [data-consent-open]").click();
            assertThat(dialog).isVisible();
            assertThat(dialog.locator("input[data-c='analytics']")).isChecked();
            assertThat(dialog.locator("input[data-s='" + embeds.videoService() + "']"))
                    .isChecked();
            assertThat(dialog.locator("input[data-c='marketing']")).not().isChecked();

            // C27: the account page shows the consent id, both choices and the downloads.
            page.navigate("http://127.0.0.1:" + port + "/konto");
            assertThat(page.locator("#consent-id")).not().isEmpty();
            assertThat(page.locator("#history tbody tr")).hasCount(2);
            assertThat(page.getByRole(
                            AriaRole.LINK, new Page.GetByRoleOptions().setName("Signierten Beleg herunterladen")))
                    .hasAttribute("href", "/consent/receipt");
            assertThat(visitor.request()
                            .get("http://127.0.0.1:" + port + "/consent/receipt")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void everyPageInGermanAndEnglishShowsNoUnresolvedMessage() {
        List<String> unresolved = new ArrayList<>();
        try (BrowserContext visitor = chromium.newVisitor()) {
            Page page = BrowserSupport.page(visitor);
            String base = "http://127.0.0.1:" + port;
            for (String lang : List.of("de", "en")) {
                List<String> paths = new ArrayList<>(List.of("/", "/konto", "/datenschutz", "/impressum"));
                for (Course course : Course.CATALOGUE) {
                    paths.add("/kurse/" + course.id());
                    paths.add("/video/" + course.id());
                }
                for (String path : paths) {
                    page.navigate(base + path + "?lang=" + lang);
                    unresolved(page, unresolved);
                }
                page.navigate(base + "/?lang=" + lang);
                page.locator("#newsletter-email").fill("lea@example.org");
                // Submitted by script: the open banner may cover the footer's button.
                page.locator("form.newsletter").evaluate("form => form.requestSubmit()");
                page.waitForURL(url -> url.endsWith("/newsletter?lang=" + lang));
                unresolved(page, unresolved);
            }

            // The account page with a history, which only a visitor who chose sees.
            open(page, base + "/konto?lang=de");
            change(
                    page,
                    () -> button(page.locator(".c4j-bar"), policy.texts("de").get(BannerText.REJECT_ALL))
                            .click());
            for (String lang : List.of("de", "en")) {
                page.navigate(base + "/konto?lang=" + lang);
                assertThat(page.locator("#history tbody tr")).hasCount(1);
                unresolved(page, unresolved);
            }
        }
        assertThat(unresolved).isEmpty();
    }

    /** Adds the page's URL and each Thymeleaf placeholder for a missing message ({@code ??key_de??}). */
    private static void unresolved(Page page, List<String> found) {
        Matcher m = Pattern.compile("\\?\\?[^?<>\\s]*\\?\\?").matcher(page.content());
        while (m.find()) {
            found.add(page.url() + ": " + m.group());
        }
    }

    @Test
    void pagesSpeakEnglishWithLangEn() {
        try (BrowserContext visitor = chromium.newVisitor()) {
            Page page = BrowserSupport.page(visitor);
            open(page, "http://127.0.0.1:" + port + "/?lang=en");
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            assertThat(page.locator(".c4j-bar")).containsText(policy.texts("en").get(BannerText.TITLE));
            assertThat(page.locator("h1")).hasText("Our courses");
        }
    }
}
