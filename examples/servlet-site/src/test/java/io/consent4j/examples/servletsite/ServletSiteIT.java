/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.servletsite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.consent4j.assets.SystemChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servlet site as a visitor meets it, in the system Chromium (skipped when it is missing, unless
 * {@code CONSENT4J_E2E=required}): reject, reopen from the footer, accept all, and the gated parts run.
 */
class ServletSiteIT {

    @TempDir
    Path data;

    @Test
    void visitorRejectsThenAcceptsAllFromTheFooterAndTheGatedPartsRun() throws Exception {
        SystemChromium.requireOrSkip();
        try (ServletSite site = ServletSite.start(0, data);
                Playwright playwright = SystemChromium.playwright();
                Browser browser = SystemChromium.launch(playwright);
                BrowserContext visitor =
                        SystemChromium.newContext(browser, new Browser.NewContextOptions().setLocale("de-DE"))) {
            assertThat(Files.exists(data.resolve(DevKeys.FILE))).isTrue();
            Page page = visitor.newPage();
            page.addInitScript("window.changes = 0;"
                    + "document.addEventListener('consent4j:change', () => changes++);"
                    + "document.addEventListener('consent4j:ready', () => window.ready = true);");
            String course = site.origin() + "/kurs/bruchrechnung";
            page.navigate(course);
            page.waitForFunction("() => window.ready");

            Locator bar = page.locator(".c4j-bar");
            assertThat(bar).containsText("Ihre Privatsphäre bei der Lernwelt");
            button(bar, "Alle ablehnen").click();
            page.waitForFunction("() => changes === 1");
            assertThat(bar).isHidden();
            assertThat(page.locator(".c4j-ph")).isVisible();
            assertThat(page.evaluate("() => window.siteRan || []")).isEqualTo(List.of());

            page.locator("footer [data-consent-open]").click();
            Locator dialog = page.locator("dialog.c4j-dlg");
            assertThat(dialog.locator("input[data-c='analytics']")).not().isChecked();
            dialog.locator("input[data-c='analytics']").check();
            dialog.locator("input[data-c='functional']").check();
            button(dialog, "Auswahl speichern").click();
            page.waitForFunction("() => changes === 2");

            page.waitForFunction("() => (window.siteRan || []).includes('analytics')");
            assertThat(page.locator("iframe.video")).hasAttribute("src", "/video/bruchrechnung?lang=de");
            assertThat(visitor.cookies().stream().map(c -> c.name)).contains("consent4j", "_pk_id.1.c4j");
            assertThat(visitor.request().get(site.origin() + "/consent/history").status())
                    .isEqualTo(200);
        }
    }

    private static Locator button(Locator scope, String name) {
        return scope.getByRole(
                AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }
}
