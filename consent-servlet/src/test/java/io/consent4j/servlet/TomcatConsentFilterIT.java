/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter on an embedded Tomcat 10.1, the Servlet 6.0 line, proving that it needs nothing newer
 * than the API it compiles against.
 */
class TomcatConsentFilterIT extends ConsentFilterContract {

    /** Held so that the quieter level sticks: java.util.logging keeps loggers only weakly. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    static {
        TOMCAT_LOG.setLevel(Level.WARNING);
    }

    @TempDir
    Path baseDir;

    @Override
    TestServer start(TestApp app) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        StandardContext context = (StandardContext) tomcat.addContext("", baseDir.toString());
        // The leak protection these would add needs --add-opens and is pointless for a test context.
        context.setClearReferencesObjectStreamClassCaches(false);
        context.setClearReferencesThreadLocals(false);
        context.setClearReferencesRmiTargets(false);
        StandardManager sessions = new StandardManager();
        sessions.setPathname(null);
        context.setManager(sessions);
        context.addServletContainerInitializer(app, null);
        tomcat.start();
        int port = connector.getLocalPort();
        return new TestServer() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void stop() throws Exception {
                tomcat.stop();
                tomcat.destroy();
            }
        };
    }

    @Override
    boolean removesHeaderSetToNull() {
        // Tomcat 10.1 ignores setHeader(name, null); Servlet 6.1 (Tomcat 11) made it remove the header.
        return false;
    }
}
