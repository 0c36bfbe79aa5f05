/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A plain servlet app on a real Jetty (127.0.0.1, a free port), set up the documented way: a context
 * listener calls {@link ConsentServletSetup} with the test policy and closes the assembly (its retention job
 * and its ledger) when the context stops. Closing the site stops the server. A page at {@code /tracker/*}
 * sets two cookies the policy does not declare, {@value #TRACKER_COOKIE} and {@code _fbp}, with the values
 * {@value #TRACKER_VALUE} and {@code fbp-value-never-kept}.
 */
final class PlainServletSite implements AutoCloseable {

    static final String TRACKER_COOKIE = "_hjSessionUser_123";
    static final String TRACKER_VALUE = "hj-value-never-kept";

    private final Server server;
    private final int port;
    private final ConsentAssembly assembly;

    private PlainServletSite(Server server, int port, ConsentAssembly assembly) {
        this.server = server;
        this.port = port;
        this.assembly = assembly;
    }

    /** The keys every site needs, and cookies without Secure for plain HTTP; no ledger yet. */
    static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put(ConsentServletSetup.COOKIE_KEYS, "k1:" + Base64.getEncoder().encodeToString(Fixtures.secret()));
        config.put(ConsentServletSetup.RECEIPT_KEY, Site.SIGNER.privateKeyBase64());
        config.put(ConsentServletSetup.COOKIE_SECURE, "false");
        return config;
    }

    /** {@link #config()} with the ledger in the H2 file {@code file}. */
    static Map<String, String> h2(Path file) {
        Map<String, String> config = config();
        config.put(ConsentServletSetup.LEDGER_STORE, "h2");
        config.put(ConsentServletSetup.LEDGER_PATH, file.toString());
        return config;
    }

    /** {@link #config()} with the ledger on the container's DataSource named {@code name}, creating its tables. */
    static Map<String, String> jndi(String name) {
        Map<String, String> config = config();
        config.put(ConsentServletSetup.LEDGER_STORE, "jndi");
        config.put(ConsentServletSetup.LEDGER_JNDI_NAME, name);
        config.put(ConsentServletSetup.LEDGER_INITIALIZE_SCHEMA, "always");
        return config;
    }

    /** Starts the site; throws what the setup threw when it refuses the configuration. */
    static PlainServletSite start(Map<String, String> config) throws Exception {
        AtomicReference<ConsentAssembly> assembly = new AtomicReference<>();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                assembly.set(ConsentServletSetup.builder()
                        .policy(Fixtures.POLICY)
                        .configuration(config)
                        .install(event.getServletContext()));
            }

            @Override
            public void contextDestroyed(ServletContextEvent event) {
                if (assembly.get() != null) {
                    assembly.get().close();
                }
            }
        });
        context.addServlet(TrackerPage.class, "/tracker/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new PlainServletSite(server, connector.getLocalPort(), assembly.get());
    }

    ConsentManager manager() {
        return assembly.manager();
    }

    int port() {
        return port;
    }

    /** A GET of {@code pathAndQuery} with the given headers. */
    HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A first visitor's "accept all", posted as the banner script does. */
    HttpResponse<String> acceptAll() throws Exception {
        return acceptAll(port);
    }

    /** A first visitor's "accept all" to a site on 127.0.0.1:{@code port}, posted as the banner script does. */
    static HttpResponse<String> acceptAll(int port) throws Exception {
        String origin = "http://127.0.0.1:" + port;
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(origin + "/consent"))
                                .header("Content-Type", "application/json")
                                .header("Origin", origin)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"accept_all\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }

    /** A page that sets two cookies the policy does not declare. */
    public static final class TrackerPage extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.addCookie(new Cookie(TRACKER_COOKIE, TRACKER_VALUE));
            response.addHeader("Set-Cookie", "_fbp=fbp-value-never-kept; Path=/");
            response.setContentType("text/plain");
            response.getWriter().write("tracked");
        }
    }
}
