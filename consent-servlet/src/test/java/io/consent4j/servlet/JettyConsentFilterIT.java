/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The filter on an embedded Jetty 12 (EE 10, Servlet 6.0), as the version Spring Boot manages. */
class JettyConsentFilterIT extends ConsentFilterContract {

    @Override
    TestServer start(TestApp app) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        context.addServletContainerInitializer(app);
        server.setHandler(context);
        server.start();
        int port = connector.getLocalPort();
        return new TestServer() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void stop() throws Exception {
                server.stop();
            }
        };
    }

    @Override
    boolean removesHeaderSetToNull() {
        return true;
    }
}
