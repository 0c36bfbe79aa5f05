/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A plain servlet app on a real Jetty (127.0.0.1, a free port), set up the documented way: a context
 * listener calls {@link ConsentServletSetup} with the test policy and closes the ledger when the context
 * stops. Closing the site stops the server.
 */
final class PlainServletSite implements AutoCloseable {

    private final Server server;
    private final int port;
    private final ConsentManager manager;

    private PlainServletSite(Server server, int port, ConsentManager manager) {
        this.server = server;
        this.port = port;
        this.manager = manager;
    }

    /** The keys every site needs, the ledger {@code ledger}, and cookies without Secure for plain HTTP. */
    static Map<String, String> config(String ledger) {
        Map<String, String> config = new HashMap<>();
        config.put(ConsentServletSetup.COOKIE_KEYS, "k1:" + Base64.getEncoder().encodeToString(Fixtures.secret()));
        config.put(ConsentServletSetup.RECEIPT_KEY, Site.SIGNER.privateKeyBase64());
        config.put(ConsentServletSetup.LEDGER, ledger);
        config.put(ConsentServletSetup.COOKIE_SECURE, "false");
        return config;
    }

    /** Starts the site; throws what the setup threw when it refuses the configuration. */
    static PlainServletSite start(Map<String, String> config) throws Exception {
        AtomicReference<ConsentManager> manager = new AtomicReference<>();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                manager.set(ConsentServletSetup.builder()
                        .policy(Fixtures.POLICY)
                        .configuration(config)
                        .install(event.getServletContext()));
            }

            @Override
            public void contextDestroyed(ServletContextEvent event) {
                if (manager.get() != null) {
                    manager.get().ledger().close();
                }
            }
        });
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new PlainServletSite(server, connector.getLocalPort(), manager.get());
    }

    ConsentManager manager() {
        return manager;
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
}
