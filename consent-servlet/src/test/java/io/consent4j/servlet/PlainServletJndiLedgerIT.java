/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcDialect;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.jetty.plus.jndi.Resource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain servlet app whose ledger is the container's {@code DataSource}, found through JNDI
 * ({@code consent4j.ledger.store=jndi}, {@code consent4j.ledger.jndi-name}) as Jetty's JNDI binds it: choices are recorded there, and
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

    @Test
    void choicesAreRecordedInTheContainersDataSource_C21() throws Exception {
        // H2's data source is Referenceable, so JNDI hands out a new one made from its reference, as it would
        // in a container: the same database, another object.
        assertThat(new InitialContext().lookup(NAME))
                .isInstanceOfSatisfying(
                        JdbcDataSource.class,
                        found -> assertThat(found.getURL()).isEqualTo(dataSource.getURL()));
        HttpResponse<String> posted;
        try (PlainServletSite site = PlainServletSite.start(PlainServletSite.jndi(NAME))) {
            posted = site.acceptAll();
            assertThat(site.manager().ledger()).isInstanceOf(JdbcConsentLedger.class);
        }
        assertThat(posted.statusCode()).isEqualTo(200);

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
        assertThatThrownBy(() -> PlainServletSite.start(PlainServletSite.jndi("jdbc/nothing-here")))
                .hasStackTraceContaining("consent4j.ledger.jndi-name 'jdbc/nothing-here': nothing is bound")
                .hasStackTraceContaining("context.xml");
    }

    @Test
    void aNameBoundToSomethingElseSaysWhatItIs() throws Exception {
        Resource text = new Resource("jdbc/not-a-data-source", "just text");
        try {
            assertThatThrownBy(() -> PlainServletSite.start(PlainServletSite.jndi("jdbc/not-a-data-source")))
                    .hasStackTraceContaining("names a java.lang.String, not a javax.sql.DataSource");
        } finally {
            text.release();
        }
    }

    @Test
    void withoutCreatingTheSchemaMissingTablesFailTheStart() {
        Map<String, String> config = PlainServletSite.jndi(NAME);
        config.put(ConsentServletSetup.LEDGER_INITIALIZE_SCHEMA, "never");

        assertThatThrownBy(() -> PlainServletSite.start(config))
                .hasStackTraceContaining("the database cannot hold the ledger")
                .hasStackTraceContaining("JdbcDialect.schemaScript()");
    }

    @Test
    void byDefaultOnlyAnEmbeddedDatabaseGetsTablesSoAFileDatabaseWithoutThemFailsTheStart() {
        Map<String, String> config = PlainServletSite.jndi(NAME);
        config.remove(ConsentServletSetup.LEDGER_INITIALIZE_SCHEMA);

        assertThatThrownBy(() -> PlainServletSite.start(config))
                .hasStackTraceContaining("the database cannot hold the ledger")
                .hasStackTraceContaining("consent4j.ledger.initialize-schema=always");
    }
}
