/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcDialect;
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
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.plus.jndi.Resource;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain servlet app whose ledger is the container's {@code DataSource}, found through JNDI
 * ({@code consent4j.ledger=jndi:<name>}) as Jetty's JNDI binds it: choices are recorded there, and
 * what is missing or wrong fails the start with a message that says how to fix it.
 */
class PlainServletJndiLedgerIT {

    private static final String NAME = "jdbc/consent-ledger-it";

    @TempDir
    Path dir;

    private JdbcDataSource dataSource;
    private Resource bound;

    @BeforeEach
    void bindDataSource() throws NamingException {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("site") + ";WRITE_DELAY=0");
        dataSource.setUser("sa");
        bound = new Resource(NAME, dataSource);
    }

    @AfterEach
    void unbind() {
        bound.release();
    }

    private Map<String, String> config(String ledger) {
        Map<String, String> config = new HashMap<>();
        config.put(ConsentServletSetup.COOKIE_KEYS, "k1:" + Base64.getEncoder().encodeToString(Fixtures.secret()));
        config.put(ConsentServletSetup.RECEIPT_KEY, Site.SIGNER.privateKeyBase64());
        config.put(ConsentServletSetup.LEDGER, ledger);
        config.put(ConsentServletSetup.COOKIE_SECURE, "false");
        return config;
    }

    /** Starts Jetty with the setup in a context listener; returns the server, or throws what the start threw. */
    private Server start(Map<String, String> config, AtomicReference<ConsentManager> manager) throws Exception {
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
        return server;
    }

    @Test
    void choicesAreRecordedInTheContainersDataSource_C21() throws Exception {
        // H2's data source is Referenceable, so JNDI hands out a new one made from its reference, as it would
        // in a container: the same database, another object.
        assertThat(new InitialContext().lookup(NAME))
                .isInstanceOfSatisfying(
                        JdbcDataSource.class,
                        found -> assertThat(found.getURL()).isEqualTo(dataSource.getURL()));
        AtomicReference<ConsentManager> manager = new AtomicReference<>();
        Server server = start(config("jndi:" + NAME), manager);
        HttpResponse<String> posted;
        try {
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            String origin = "http://127.0.0.1:" + port;
            posted = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(origin + "/consent"))
                                    .header("Content-Type", "application/json")
                                    .header("Origin", origin)
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"accept_all\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } finally {
            server.stop();
        }
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(manager.get().ledger()).isInstanceOf(JdbcConsentLedger.class);

        // Read back straight from the database, as an auditor's tool on the same tables would.
        try (JdbcConsentLedger ledger = new JdbcConsentLedger(
                dataSource, LedgerSettings.builder(Site.SIGNER).build())) {
            assertThat(ledger.dialect()).isEqualTo(JdbcDialect.H2);
            VerificationReport report = ledger.verify();
            assertThat(report.ok()).as("%s", report).isTrue();
            assertThat(report.records()).isEqualTo(1);
        }
    }

    @Test
    void aNameWithNothingBoundFailsTheStartAndSaysWhereToDeclareIt() {
        assertThatThrownBy(() -> start(config("jndi:jdbc/nothing-here"), new AtomicReference<>()))
                .hasStackTraceContaining("consent4j.ledger 'jndi:jdbc/nothing-here': nothing is bound")
                .hasStackTraceContaining("context.xml");
    }

    @Test
    void aNameBoundToSomethingElseSaysWhatItIs() throws Exception {
        Resource text = new Resource("jdbc/not-a-data-source", "just text");
        try {
            assertThatThrownBy(() -> start(config("jndi:jdbc/not-a-data-source"), new AtomicReference<>()))
                    .hasStackTraceContaining("names a java.lang.String, not a javax.sql.DataSource");
        } finally {
            text.release();
        }
    }

    @Test
    void withoutCreatingTheSchemaMissingTablesFailTheStart() {
        Map<String, String> config = config("jndi:" + NAME);
        config.put(ConsentServletSetup.LEDGER_INITIALIZE_SCHEMA, "false");

        assertThatThrownBy(() -> start(config, new AtomicReference<>()))
                .hasStackTraceContaining("the database cannot hold the ledger")
                .hasStackTraceContaining("JdbcDialect.schemaScript()");
    }
}
