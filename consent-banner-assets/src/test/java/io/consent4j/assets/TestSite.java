/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.AgeBand;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.SigningKey;
import io.consent4j.core.token.SigningKeys;
import io.consent4j.servlet.BannerConfig;
import io.consent4j.servlet.ConsentEndpoint;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * A small learning site on embedded Jetty, bound to 127.0.0.1: the banner assets served from this
 * module's {@code META-INF/resources} as a jar's would be, the visitor endpoint at {@code /consent},
 * course pages at {@code /p/de} and {@code /p/en} (and {@code /p/fr} etc. for the other built-in languages,
 * German text in a page declaring that language) with gated scripts and a gated iframe, and a counter
 * that gated scripts call to prove they ran. It counts the requests of one test's browser contexts only,
 * known by the mark they add to their User-Agent ({@link #countOnly}).
 *
 * <p>Page options, as query parameters: {@code embed} embeds the endpoint's JSON as a data block (as a
 * server-rendered page would) instead of letting the script fetch it; {@code csp} adds a strict
 * Content-Security-Policy header; {@code gtag} loads a fake {@code gtag} that records its calls;
 * {@code order} adds an inline gated script between two external ones; {@code cmode} loads the endpoint's
 * {@code consent-mode.js} (the state before the script, for a page without a data block) and
 * {@code cmodeasset} the static one; {@code probe} adds an ungated first tag that records what Consent
 * Mode and the consent APIs held when it ran, and then stands in for the Meta pixel's {@code fbq}.
 */
final class TestSite {

    static final String ENDPOINT = "/consent";
    /** Starts the mark a browser test adds to its contexts' User-Agent, so that the site knows its requests. */
    static final String RUN_MARK = " consent4j-test/";

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

    private final Server server;
    private final ConsentManager manager;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    /** The end of the User-Agent of the requests {@link #hits} counts. */
    private volatile String counted = RUN_MARK;

    private final int port;

    /** The site with the policy of {@code policy.json}. */
    TestSite() throws Exception {
        this(policy());
    }

    /** The site with another policy; its pages and endpoint show that policy's texts. */
    TestSite(ConsentPolicy policy) throws Exception {
        manager = manager(policy);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        ResourceFactory resources = ResourceFactory.of(context);
        context.setBaseResource(ResourceFactory.combine(
                resources.newResource(assetRoot()), resources.newClassLoaderResource("io/consent4j/assets/www")));
        context.addServlet(new ServletHolder("assets", DefaultServlet.class), "/");
        context.addServlet(new ServletHolder("endpoint", endpoint(manager)), ENDPOINT + "/*");
        context.addServlet(new ServletHolder("pages", new PageServlet()), "/p/*");
        context.addServlet(new ServletHolder("counter", new CounterServlet()), "/counter/*");
        Filter recorder = (request, response, chain) -> {
            HttpServletRequest req = (HttpServletRequest) request;
            String agent = req.getHeader("User-Agent");
            if (agent != null && agent.endsWith(counted)) {
                hits.computeIfAbsent(req.getRequestURI(), k -> new AtomicInteger())
                        .incrementAndGet();
            }
            if (req.getParameter("csp") != null) {
                ((HttpServletResponse) response).setHeader("Content-Security-Policy", CSP);
            }
            chain.doFilter(request, response);
        };
        context.addFilter(new FilterHolder(recorder), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    /** A request header by which tests mark a visitor's age band (C28), as a site's own hook would. */
    static final String AGE_HEADER = "X-Test-Age-Band";

    /**
     * The real visitor endpoint of consent-servlet: every browser test runs against it. Plain HTTP on
     * 127.0.0.1, so the cookie is not {@code Secure}; the rate limit is raised for the test volume.
     */
    private static HttpServlet endpoint(ConsentManager manager) {
        return ConsentEndpoint.builder(manager)
                .secureCookie(false)
                .rateLimit(100_000, java.time.Duration.ofMinutes(1), 1_000)
                .ageBandResolver(request -> {
                    String band = request.getHeader(AGE_HEADER);
                    return band == null ? AgeBand.UNSPECIFIED : AgeBand.valueOf(band);
                })
                .build();
    }

    /** The learning site's policy, {@code policy.json}. */
    static ConsentPolicy policy() {
        try (InputStream in = TestSite.class.getResourceAsStream("policy.json")) {
            return ConsentPolicy.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConsentManager manager(ConsentPolicy policy) {
        ReceiptSigner signer = ReceiptSigner.generate("test");
        return ConsentManager.builder(
                        policy,
                        new CookieConsentCodec(SigningKeys.of(SigningKey.generate("k1"))),
                        new InMemoryConsentLedger(LedgerSettings.builder(signer).build()),
                        signer)
                .build();
    }

    /** {@code META-INF/resources} of whatever holds the script: this module's classes or its jar. */
    private static URI assetRoot() throws URISyntaxException {
        URL script = BannerAssets.class.getClassLoader().getResource(BannerAssets.SCRIPT_RESOURCE);
        if (script == null) {
            throw new IllegalStateException(BannerAssets.SCRIPT_RESOURCE + " is not on the class path");
        }
        String url = script.toString();
        return new URI(url.substring(0, url.length() - BannerAssets.SCRIPT_PATH.length() + 1));
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** A page on this site, such as {@code page("de", "embed", "csp")}. */
    String page(String lang, String... options) {
        return origin() + "/p/" + lang + (options.length == 0 ? "" : "?" + String.join("&", options));
    }

    /** The same site under another origin, so the browser treats it as a third party. */
    String thirdPartyOrigin() {
        return "http://localhost:" + port;
    }

    /**
     * From now on counts only the requests whose User-Agent ends with {@code mark}, from zero: those of
     * one test's browser contexts.
     */
    void countOnly(String mark) {
        counted = mark;
        hits.clear();
    }

    /** How often {@code path} was requested by the contexts counted, since they were or the counts reset. */
    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** Counts from zero again, for the same contexts. */
    void resetHits() {
        hits.clear();
    }

    void stop() throws Exception {
        server.stop();
    }

    private final class PageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String lang = req.getPathInfo() == null ? "de" : req.getPathInfo().substring(1);
            boolean de = !lang.equals("en");
            // Pages of the other built-in languages keep the German course text but declare their own
            // language, which the banner speaks.
            String pageLang = BannerText.BUILT_IN_LANGUAGES.contains(lang) ? lang : "de";
            String config = "";
            if (req.getParameter("embed") != null) {
                config = BannerConfig.dataBlock(manager, req, lang, ENDPOINT) + "\n";
            }
            String gtag = req.getParameter("gtag") == null ? "" : """
                    <script src="/test/fake-gtag.js"></script>
                    """;
            String consentMode = (req.getParameter("cmode") == null
                            ? ""
                            : "<script src=\"" + ENDPOINT + "/consent-mode.js\"></script>\n")
                    + (req.getParameter("cmodeasset") == null
                            ? ""
                            : "<script src=\"" + BannerAssets.CONSENT_MODE_PATH + "\"></script>\n")
                    + (req.getParameter("probe") == null ? "" : "<script src=\"/test/first-tag.js\"></script>\n");
            String tag = req.getParameter("gtag") == null ? "" : """
                    <script type="text/plain" data-consent="analytics" data-src="/test/gtag-event.js"></script>
                    """;
            String order = req.getParameter("order") == null ? "" : """
                    <script type="text/plain" data-consent="analytics" data-src="/test/order-a.js"></script>
                    <script type="text/plain" data-consent="analytics">(window.order = window.order || []).push('b');</script>
                    <script type="text/plain" data-consent="analytics" data-src="/test/order-c.js"></script>
                    """;
            String html = """
                    <!doctype html>
                    <html lang="%LANG%">
                    <head>
                    <meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>%TITLE%</title>
                    %CONFIG%%GTAG%%CMODE%<script src="%ASSETS%/consent.js" data-endpoint="%ENDPOINT%"></script>
                    <link rel="stylesheet" href="%ASSETS%/consent.css">
                    <link rel="stylesheet" href="/test/site.css">
                    <script src="/test/site.js"></script>
                    %TAG%<script type="text/plain" data-consent="analytics" data-service="matomo" data-src="/test/analytics.js"></script>
                    <script type="text/plain" data-consent="analytics" data-service="heatmap" src="/test/heatmap.js"></script>
                    <script type="text/plain" data-consent="marketing" data-service="ads" data-src="/test/marketing.js" async></script>
                    %ORDER%</head>
                    <body>
                    <header><nav><a href="/p/%LANG%">%HOME%</a></nav></header>
                    <main>
                    <h1>%TITLE%</h1>
                    <p>%INTRO%</p>
                    <p><button id="lesson" type="button" data-done="%DONE%">%START%</button></p>
                    <iframe data-consent-src="%THIRD%/test/video.html" data-consent="functional" data-service="video" title="%VIDEO%"></iframe>
                    </main>
                    <footer><p><a href="/p/%LANG%#settings" id="reopen" data-consent-open>%REOPEN%</a>
                    <button type="button" id="withdraw" data-consent-withdraw>%WITHDRAW%</button></p></footer>
                    </body>
                    </html>
                    """.replace("%CONFIG%", config)
                    .replace("%GTAG%", gtag)
                    .replace("%CMODE%", consentMode)
                    .replace("%TAG%", tag)
                    .replace("%ORDER%", order)
                    .replace("%ASSETS%", BannerAssets.BASE_PATH)
                    .replace("%ENDPOINT%", ENDPOINT)
                    .replace("%THIRD%", thirdPartyOrigin())
                    .replace("%LANG%", pageLang)
                    .replace("%TITLE%", de ? "Kurs: Einführung in die Statistik" : "Course: Introduction to statistics")
                    .replace("%HOME%", de ? "Startseite" : "Home")
                    .replace(
                            "%INTRO%",
                            de
                                    ? "In dieser Lektion lernen Sie Mittelwert, Median und Streuung kennen."
                                    : "In this lesson you learn about mean, median and spread.")
                    .replace("%START%", de ? "Lektion starten" : "Start lesson")
                    .replace("%DONE%", de ? "Lektion läuft" : "Lesson running")
                    .replace("%VIDEO%", de ? "Kursvideo" : "Course video")
                    .replace("%REOPEN%", de ? "Cookie-Einstellungen" : "Cookie settings")
                    .replace("%WITHDRAW%", de ? "Einwilligung widerrufen" : "Withdraw consent");
            resp.setContentType("text/html");
            resp.setCharacterEncoding("UTF-8");
            resp.setHeader("Cache-Control", "no-store");
            resp.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Answers 204 to the pings the page's gated scripts send once they run. */
    static final class CounterServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
            // The filter has counted the request already.
            resp.setStatus(204);
        }
    }
}
