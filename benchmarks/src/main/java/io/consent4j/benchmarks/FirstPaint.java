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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When the banner becomes visible, against the page's own first contentful paint, on a throttled slow-4G
 * network, in Chromium with a fresh context per load. Three variants of one page of a running site
 * (the learning site by default), loaded in turn, round after round:
 *
 * <ul>
 *   <li>{@code banner}: a first visit; the page with the server-rendered banner;
 *   <li>{@code noBanner}: a visitor who has chosen (a consent cookie from a "reject all" post), so the
 *       page carries the head markup but no banner;
 *   <li>{@code noAssets}: the same, with {@code consent.js} and {@code consent.css} blocked, so the
 *       difference to {@code noBanner} is what the two files cost the page's own first paint.
 * </ul>
 *
 * <p>Prints the median and the quartiles of first contentful paint, of the banner's visibility (the first
 * animation frame in which the first layer is laid out as a fixed box, that is with its stylesheet), and
 * of the ratios. Usage: {@code FirstPaint [url] [rounds]}; default {@code
 * http://127.0.0.1:8080/kurse/bruchrechnung} and 15 rounds. Not run by {@code verify}.
 */
public final class FirstPaint {

    /** Lighthouse's slow 4G: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
    static final double LATENCY_MS = 150;

    static final double DOWN_BYTES_PER_S = 1.6 * 1024 * 1024 / 8;
    static final double UP_BYTES_PER_S = 750 * 1024 / 8.0;

    enum Variant {
        BANNER,
        NO_BANNER,
        NO_ASSETS
    }

    private static final String WATCH = "(() => { (function poll() { const b = document.querySelector('.c4j-bar');"
            + " if (b && getComputedStyle(b).position === 'fixed' && b.getBoundingClientRect().height > 0)"
            + " { window.__bannerAt = performance.now(); return; }"
            + " requestAnimationFrame(poll); })(); })();";

    private FirstPaint() {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/kurse/bruchrechnung";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        Map<Variant, List<double[]>> results = new EnumMap<>(Variant.class);
        // The system Chromium, as the browser tests use it: Playwright downloads none of its own.
        try (Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser =
                    playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of(chromium)));
            List<Cookie> chosen = chosenCookie(browser, url);
            load(browser, url, Variant.BANNER, chosen); // warms the server and the disk cache of the site
            for (int round = 0; round < rounds; round++) {
                for (Variant variant : Variant.values()) {
                    results.computeIfAbsent(variant, v -> new ArrayList<>()).add(load(browser, url, variant, chosen));
                }
            }
        }
        double[] fcpBanner = column(results.get(Variant.BANNER), 0);
        double[] visible = column(results.get(Variant.BANNER), 1);
        double[] fcpNoBanner = column(results.get(Variant.NO_BANNER), 0);
        double[] fcpNoAssets = column(results.get(Variant.NO_ASSETS), 0);
        System.out.printf(Locale.ROOT, "%s, slow 4G (%.0f ms RTT, 1.6 Mbit/s), %d rounds%n", url, LATENCY_MS, rounds);
        System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s%n", "", "p25", "median", "p75");
        row("FCP, first visit (banner) [ms]", fcpBanner);
        row("banner visible, first visit [ms]", visible);
        row("FCP, chosen (no banner) [ms]", fcpNoBanner);
        row("FCP, chosen, consent.js/css blocked [ms]", fcpNoAssets);
        row("banner visible / FCP no banner (per round)", ratio(visible, fcpNoBanner));
        row("banner visible / FCP same page (per round)", ratio(visible, fcpBanner));
        row("FCP no banner / FCP no assets (per round)", ratio(fcpNoBanner, fcpNoAssets));
    }

    private static List<Cookie> chosenCookie(Browser browser, String url) {
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
            return cookies;
        }
    }

    private static double[] load(Browser browser, String url, Variant variant, List<Cookie> chosen) {
        try (BrowserContext context = browser.newContext()) {
            if (variant != Variant.BANNER) {
                context.addCookies(chosen);
            }
            if (variant == Variant.NO_ASSETS) {
                context.route(u -> u.endsWith("/consent.js") || u.endsWith("/consent.css"), route -> route.abort());
            }
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
            page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.LOAD));
            page.waitForFunction("() => performance.getEntriesByName('first-contentful-paint').length > 0");
            if (variant == Variant.BANNER) {
                page.waitForFunction("() => window.__bannerAt !== undefined");
            }
            double fcp = ((Number)
                            page.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime"))
                    .doubleValue();
            double banner = variant == Variant.BANNER
                    ? ((Number) page.evaluate("() => window.__bannerAt")).doubleValue()
                    : Double.NaN;
            return new double[] {fcp, banner};
        }
    }

    private static double[] column(List<double[]> rows, int index) {
        return rows.stream().mapToDouble(r -> r[index]).toArray();
    }

    private static double[] ratio(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / b[i];
        }
        return out;
    }

    private static void row(String label, double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-44s %9.2f %9.2f %9.2f%n",
                label,
                quantile(sorted, 0.25),
                quantile(sorted, 0.5),
                quantile(sorted, 0.75));
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
