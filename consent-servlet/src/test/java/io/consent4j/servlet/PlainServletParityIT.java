/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.servlet.parity.ManualExecutor;
import io.consent4j.servlet.parity.ManualRetention;
import io.consent4j.servlet.parity.ParityClock;
import io.consent4j.servlet.parity.ParityScenarios;
import io.consent4j.servlet.parity.ParitySite;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The parity scenarios against a plain servlet site on Jetty: the properties are the context's init
 * parameters, read by {@link ConsentServletSetup} in a context listener, as a {@code web.xml} would give
 * them; the hooks go to the setup's builder.
 */
class PlainServletParityIT extends ParityScenarios {

    private static Server server;
    private static Site site;

    @BeforeAll
    static void start() throws Exception {
        ParityClock clock = new ParityClock();
        ManualRetention retention = new ManualRetention();
        ManualExecutor implied = new ManualExecutor();
        AtomicReference<ConsentAssembly> assembly = new AtomicReference<>();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        properties().forEach(context::setInitParameter);
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                assembly.set(ConsentServletSetup.builder()
                        .clock(clock)
                        .ageBandResolver(ParitySite.AGE_BANDS)
                        .accountReference(ParitySite.ACCOUNT_REFERENCES)
                        .customize(settings ->
                                settings.retentionScheduler(retention).impliedRecordExecutor(implied))
                        .install(event.getServletContext()));
            }

            @Override
            public void contextDestroyed(ServletContextEvent event) {
                if (assembly.get() != null) {
                    assembly.get().close();
                }
            }
        });
        context.addServlet(LessonPage.class, "/lesson");
        context.addServlet(LessonPage.class, "/kids/lesson");
        server.setHandler(context);
        server.start();
        site = new Site("http://127.0.0.1:" + connector.getLocalPort(), clock, retention, implied);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Override
    protected ParitySite site() {
        return site;
    }

    private record Site(String origin, ParityClock clock, ManualRetention retention, ManualExecutor impliedRecords)
            implements ParitySite {
        @Override
        public String auditorAuthorization() {
            return "Bearer " + AUDITOR_TOKEN;
        }
    }

    /** The lesson page, with the head markup the setup stored in the context. */
    public static final class LessonPage extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ParitySite.writePage(request, response, (HeadMarkup)
                    request.getServletContext().getAttribute(HeadMarkup.CONTEXT_ATTRIBUTE));
        }
    }
}
