/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for all tests of a JVM (starting one takes seconds), stopped when the JVM
 * exits. Each test gets a fresh schema in it.
 */
final class EmbeddedPostgresServer {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {}

    /** The running server, started on first use. */
    static synchronized EmbeddedPostgres get() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting; the data directory is temporary
                }
            }));
        }
        return server;
    }

    /** The JDBC URL of the server's {@code postgres} database, with {@code schema} as the search path. */
    static String url(String schema) {
        return get().getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema;
    }

    /** Creates a new, empty schema and returns its name. */
    static String newSchema() {
        String schema = "ledger_" + SCHEMAS.incrementAndGet() + "_"
                + ProcessHandle.current().pid();
        try (Connection connection = get().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create schema " + schema, e);
        }
        return schema;
    }

    /** Drops a schema made by {@link #newSchema()}. */
    static void dropSchema(String schema) {
        try (Connection connection = get().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop schema " + schema, e);
        }
    }

    /** A small connection pool on {@code schema}. */
    static HikariDataSource pool(String schema, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url(schema));
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName("ledger-test-" + schema);
        return new HikariDataSource(config);
    }
}
