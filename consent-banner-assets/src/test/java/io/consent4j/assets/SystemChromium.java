/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The system Chromium through Playwright, the one way every browser test of the project launches it:
 * Playwright never downloads a browser, and the flags keep Chromium off the closed network. Shipped in
 * this module's test jar for the examples' browser tests.
 */
public final class SystemChromium {

    /** Where Debian's {@code chromium} package installs the browser. */
    public static final Path PATH = Path.of("/usr/bin/chromium");

    private static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private SystemChromium() {}

    /**
     * Skips the calling test with a message when Chromium is missing, or fails it when
     * {@code CONSENT4J_E2E=required} says the run must not skip (as in CI).
     */
    public static void requireOrSkip() {
        if (!Files.isExecutable(PATH)) {
            String message = "Chromium is not installed at " + PATH + " (apt-get install -y chromium)";
            if ("required".equals(System.getenv("CONSENT4J_E2E"))) {
                Assertions.fail(message + ", and CONSENT4J_E2E=required");
            }
            Assumptions.abort("Skipping the browser tests: " + message);
        }
    }

    /**
     * How long Playwright's assertions ({@code assertThat(locator).isVisible()} and the like) wait for the
     * state they expect: instead of Playwright's 5 s, as long as its actions and {@code waitFor...} calls
     * wait (see {@link #newContext}), so that only a page that never gets there fails, not one on a busy machine.
     */
    public static final double ASSERTION_TIMEOUT_MILLIS = 60_000;

    /**
     * A browser context whose actions, {@code waitFor...} calls and navigations wait as long as the
     * assertions do: a bound that only ends a hang, never one a page must beat on a busy machine.
     */
    public static BrowserContext newContext(Browser browser, Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options);
        context.setDefaultTimeout(ASSERTION_TIMEOUT_MILLIS);
        context.setDefaultNavigationTimeout(ASSERTION_TIMEOUT_MILLIS);
        return context;
    }

    /**
     * A Playwright driver that never downloads browsers of its own; sets the assertions' timeout to
     * {@link #ASSERTION_TIMEOUT_MILLIS} for the whole JVM.
     */
    public static Playwright playwright() {
        PlaywrightAssertions.setDefaultAssertionTimeout(ASSERTION_TIMEOUT_MILLIS);
        return Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Headless system Chromium with the project's flags. */
    public static Browser launch(Playwright playwright) {
        return launch(playwright, List.of());
    }

    /**
     * Headless system Chromium with the project's flags and {@code extraArgs}, such as
     * {@code --host-resolver-rules=MAP *.lernen.test 127.0.0.1} for tests on several host names.
     */
    public static Browser launch(Playwright playwright, List<String> extraArgs) {
        List<String> args = new java.util.ArrayList<>(ARGS);
        args.addAll(extraArgs);
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(PATH)
                        .setHeadless(true)
                        .setArgs(args));
    }
}
