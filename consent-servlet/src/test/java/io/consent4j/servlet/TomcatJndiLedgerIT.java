/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javax.naming.Context;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ContextResource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code consent4j.ledger.store=jndi} with {@code consent4j.ledger.jndi-name=java:comp/env/jdbc/consent} on an
 * embedded Tomcat 10.1 with its naming on,
 * the DataSource declared as a {@code <Resource>} of the context, as {@code context.xml} would declare it.
 */
class TomcatJndiLedgerIT {

    @TempDir
    Path baseDir;

    @Test
    void choicesAreRecordedInTheDataSourceOfTomcatsContext_C21() throws Exception {
        String url = "jdbc:h2:file:" + baseDir.resolve("site") + ";WRITE_DELAY=0";
        // Tomcat's naming sets JVM-wide properties; the other tests of this JVM use Jetty's.
        String factory = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        String packages = System.getProperty(Context.URL_PKG_PREFIXES);
        AtomicReference<ConsentAssembly> assembly = new AtomicReference<>();
        Tomcat tomcat = new Tomcat();
        HttpResponse<String> posted;
        try {
            tomcat.enableNaming();
            StandardContext context = TestTomcat.rootContext(tomcat, baseDir);
            ContextResource resource = new ContextResource();
            resource.setName("jdbc/consent");
            resource.setType(JdbcDataSource.class.getName());
            resource.setProperty("factory", "org.h2.jdbcx.JdbcDataSourceFactory");
            resource.setProperty("url", url);
            resource.setProperty("user", "sa");
            // H2's factory reads each of these and fails on a missing one.
            resource.setProperty("password", "");
            resource.setProperty("description", "consent ledger");
            resource.setProperty("loginTimeout", "0");
            context.getNamingResources().addResource(resource);
            context.addServletContainerInitializer(
                    (classes, servletContext) -> assembly.set(ConsentServletSetup.builder()
                            .policy(Fixtures.POLICY)
                            .configuration(PlainServletSite.jndi("java:comp/env/jdbc/consent"))
                            .install(servletContext)),
                    null);
            tomcat.start();

            posted = PlainServletSite.acceptAll(TestTomcat.port(tomcat));
        } finally {
            tomcat.stop();
            tomcat.destroy();
            if (assembly.get() != null) {
                assembly.get().close();
            }
            restore(Context.INITIAL_CONTEXT_FACTORY, factory);
            restore(Context.URL_PKG_PREFIXES, packages);
        }
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(assembly.get().manager().ledger()).isInstanceOf(JdbcConsentLedger.class);

        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        try (JdbcConsentLedger ledger = new JdbcConsentLedger(
                dataSource, LedgerSettings.builder(Site.SIGNER).build())) {
            VerificationReport report = ledger.verify();
            assertThat(report.ok()).as("%s", report).isTrue();
            assertThat(report.records()).isEqualTo(1);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
