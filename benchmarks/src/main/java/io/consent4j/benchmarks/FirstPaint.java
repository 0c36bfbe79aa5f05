/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.WaitUntilState;
import io.consent4j.benchmarks.FirstPaintProxy.Markup;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When the banner becomes visible, against the page's own first contentful paint, on a throttled slow-4G
 * network, in Chromium with a fresh context per load. Variants of one page of a running site (the
 * learning site by default), loaded in turn, round after round, all through a {@link FirstPaintProxy}
 * that rewrites consent4j's head markup:
 *
 * <ul>
 *   <li>{@code BANNER}: a first visit; the page with the server-rendered banner;
 *   <li>{@code NO_BANNER}: a visitor who has chosen (a consent cookie from a "reject all" post), so the
 *       page carries the head markup but no banner;
 *   <li>{@code NO_ASSETS}: the same without {@code consent.js} and {@code consent.css}, so the difference
 *       to {@code NO_BANNER} is what the two files cost the page's own first paint;
 *   <li>{@code DEFERRED}: the same with, in the script's place, a plain {@code <script defer>} of as many
 *       bytes as {@code consent.js}: the reference "as little as a deferred script";
 *   <li>experiments with the head markup changed in the proxy only, each on a first visit and chosen:
 *       {@code DEFER_JS} ({@code consent.js} deferred), {@code INLINE_CSS} (deferred, and
 *       {@code consent.css} in a {@code <style>}), {@code PRELOAD_CSS} (deferred, the stylesheet preloaded
 *       in the head and linked at the end of the body).
 * </ul>
 *
 * <p>Prints the quartiles of first contentful paint, of the banner's visibility (the first animation
 * frame in which the first layer is laid out as a fixed box, that is with its stylesheet), and of the
 * ratios within each round. Usage: {@code FirstPaint [url] [rounds]}; default {@code
 * http://127.0.0.1:8080/kurse/bruchrechnung} and 15 rounds; the environment variable {@code VARIANTS}
 * (comma-separated names) runs a subset. Not run by {@code verify}.
 */
public final class FirstPaint {

    /** Lighthouse's slow 4G: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
    static final double LATENCY_MS = 150;

    static final double DOWN_BYTES_PER_S = 1.6 * 1024 * 1024 / 8;
    static final double UP_BYTES_PER_S = 750 * 1024 / 8.0;

    enum Variant {
        BANNER(true, Markup.AS_SERVED),
        NO_BANNER(false, Markup.AS_SERVED),
        NO_ASSETS(false, Markup.NONE),
        DEFERRED(false, Markup.SAME_SIZE_DEFERRED),
        DEFER_JS_BANNER(true, Markup.DEFER_JS),
        DEFER_JS(false, Markup.DEFER_JS),
        INLINE_CSS_BANNER(true, Markup.DEFER_JS_INLINE_CSS),
        INLINE_CSS(false, Markup.DEFER_JS_INLINE_CSS),
        PRELOAD_CSS_BANNER(true, Markup.DEFER_JS_PRELOAD_CSS),
        PRELOAD_CSS(false, Markup.DEFER_JS_PRELOAD_CSS);

        final boolean firstVisit;
        final Markup markup;

        Variant(boolean firstVisit, Markup markup) {
            this.firstVisit = firstVisit;
            this.markup = markup;
        }
    }

    private static final String WATCH = "(() => { (function poll() { const b = document.querySelector('.c4j-bar');"
            + " if (b && getComputedStyle(b).position === 'fixed' && b.getBoundingClientRect().height > 0)"
            + " { window.__bannerAt = performance.now(); return; }"
            + " requestAnimationFrame(poll); })();"
            + " new PerformanceObserver(l => { for (const e of l.getEntries()) if (e.identifier === 'c4j')"
            + " window.__bannerPaint = e.renderTime; }).observe({type: 'element', buffered: true}); })();";

    private FirstPaint() {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/kurse/bruchrechnung";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        EnumSet<Variant> variants = variants(System.getenv("VARIANTS"));
        Map<Variant, List<double[]>> results = new EnumMap<>(Variant.class);
        URI site = URI.create(url);
        String path = site.getRawPath() + (site.getRawQuery() == null ? "" : "?" + site.getRawQuery());
        int[] sizes;
        // The system Chromium, as the browser tests use it: Playwright downloads none of its own.
        try (FirstPaintProxy proxy = new FirstPaintProxy(site.resolve("/"));
                Playwright playwright = Playwright.create(
                        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            sizes = proxy.learnAssets(path);
            String proxied = proxy.origin() + path;
            Browser browser =
                    playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of(chromium)));
            List<Cookie> chosen = chosenCookie(browser, url, proxy.origin());
            load(browser, proxied, Variant.BANNER, chosen); // warms the server and the disk cache of the site
            for (int round = 0; round < rounds; round++) {
                for (Variant variant : variants) {
                    results.computeIfAbsent(variant, v -> new ArrayList<>())
                            .add(load(browser, proxied, variant, chosen));
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s, slow 4G (%.0f ms RTT, 1.6 Mbit/s), %d rounds; consent.js %d B, consent.css %d B%n",
                url,
                LATENCY_MS,
                rounds,
                sizes[0],
                sizes[1]);
        new FirstPaintReport(results).print();
    }

    private static EnumSet<Variant> variants(String names) {
        if (names == null || names.isBlank()) {
            return EnumSet.allOf(Variant.class);
        }
        EnumSet<Variant> chosen = EnumSet.noneOf(Variant.class);
        for (String name : names.split(",")) {
            chosen.add(Variant.valueOf(name.trim()));
        }
        return chosen;
    }

    /** The cookies of a "reject all" post to the site, sent to the proxy's origin. */
    private static List<Cookie> chosenCookie(Browser browser, String url, String proxyOrigin) {
        try (BrowserContext context = browser.newContext()) {
            String origin = url.replaceFirst("^(https?://[^/]+).*$", "$1");
            context.request()
                    .post(
                            origin + "/consent",
                            RequestOptions.create()
                                    .setHeader("Origin", origin)
                                    .setForm(FormData.create()
                                            .set("action", "reject_all")
                                            .set("return", "/")));
            List<Cookie> cookies = context.cookies();
            if (cookies.stream().noneMatch(c -> c.name.equals("consent4j"))) {
                throw new IllegalStateException("the site set no consent cookie for a 'reject all' post");
            }
            return cookies.stream()
                    .map(c -> new Cookie(c.name, c.value).setUrl(proxyOrigin))
                    .toList();
        }
    }

    private static double[] load(Browser browser, String url, Variant variant, List<Cookie> chosen) {
        try (BrowserContext context = browser.newContext()) {
            if (!variant.firstVisit) {
                context.addCookies(chosen);
            }
            context.setExtraHTTPHeaders(Map.of(FirstPaintProxy.HEADER, variant.markup.name()));
            Page page = context.newPage();
            CDPSession cdp = context.newCDPSession(page);
            JsonObject network = new JsonObject();
            network.addProperty("offline", false);
            network.addProperty("latency", LATENCY_MS);
            network.addProperty("downloadThroughput", DOWN_BYTES_PER_S);
            network.addProperty("uploadThroughput", UP_BYTES_PER_S);
            cdp.send("Network.enable");
            cdp.send("Network.emulateNetworkConditions", network);
            page.addInitScript(WATCH);
            // Both times come before the load event, which on slow 4G waits for every image of the page.
            page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            page.waitForFunction("() => performance.getEntriesByName('first-contentful-paint').length > 0");
            if (variant.firstVisit) {
                page.waitForFunction("() => window.__bannerAt !== undefined && window.__bannerPaint !== undefined");
            }
            double fcp = ((Number)
                            page.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime"))
                    .doubleValue();
            double banner =
                    variant.firstVisit ? ((Number) page.evaluate("() => window.__bannerAt")).doubleValue() : Double.NaN;
            double painted = variant.firstVisit
                    ? ((Number) page.evaluate("() => window.__bannerPaint")).doubleValue()
                    : Double.NaN;
            return new double[] {fcp, banner, painted};
        }
    }
}
