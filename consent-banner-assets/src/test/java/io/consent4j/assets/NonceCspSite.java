/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import io.consent4j.servlet.ConsentAssembly;
import io.consent4j.servlet.ConsentServletSetup;
import io.consent4j.servlet.HeadMarkup;
import io.consent4j.servlet.NoScriptBanner;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * A plain-servlet site on Jetty (127.0.0.1) whose every response has a nonce-based
 * Content-Security-Policy: consent4j installed by {@link ConsentServletSetup} from parameters, a page at
 * {@code /p} written with {@link HeadMarkup#render} and {@link NoScriptBanner#render}, and a filter that
 * makes a fresh nonce per request and puts it in the request attribute {@value #NONCE_ATTRIBUTE}. The
 * site names that attribute in {@code consent4j.csp.nonce-attribute} or, to show what happens without
 * it, does not.
 */
final class NonceCspSite {

    static final String NONCE_ATTRIBUTE = "cspNonce";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Server server;
    private final int port;

    NonceCspSite(boolean nonceAttributeNamed) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(ConsentServletSetup.DEV_MODE, "true");
        config.put(ConsentServletSetup.LEDGER_STORE, "memory");
        config.put(ConsentServletSetup.COOKIE_SECURE, "false");
        if (nonceAttributeNamed) {
            config.put(ConsentServletSetup.CSP_NONCE_ATTRIBUTE, NONCE_ATTRIBUTE);
        }
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        AtomicReference<ConsentAssembly> consent = new AtomicReference<>();
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                consent.set(ConsentServletSetup.builder()
                        .policy(TestSite.policy())
                        .configuration(config)
                        .install(event.getServletContext()));
            }

            @Override
            public void contextDestroyed(ServletContextEvent event) {
                consent.get().close();
            }
        });
        ResourceFactory resources = ResourceFactory.of(context);
        context.setBaseResource(ResourceFactory.combine(
                resources.newResource(assetRoot()), resources.newClassLoaderResource("io/consent4j/assets/www")));
        context.addServlet(new ServletHolder("assets", DefaultServlet.class), "/");
        context.addServlet(new ServletHolder("page", new PageServlet()), "/p");
        context.addServlet(new ServletHolder("counter", new TestSite.CounterServlet()), "/counter/*");
        Filter csp = (request, response, chain) -> {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            String nonce = Base64.getEncoder().encodeToString(bytes);
            request.setAttribute(NONCE_ATTRIBUTE, nonce);
            ((HttpServletResponse) response)
                    .setHeader(
                            "Content-Security-Policy",
                            "script-src 'nonce-" + nonce + "' 'strict-dynamic'; style-src 'self';"
                                    + " object-src 'none'; base-uri 'none'");
            chain.doFilter(request, response);
        };
        context.addFilter(new FilterHolder(csp), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    /** {@code META-INF/resources} of whatever holds the script: this module's classes or its jar. */
    private static URI assetRoot() throws Exception {
        URL script = BannerAssets.class.getClassLoader().getResource(BannerAssets.SCRIPT_RESOURCE);
        String url = script.toString();
        return new URI(url.substring(0, url.length() - BannerAssets.SCRIPT_PATH.length() + 1));
    }

    String page() {
        return "http://127.0.0.1:" + port + "/p";
    }

    void close() throws Exception {
        server.stop();
    }

    /** A course page as a JSP would write it: the head markup, a gated script, the banner, a settings link. */
    private static final class PageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            NoScriptBanner banner = NoScriptBanner.installed(req);
            String html = "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\">"
                    + "<link rel=\"icon\" href=\"data:,\"><title>Kurs</title>"
                    + HeadMarkup.render(req, "de")
                    + "<script type=\"text/plain\" data-consent=\"analytics\" data-service=\"matomo\""
                    + " data-src=\"/test/analytics.js\"></script>"
                    + "</head><body>"
                    + banner.html(req, "de")
                    + "<main><h1>Kurs</h1></main><footer><a href=\""
                    + banner.settingsUrl(req, "de").replace("&", "&amp;")
                    + "\" data-consent-open>Cookie-Einstellungen</a></footer></body></html>";
            resp.setContentType("text/html");
            resp.setCharacterEncoding("UTF-8");
            resp.setHeader("Cache-Control", "no-store");
            resp.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
        }
    }
}
