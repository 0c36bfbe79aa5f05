/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo site's auditor dashboard, opened in Chromium with the demo auditor token the site prints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditDashboardIT {

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
    Environment environment;

    @Test
    void theDemoAuditorTokenOpensTheDashboard_C25() {
        String base = "http://127.0.0.1:" + port;
        try (BrowserContext visitor = chromium.newVisitor()) {
            Page page = BrowserSupport.page(visitor);
            BrowserSupport.open(page, base + "/?lang=en");
            for (String action : List.of("accept_all", "reject_all", "accept_all")) {
                page.evaluate(
                        "a => fetch('/consent', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                                + " body: JSON.stringify({action: a})})",
                        action);
                visitor.clearCookies();
            }
        }
        String token = environment.getProperty(DemoAuditorToken.TOKEN_PROPERTY);
        assertThat(token).isNotBlank();

        try (BrowserContext auditor = chromium.newAuditor("auditor", token)) {
            Page page = auditor.newPage();
            Response response = page.navigate(base + "/consent-audit/dashboard?lang=en");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().get("content-security-policy")).startsWith("default-src 'none'");
            assertThat(page.locator("h1")).hasText("Overview");
            assertThat(page.locator("main")).containsText("records in total");
            page.navigate(base + "/consent-audit/dashboard/choices?lang=de");
            assertThat(page.locator("h1")).hasText("Entscheidungen im Zeitverlauf");
            assertThat(page.locator("main svg").first()).isVisible();
            page.screenshot(new Page.ScreenshotOptions()
                    .setFullPage(true)
                    .setPath(Path.of("target/screenshots/learning-site-dashboard-choices-de.png")));
        }
    }
}
