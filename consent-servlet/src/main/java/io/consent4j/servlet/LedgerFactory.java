/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.PurgeableConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.signing.ReceiptSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the ledger of the store {@value ConsentSettings#LEDGER_STORE} chooses: in memory, an embedded H2
 * file, the application's {@link DataSource}, or the one the container binds in JNDI; and creates a JDBC
 * ledger's tables when {@value ConsentSettings#LEDGER_INITIALIZE_SCHEMA} says so. A store that cannot be
 * opened fails at once, naming the setting and how to fix it, never at the first choice a visitor makes.
 */
final class LedgerFactory {

    /** The assembly's logger, under whose name an operator has always found these messages. */
    private static final Logger LOG = LoggerFactory.getLogger(ConsentAssembly.class);

    private LedgerFactory() {}

    /** The ledger; {@link ConsentAssembly#ledger(ConsentSettings, ReceiptSigner)} says what fails how. */
    static PurgeableConsentLedger open(ConsentSettings settings, ReceiptSigner signer) {
        String store = ConsentSettings.LEDGER_STORE;
        if (settings.ledgerStore() == null) {
            throw new IllegalStateException("no consent ledger. Set " + store + " to h2 (an embedded H2 file at "
                    + ConsentSettings.LEDGER_PATH + "), jndi (the container's DataSource named "
                    + ConsentSettings.LEDGER_JNDI_NAME + "), datasource (a DataSource given in code), or to"
                    + " memory for a demo whose records are lost on restart; or give a ledger in code");
        }
        LedgerSettings.Builder builder = LedgerSettings.builder(signer).clock(settings.clock());
        settings.customizeLedger(builder);
        LedgerSettings ledgerSettings = builder.build();
        return switch (settings.ledgerStore()) {
            case MEMORY -> {
                LOG.warn(
                        "consent4j uses the IN-MEMORY consent ledger ({}=memory): consent records are NOT durable"
                                + " and are lost on restart. Use a durable ledger in production.",
                        store);
                yield new InMemoryConsentLedger(ledgerSettings);
            }
            case H2 -> h2Ledger(settings.ledgerPath(), ledgerSettings, settings.classLoader());
            case DATASOURCE -> {
                if (settings.dataSource() == null) {
                    throw new IllegalStateException(store + "=datasource needs a DataSource: the application's in"
                            + " Spring Boot, or one given in code; for the container's, use " + store + "=jndi");
                }
                yield jdbcLedger(settings.dataSource(), ledgerSettings, settings, "the application's DataSource");
            }
            case JNDI -> jndiLedger(settings, ledgerSettings);
        };
    }

    private static PurgeableConsentLedger h2Ledger(Path configured, LedgerSettings settings, ClassLoader loader) {
        String name = ConsentSettings.LEDGER_PATH;
        if (!h2Present(loader)) {
            throw new IllegalStateException(ConsentSettings.LEDGER_STORE
                    + "=h2 needs the H2 database on the class path: add com.h2database:h2");
        }
        Path file = configured.toAbsolutePath();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new IllegalStateException(name + " '" + file + "': cannot create its directory: " + e, e);
        }
        try {
            JdbcConsentLedger ledger = JdbcConsentLedger.h2File(file, settings);
            LOG.info("consent4j records consent in the H2 database file {}", file);
            return ledger;
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " '" + file + "' cannot hold the ledger: " + e.getMessage(), e);
        }
    }

    private static boolean h2Present(ClassLoader loader) {
        for (ClassLoader candidate : new ClassLoader[] {loader, JdbcConsentLedger.class.getClassLoader()}) {
            try {
                Class.forName("org.h2.Driver", false, candidate);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next one
            }
        }
        return false;
    }

    /** A JDBC ledger on the {@code DataSource} that the container binds under the configured name. */
    private static PurgeableConsentLedger jndiLedger(ConsentSettings settings, LedgerSettings ledgerSettings) {
        String store = ConsentSettings.LEDGER_STORE;
        String name = settings.ledgerJndiName();
        if (name == null) {
            throw new IllegalStateException(store + "=jndi needs " + ConsentSettings.LEDGER_JNDI_NAME
                    + ", the name of the container's DataSource, such as java:comp/env/jdbc/consent");
        }
        String setting = ConsentSettings.LEDGER_JNDI_NAME + " '" + name + "'";
        Object bound;
        try {
            bound = new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException(
                    setting + ": nothing is bound under that name (" + e.getMessage() + "). Declare the DataSource"
                            + " in the container (a <Resource> in Tomcat's context.xml, a Resource in Jetty's"
                            + " jetty-env.xml) or in web.xml's <resource-ref>",
                    e);
        }
        if (!(bound instanceof DataSource dataSource)) {
            throw new IllegalStateException(setting + " names a "
                    + (bound == null ? "null" : bound.getClass().getName()) + ", not a javax.sql.DataSource");
        }
        PurgeableConsentLedger ledger = jdbcLedger(dataSource, ledgerSettings, settings, setting);
        if (!initializes(settings.initializeSchema(), dataSource)) {
            // Fails now, not at the first choice, when the tables are missing.
            try {
                ledger.findPolicy("0".repeat(64));
            } catch (RuntimeException e) {
                ledger.close();
                throw new IllegalStateException(
                        setting + ": the database cannot hold the ledger: " + e.getMessage()
                                + " (create the tables from JdbcDialect.schemaScript(), or set "
                                + ConsentSettings.LEDGER_INITIALIZE_SCHEMA + "=always)",
                        e);
            }
        }
        return ledger;
    }

    private static PurgeableConsentLedger jdbcLedger(
            DataSource dataSource, LedgerSettings ledgerSettings, ConsentSettings settings, String what) {
        JdbcConsentLedger ledger;
        try {
            ledger = new JdbcConsentLedger(dataSource, ledgerSettings);
        } catch (RuntimeException e) {
            throw new IllegalStateException(what + ": the database cannot hold the ledger: " + e.getMessage(), e);
        }
        if (initializes(settings.initializeSchema(), dataSource)) {
            try {
                ledger.initializeSchema();
            } catch (RuntimeException e) {
                ledger.close();
                throw new IllegalStateException(
                        what + ": the database cannot hold the ledger: " + e.getMessage()
                                + " (set " + ConsentSettings.LEDGER_INITIALIZE_SCHEMA
                                + "=never if your migrations create the"
                                + " tables)",
                        e);
            }
        }
        LOG.info("consent4j records consent in the {} database of {}", ledger.dialect(), what);
        return ledger;
    }

    private static boolean initializes(ConsentSettings.SchemaInitialization mode, DataSource dataSource) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case EMBEDDED -> isEmbedded(dataSource);
        };
    }

    /** Whether the database lives in this process's memory, as Spring Boot's embedded databases do. */
    private static boolean isEmbedded(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            return url != null
                    && (url.startsWith("jdbc:h2:mem:")
                            || url.startsWith("jdbc:hsqldb:mem:")
                            || url.startsWith("jdbc:derby:memory:"));
        } catch (SQLException e) {
            return false;
        }
    }
}
