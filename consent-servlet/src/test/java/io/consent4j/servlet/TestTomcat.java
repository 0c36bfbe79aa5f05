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

/** An embedded Tomcat 10.1 as the tests run it: on 127.0.0.1 and a free port, one root context, quiet. */
final class TestTomcat {

    /** Held so that the quieter level sticks: java.util.logging keeps loggers only weakly. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    static {
        TOMCAT_LOG.setLevel(Level.WARNING);
    }

    private TestTomcat() {}

    /** Gives {@code tomcat} its connector and returns its root context, not yet started. */
    static StandardContext rootContext(Tomcat tomcat, Path baseDir) {
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
        return context;
    }

    /** The port the started {@code tomcat} listens on. */
    static int port(Tomcat tomcat) {
        return tomcat.getConnector().getLocalPort();
    }
}
