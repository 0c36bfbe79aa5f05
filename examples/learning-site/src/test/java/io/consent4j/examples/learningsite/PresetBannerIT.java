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
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.examples.presets.Presets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The learning site under each of the five presets, one application run per preset: the German
 * banner shows the preset's texts, "reject all" leaves every gated part inert (C1, C3) and the site
 * usable (C9), "accept all" runs them.
 */
class PresetBannerIT {

    static BrowserSupport chromium;

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

    static List<String> presets() {
        return Presets.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void germanBannerThenRejectAllKeepsGatedPartsInertAndAcceptAllRunsThem(String preset, @TempDir Path ledger) {
        try (ConfigurableApplicationContext site = new SpringApplicationBuilder(LearningSiteApplication.class)
                .properties(
                        "server.port=0",
                        "server.shutdown=immediate",
                        "learning-site.preset=" + preset,
                        "consent4j.ledger.path=" + ledger.resolve("ledger"))
                .run()) {
            String course = "http://127.0.0.1:" + site.getEnvironment().getProperty("local.server.port")
                    + "/kurse/fotosynthese";
            ConsentPolicy policy = site.getBean(ConsentPolicy.class);
            SiteEmbeds embeds = site.getBean(SiteEmbeds.class);
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
    }
}
