/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.consent4j.assets.SystemChromium;
import java.util.List;

/**
 * The system Chromium through Playwright, as the banner's own browser tests launch it: skipped with a
 * message when Chromium is missing, unless {@code CONSENT4J_E2E=required} says the run must not skip.
 */
final class BrowserSupport implements AutoCloseable {

    private final Playwright playwright;
    final Browser browser;

    private BrowserSupport(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static BrowserSupport launch() {
        return launch(List.of());
    }

    /** Chromium with {@code extraArgs} besides the project's flags. */
    static BrowserSupport launch(List<String> extraArgs) {
        SystemChromium.requireOrSkip();
        Playwright playwright = SystemChromium.playwright();
        Browser browser = SystemChromium.launch(playwright, extraArgs);
        return new BrowserSupport(playwright, browser);
    }

    /** A fresh visitor: no cookies, German browser. */
    BrowserContext newVisitor() {
        return SystemChromium.newContext(
                browser, new Browser.NewContextOptions().setLocale("de-DE").setViewportSize(1280, 800));
    }

    /** An auditor whose browser answers the dashboard's Basic challenge with {@code user} and {@code token}. */
    BrowserContext newAuditor(String user, String token) {
        return SystemChromium.newContext(
                browser,
                new Browser.NewContextOptions().setViewportSize(1280, 800).setHttpCredentials(user, token));
    }

    /** A page that collects the banner's events in {@code readies} and {@code changes}. */
    static Page page(BrowserContext context) {
        Page page = context.newPage();
        page.addInitScript("window.changes = []; window.readies = [];"
                + "document.addEventListener('consent4j:change', e => changes.push(e.detail));"
                + "document.addEventListener('consent4j:ready', e => readies.push(e.detail));");
        return page;
    }

    static void open(Page page, String url) {
        page.navigate(url);
        page.waitForFunction("() => window.readies && readies.length > 0");
    }

    /** Runs {@code action} and waits for the choice it records. */
    static void change(Page page, Runnable action) {
        int before = ((Number) page.evaluate("() => changes.length")).intValue();
        action.run();
        page.waitForFunction("n => changes.length > n", before);
    }

    /** The stand-in scripts that ran on the page ({@code analytics}, {@code marketing}). */
    @SuppressWarnings("unchecked")
    static List<String> ran(Page page) {
        return (List<String>) page.evaluate("() => window.siteRan || []");
    }

    static List<String> cookieNames(BrowserContext context) {
        return context.cookies().stream().map(c -> c.name).sorted().toList();
    }

    static Locator button(Locator scope, String name) {
        return scope.getByRole(
                AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    @Override
    public void close() {
        playwright.close();
    }
}
