/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.nio.file.Path;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter on an embedded Tomcat 10.1, the Servlet 6.0 line, proving that it needs nothing newer
 * than the API it compiles against.
 */
class TomcatConsentFilterIT extends ConsentFilterContract {

    @TempDir
    Path baseDir;

    @Override
    TestServer start(TestApp app) throws Exception {
        Tomcat tomcat = new Tomcat();
        StandardContext context = TestTomcat.rootContext(tomcat, baseDir);
        context.addServletContainerInitializer(app, null);
        tomcat.start();
        int port = TestTomcat.port(tomcat);
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
