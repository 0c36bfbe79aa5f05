/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The banner of a plain-servlet site under
 * {@code script-src 'nonce-…' 'strict-dynamic'; style-src 'self'; object-src 'none'; base-uri 'none'},
 * with a fresh nonce per response ({@link NonceCspSite}): with {@code consent4j.csp.nonce-attribute} set,
 * the banner, its settings layer and a recorded choice work without one CSP violation; without it, the
 * browser blocks consent4j's scripts, which shows the test can see a violation.
 */
class NonceCspIT {

    /** The script elements of {@code HeadMarkup}. */
    private static final String CONSENT_SCRIPTS =
            "script#consent4j-config, script[src$='/consent-mode.js'], script[src$='/consent.js']";

    private static Playwright playwright;
    private static Browser browser;
    private static NonceCspSite withNonce;
    private static NonceCspSite withoutNonce;

    private BrowserContext context;
    private Page page;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        SystemChromium.requireOrSkip();
        playwright = SystemChromium.playwright();
        browser = SystemChromium.launch(playwright);
        withNonce = new NonceCspSite(true);
        withoutNonce = new NonceCspSite(false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (withNonce != null) {
            withNonce.close();
        }
        if (withoutNonce != null) {
            withoutNonce.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openContext() {
        context = SystemChromium.newContext(
                browser, new Browser.NewContextOptions().setLocale("de-DE").setViewportSize(1280, 800));
        page = context.newPage();
        page.addInitScript("window.cspViolations = []; window.changes = []; window.readies = [];"
                + "document.addEventListener('securitypolicyviolation', e =>"
                + " cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
                + "document.addEventListener('consent4j:change', e => changes.push(e.detail));"
                + "document.addEventListener('consent4j:ready', e => readies.push(e.detail));");
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                problems.add("console: " + m.text());
            }
        });
        page.onPageError(e -> problems.add("page error: " + e));
        page.onResponse(r -> {
            if (r.status() >= 400) {
                problems.add("HTTP " + r.status() + " " + r.url());
            }
        });
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void withTheNonceAttributeTheBannerWorksWithoutAViolation_C13() {
        page.navigate(withNonce.page());
        page.waitForFunction("() => readies.length > 0");

        Locator bar = page.locator(".c4j-bar");
        assertThat(bar).isVisible();
        // The data block, consent-mode.js (the policy maps Google Consent Mode) and consent.js.
        assertThat(page.locator(CONSENT_SCRIPTS)).hasCount(3);
        assertThat(page.locator(CONSENT_SCRIPTS.replace(",", ":not([nonce]),") + ":not([nonce])"))
                .hasCount(0);
        button(bar, "Einstellungen").click();
        Locator dialog = page.locator("dialog.c4j-dlg");
        assertThat(dialog).isVisible();
        dialog.locator("input[data-c='analytics']").check();
        button(dialog, "Auswahl speichern").click();
        page.waitForFunction("() => changes.length > 0");

        assertThat(dialog).isHidden();
        assertThat(context.cookies()).anySatisfy(c -> assertThat(c.name).isEqualTo("consent4j"));
        // The granted script was started by consent.js: 'strict-dynamic' passes the nonce's trust on.
        page.waitForFunction("() => (window.ran || []).includes('analytics')");
        assertThat(violations()).isEmpty();
        assertThat(problems).isEmpty();

        // The next page has a fresh nonce and shows the stored choice.
        page.navigate(withNonce.page());
        page.waitForFunction("() => readies.length > 0");
        assertThat(bar).isHidden();
        page.waitForFunction("() => (window.ran || []).includes('analytics')");
        assertThat(violations()).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void withoutTheNonceAttributeThePolicyBlocksConsent4jsScripts() {
        page.navigate(withoutNonce.page());
        page.waitForFunction("() => cspViolations.some(v => v.includes('consent.js'))");

        assertThat(page.locator("script[nonce]")).hasCount(0);
        assertThat(page.locator(CONSENT_SCRIPTS)).hasCount(3);
        assertThat(violations()).anySatisfy(v -> assertThat(v).startsWith("script-src"));
        assertThat(page.evaluate("() => readies.length")).isEqualTo(0);
    }

    @SuppressWarnings("unchecked")
    private List<String> violations() {
        return (List<String>) page.evaluate("() => cspViolations");
    }

    private static Locator button(Locator scope, String name) {
        return scope.getByRole(
                AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }
}
