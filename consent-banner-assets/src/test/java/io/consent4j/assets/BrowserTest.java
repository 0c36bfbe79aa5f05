/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs the banner in the system Chromium against a {@link TestSite}: one browser and one site per
 * test class, a fresh browser context (no cookies, no storage) per test. Skips when Chromium is missing,
 * unless {@code CONSENT4J_E2E=required} says the run must not skip.
 */
abstract class BrowserTest {

    static Playwright playwright;
    static Browser browser;
    static TestSite site;
    /** Chromium's own User-Agent, to which each test's contexts add their test's mark. */
    static String userAgent;

    private static final AtomicInteger TESTS = new AtomicInteger();

    /** This test's mark, by which the site counts only this test's requests. */
    private String mark;

    BrowserContext context;
    Page page;
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void launch() throws Exception {
        SystemChromium.requireOrSkip();
        playwright = SystemChromium.playwright();
        browser = SystemChromium.launch(playwright);
        try (BrowserContext probe = SystemChromium.newContext(browser, new Browser.NewContextOptions())) {
            userAgent = (String) probe.newPage().evaluate("() => navigator.userAgent");
        }
        site = new TestSite();
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (site != null) {
            site.stop();
            site = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }

    /**
     * Starts a test: the site counts only the requests of contexts marked for it, so that a script or
     * counter request of the test before, still on its way when that test ended, never counts in this one.
     */
    @BeforeEach
    void openContext() {
        mark = TestSite.RUN_MARK + TESTS.incrementAndGet();
        site.countOnly(mark);
        context = SystemChromium.newContext(browser, marked(contextOptions()));
        page = newPage();
    }

    private Browser.NewContextOptions marked(Browser.NewContextOptions options) {
        return options.setUserAgent(userAgent + mark);
    }

    /** Options for this test class's contexts; German locale and a desktop viewport by default. */
    Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions().setLocale("de-DE").setViewportSize(1280, 800);
    }

    /** Replaces this test's context with one made with {@code options}. */
    void useContext(Browser.NewContextOptions options) {
        context.close();
        context = SystemChromium.newContext(browser, marked(options));
        page = newPage();
    }

    /** A page that records CSP violations, console errors and every request it makes. */
    Page newPage() {
        Page p = context.newPage();
        p.addInitScript("window.cspViolations = []; window.changes = []; window.readies = [];"
                + "document.addEventListener('securitypolicyviolation', e =>"
                + " cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
                + "document.addEventListener('consent4j:change', e => changes.push(e.detail));"
                + "document.addEventListener('consent4j:ready', e => readies.push(e.detail));");
        p.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                problems.add("console: " + m.text());
            }
        });
        p.onPageError(e -> problems.add("page error: " + e));
        p.onResponse(r -> {
            if (r.status() >= 400) {
                problems.add("HTTP " + r.status() + " " + r.url());
            }
        });
        p.onRequest(r -> requests.add(r.method() + " " + r.url()));
        return p;
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    /** Opens {@code url} and waits until the banner is ready. */
    void open(String url) {
        page.navigate(url);
        waitReady();
    }

    void waitReady() {
        page.waitForFunction("() => window.readies && readies.length > 0");
    }

    /**
     * Runs {@code action}, which makes the page load a new document (the reload after a withdrawal, say),
     * and waits until the banner is ready on the new document. Waiting for the request is not enough: the
     * old document, whose banner was ready too, stays until the answer arrives, and checks run meanwhile
     * would read it; so the old one is marked, and the wait is for an unmarked one (Playwright carries the
     * wait over to the new document).
     */
    void waitReadyOnNewDocument(Runnable action) {
        js("() => { window.oldDocument = true; }");
        action.run();
        page.waitForFunction("() => !window.oldDocument && window.readies && readies.length > 0");
    }

    /** Runs {@code action} and waits for the {@code consent4j:change} event it causes. */
    @SuppressWarnings("unchecked")
    Map<String, Object> change(Runnable action) {
        int before = ((Number) js("() => changes.length")).intValue();
        action.run();
        page.waitForFunction("n => changes.length > n", before);
        return (Map<String, Object>) js("() => changes[changes.length - 1]");
    }

    /** Waits until the page's request to {@code path} on this site has completed. */
    void waitForCompleted(String path) {
        page.waitForFunction("p => performance.getEntriesByName(location.origin + p).length > 0", path);
    }

    /** The gated scripts that ran on this page, in order. */
    @SuppressWarnings("unchecked")
    List<String> ran() {
        return (List<String>) js("() => window.ran || []");
    }

    Locator bar() {
        return page.locator(".c4j-bar");
    }

    Locator dialog() {
        return page.locator("dialog.c4j-dlg");
    }

    Locator button(Locator scope, String name) {
        return scope.getByRole(
                AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Names of cookies the page's origin holds. */
    List<String> cookieNames() {
        return context.cookies().stream().map(c -> c.name).sorted().collect(Collectors.toList());
    }

    Object js(String expression) {
        return page.evaluate(expression);
    }

    /** Fails with every WCAG 2.2 A/AA violation axe-core finds on the page as it is now. */
    void assertNoAxeViolations() {
        assertThat(Axe.violations(page)).isEmpty();
    }

    /** Writes a screenshot for people to look at, under {@code target/screenshots}. */
    void screenshot(String name) {
        Path dir = Path.of(System.getProperty("consent4j.screenshots", "target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")));
    }
}
