/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.consent4j.examples.learningsite.BrowserSupport.button;
import static io.consent4j.examples.learningsite.BrowserSupport.cookieNames;
import static io.consent4j.examples.learningsite.BrowserSupport.open;
import static io.consent4j.examples.learningsite.BrowserSupport.ran;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A child on a school course and a parent on another device (C28), as two browser contexts: the child's
 * banner says a parent must consent and only necessary parts run; the child copies the parental link; the
 * parent opens it, sees the settings with parent wording and allows analytics; the child's next page view
 * runs analytics. Screenshots go to {@code target/screenshots/parental-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ParentalConsentIT {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static BrowserSupport chromium;

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("learning-site-parental").toString();
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

    @Test
    void aParentConsentsByLinkOnAnotherDeviceAndTheChildsNextPageCarriesIt_C28() throws Exception {
        Map<BannerText, String> de = policy.texts("de");
        Files.createDirectories(SCREENSHOTS);
        try (BrowserContext child = chromium.newVisitor();
                BrowserContext parent = chromium.newVisitor()) {
            Page childPage = BrowserSupport.page(child);
            String course = "http://127.0.0.1:" + port + "/kurse/bruchrechnung";
            open(childPage, course);

            Locator bar = childPage.locator(".c4j-bar");
            assertThat(bar).containsText(de.get(BannerText.PARENTAL_CONSENT_REQUIRED));
            assertThat(ran(childPage)).isEmpty();
            button(bar, de.get(BannerText.PARENT_LINK)).click();
            Locator field = childPage.locator("#c4j-plink");
            assertThat(field).isVisible();
            assertThat(bar).containsText(de.get(BannerText.PARENT_LINK_READY));
            String link = field.inputValue();
            assertThat(link).startsWith("http://127.0.0.1:" + port + "/consent/parent?t=");
            childPage.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("parental-1-child.png")));

            Page parentPage = parent.newPage();
            parentPage.navigate(link);
            assertThat(parentPage.locator("h1")).hasText("Einwilligung eines Elternteils");
            parentPage.locator("input[value='analytics']").check();
            parentPage.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("parental-2-parent.png")));
            button(parentPage.locator("#consent4j-parent"), "Auswahl für mein Kind speichern")
                    .click();
            assertThat(parentPage.locator("#consent4j-parent-done")).isVisible();
            assertThat(cookieNames(parent)).doesNotContain("consent4j");
            parentPage.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("parental-3-done.png")));

            open(childPage, course);
            childPage.waitForFunction("() => (window.siteRan || []).includes('analytics')");
            assertThat(ran(childPage)).containsExactly("analytics");
            assertThat(bar).isHidden();
            childPage.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("parental-4-child.png")));

            Page again = parent.newPage();
            again.navigate(link);
            assertThat(again.locator("main")).containsText("bereits verwendet");
        }
    }
}
