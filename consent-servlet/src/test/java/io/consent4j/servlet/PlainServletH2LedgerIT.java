/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ConsentManager;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain servlet app on the embedded H2 file ledger: choices survive a restart (C21). */
class PlainServletH2LedgerIT {

    @TempDir
    Path dir;

    private record Running(Server server, int port, ConsentManager manager) {}

    private Running start(Path file) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(ConsentServletSetup.COOKIE_KEYS, "k1:" + Base64.getEncoder().encodeToString(Fixtures.secret()));
        config.put(ConsentServletSetup.RECEIPT_KEY, Site.SIGNER.privateKeyBase64());
        config.put(ConsentServletSetup.LEDGER, "h2:" + file);
        config.put(ConsentServletSetup.COOKIE_SECURE, "false");
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
                manager.get().ledger().close();
            }
        });
        server.setHandler(context);
        server.start();
        return new Running(server, connector.getLocalPort(), manager.get());
    }

    @Test
    void choicesRecordedInTheH2FileSurviveARestart_C21() throws Exception {
        Path file = dir.resolve("consent-ledger");
        Running first = start(file);
        HttpResponse<String> posted;
        try {
            String origin = "http://127.0.0.1:" + first.port();
            posted = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(origin + "/consent"))
                                    .header("Content-Type", "application/json")
                                    .header("Origin", origin)
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"accept_all\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } finally {
            first.server().stop();
        }
        assertThat(posted.statusCode()).isEqualTo(200);

        Running second = start(file);
        try {
            assertThat(second.manager().ledger().verify().records()).isEqualTo(1);
            assertThat(second.manager().ledger().verify().ok()).isTrue();
        } finally {
            second.server().stop();
        }
    }
}
