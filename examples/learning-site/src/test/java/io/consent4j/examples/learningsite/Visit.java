/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.Cookie;
import io.consent4j.assets.Axe;
import io.consent4j.assets.SystemChromium;
import io.consent4j.core.policy.BannerText;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One visitor on one site, coming {@link Way one way}: a fresh browser profile that notes every request
 * to another host (C1), with the steps of the visitor's way written once for both the script and the
 * no-script banner.
 */
final class Visit implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final PresetSites.Site site;
    final Way way;
    private final BrowserSupport chromium;
    final BrowserContext context;
    final Page page;
    final Map<BannerText, String> t;
    final List<String> foreignRequests;
    private final boolean owner;

    Visit(PresetSites.Site site, Way way, Map<String, String> headers) {
        BrowserSupport chromium = PresetSites.chromium();
        this.site = site;
        this.way = way;
        this.chromium = chromium;
        this.t = site.policy().texts(way.lang());
        this.foreignRequests = new CopyOnWriteArrayList<>();
        this.owner = true;
        this.context = SystemChromium.newContext(
                chromium.browser,
                new Browser.NewContextOptions()
                        .setJavaScriptEnabled(way.script())
                        .setLocale(way.lang().equals("de") ? "de-DE" : "en-GB")
                        .setExtraHTTPHeaders(headers)
                        .setViewportSize(1280, 800));
        context.onRequest(request -> {
            URI uri = URI.create(request.url());
            if (uri.getScheme().startsWith("http") && !"127.0.0.1".equals(uri.getHost())) {
                foreignRequests.add(request.url());
            }
        });
        this.page = BrowserSupport.page(context);
    }

    Visit(PresetSites.Site site, Way way) {
        this(site, way, Map.of());
    }

    private Visit(Visit from, PresetSites.Site other) {
        this.site = other;
        this.way = from.way;
        this.chromium = from.chromium;
        this.t = other.policy().texts(way.lang());
        this.context = from.context;
        this.page = from.page;
        this.foreignRequests = from.foreignRequests;
        this.owner = false;
    }

    /** The same visitor, browser and cookies on {@code other} (cookies do not tell ports apart). */
    Visit on(PresetSites.Site other) {
        return new Visit(this, other);
    }

    String url(String path) {
        return site.base() + path + (path.contains("?") ? "&" : "?") + "lang=" + way.lang();
    }

    /** Opens {@code path} in the visitor's language, and with script waits until the banner is ready. */
    void open(String path) {
        page.navigate(url(path));
        if (way.script()) {
            page.waitForFunction("() => window.readies && readies.length > 0");
        }
    }

    Locator bar() {
        return page.locator(".c4j-bar");
    }

    Locator button(Locator scope, BannerText key) {
        return BrowserSupport.button(scope, t.get(key));
    }

    /** One click on the first layer's {@code key} ("accept all", "reject all"), and its result in place. */
    void firstLayer(BannerText key) {
        Locator control = button(bar(), key);
        if (way.script()) {
            BrowserSupport.change(page, control::click);
        } else {
            String before = page.url();
            control.click();
            page.waitForURL(before);
            assertThat(bar()).hasCount(0);
        }
    }

    /** The settings layer opened by {@code opener}: the dialog with script, the settings page without. */
    Locator settings(Locator opener) {
        opener.click();
        Locator layer = way.script() ? page.locator("dialog.c4j-dlg") : page.locator("main.c4j-page");
        assertThat(layer).isVisible();
        layer.locator("details").evaluateAll("ds => ds.forEach(d => d.open = true)");
        return layer;
    }

    /** Clicks {@code key} on the settings layer, and waits for the choice to be recorded. */
    void decide(Locator layer, BannerText key) {
        Locator control = button(layer, key);
        if (way.script()) {
            BrowserSupport.change(page, control::click);
        } else {
            control.click();
            page.waitForURL(u -> !u.contains("/consent/settings"));
        }
    }

    /** The state {@code GET /consent} gives this visitor now. */
    JsonNode state() {
        return JSON.readTree(context.request().get(site.base() + "/consent").text())
                .path("state");
    }

    List<String> cookieNames() {
        return BrowserSupport.cookieNames(context);
    }

    Optional<Cookie> cookie(String name) {
        return context.cookies().stream().filter(c -> c.name.equals(name)).findFirst();
    }

    /** The stand-in tags that ran; always none without script. */
    List<String> ran() {
        return way.script() ? BrowserSupport.ran(page) : List.of();
    }

    /**
     * Every WCAG 2.2 A/AA violation axe-core finds on the page as it is now (C12), one line each. axe needs
     * script to run; without script it checks the same page in a twin profile that has the visitor's
     * cookies, loads no script at all and shows {@code <noscript>} content, as the visitor sees it.
     */
    List<String> axeViolations() {
        if (way.script()) {
            return Axe.violationsInTopFrame(page);
        }
        try (BrowserContext twin = SystemChromium.newContext(
                chromium.browser,
                new Browser.NewContextOptions()
                        .setLocale(way.lang().equals("de") ? "de-DE" : "en-GB")
                        .setViewportSize(1280, 800))) {
            twin.addCookies(context.cookies());
            twin.route("**/*", route -> {
                if (route.request().resourceType().equals("script")) {
                    route.abort();
                } else if (route.request().isNavigationRequest()) {
                    APIResponse original = route.fetch();
                    String html = original.text().replaceAll("(?i)</?noscript>", "");
                    route.fulfill(
                            new Route.FulfillOptions().setResponse(original).setBody(html));
                } else {
                    route.resume();
                }
            });
            Page same = twin.newPage();
            same.navigate(page.url());
            return Axe.violationsInTopFrame(same);
        }
    }

    @Override
    public void close() {
        if (owner) {
            context.close();
        }
    }
}
