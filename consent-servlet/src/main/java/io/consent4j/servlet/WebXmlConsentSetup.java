/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs consent4j in a WAR from its {@code web.xml} alone: when the application has {@code consent4j.*}
 * servlet context parameters, this listener hands them to {@link ConsentServletSetup} as they are, so
 * that the filter, the endpoints, the ledger and the retention job are in place with no Java code, and
 * closes what it installed when the context stops. A missing or bad parameter stops the application's
 * start with the {@link IllegalStateException} of {@link ConsentServletSetup}, which names it.
 *
 * <p>It is declared in consent-servlet's {@code META-INF/web-fragment.xml}, ordered after every other
 * fragment, so a Servlet 6 container runs it for each web application that has consent-servlet in
 * {@code WEB-INF/lib} (not when {@code web.xml} says {@code metadata-complete="true"}). It runs after
 * the listeners of {@code web.xml}, of the application's own classes and of other fragments, and after
 * every {@code ServletContainerInitializer}; so it does nothing when one of those already installed
 * consent4j in code, and nothing when there is no {@code consent4j.*} parameter. Applications never name
 * this class. Spring Boot's embedded servers read no web fragments, and the starter has its own setup.
 */
public final class WebXmlConsentSetup implements ServletContextListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebXmlConsentSetup.class);

    private ConsentAssembly installed;

    /** Created by the container from the web fragment. */
    public WebXmlConsentSetup() {}

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (context.getAttribute(ConsentAssembly.class.getName()) != null) {
            LOG.debug("consent4j is installed in code; the consent4j.* parameters of web.xml are that code's");
            return;
        }
        if (Collections.list(context.getInitParameterNames()).stream().noneMatch(n -> n.startsWith("consent4j."))) {
            return;
        }
        LOG.info("consent4j: installing from the consent4j.* context parameters");
        installed = ConsentServletSetup.builder().install(context);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (installed != null) {
            // Stops the retention job and closes the ledger, which writes its final signed checkpoint.
            installed.close();
            installed = null;
        }
    }
}
