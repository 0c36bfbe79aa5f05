/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.servletsite;

import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.servlet.ConsentAssembly;
import io.consent4j.servlet.ConsentServletSetup;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet site: embedded Jetty on 127.0.0.1, consent4j installed by {@link ConsentServletSetup}
 * in a context listener, the banner assets served from the consent-banner-assets jar.
 *
 * <pre>
 * java -jar examples/servlet-site/target/servlet-site.jar [port] [data directory]
 * </pre>
 *
 * The port defaults to 8080, the data directory (ledger and development keys) to
 * {@code servlet-site-data} in the working directory.
 */
public final class ServletSite implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServletSite.class);

    private final Server server;
    private final int port;

    private ServletSite(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Path data = Path.of(args.length > 1 ? args[1] : "servlet-site-data");
        ServletSite site = start(port, data);
        log.info("Servlet site: {}/", site.origin());
        site.server.join();
    }

    /** Starts the site on {@code port} (0 for any free one), keeping its ledger and keys in {@code data}. */
    static ServletSite start(int port, Path data) throws Exception {
        DevKeys keys = DevKeys.load(data);
        Map<String, String> config = Map.of(
                ConsentServletSetup.COOKIE_KEYS,
                "k1:" + keys.cookieKey(),
                ConsentServletSetup.RECEIPT_KEY,
                keys.receiptKey(),
                ConsentServletSetup.LEDGER_STORE,
                "h2",
                ConsentServletSetup.LEDGER_PATH,
                data.resolve("consent-ledger").toAbsolutePath().toString(),
                // Plain HTTP on 127.0.0.1; behind TLS in production, leave the cookie Secure.
                ConsentServletSetup.COOKIE_SECURE,
                "false");

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        AtomicReference<ConsentAssembly> consent = new AtomicReference<>();
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                consent.set(ConsentServletSetup.builder()
                        .policy(policy())
                        .configuration(config)
                        .install(event.getServletContext()));
            }

            @Override
            public void contextDestroyed(ServletContextEvent event) {
                // Stops the retention job and closes the ledger, which writes its final signed checkpoint.
                consent.get().close();
            }
        });
        ResourceFactory resources = ResourceFactory.of(context);
        context.setBaseResource(ResourceFactory.combine(
                resources.newClassLoaderResource("META-INF/resources"),
                resources.newClassLoaderResource("io/consent4j/examples/servletsite/www")));
        context.addServlet(new ServletHolder("static", DefaultServlet.class), "/");
        context.addServlet(new ServletHolder("pages", new Pages()), "");
        context.addServlet(new ServletHolder("kurs", new Pages()), "/kurs/*");
        context.addServlet(new ServletHolder("video", new Pages()), "/video/*");
        context.addServlet(new ServletHolder("datenschutz", new Pages()), "/datenschutz");
        context.addServlet(new ServletHolder("impressum", new Pages()), "/impressum");
        server.setHandler(context);
        server.start();
        return new ServletSite(server, connector.getLocalPort());
    }

    static ConsentPolicy policy() {
        try (InputStream json = ServletSite.class.getResourceAsStream("consent-policy.json")) {
            return ConsentPolicy.fromJson(json);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read consent-policy.json", e);
        }
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the servlet site", e);
        }
    }
}
