/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Opens H2 file databases for {@link JdbcConsentLedger#h2File}. Kept apart so that the ledger's own class
 * refers to no H2 type: H2 is an optional dependency, needed only when this class is used.
 */
final class H2Files {

    private H2Files() {}

    /** The JDBC URL of an H2 file database that writes every commit to its file before returning. */
    static String url(Path file) {
        String name = file.toAbsolutePath().normalize().toString();
        if (name.endsWith(".mv.db")) {
            name = name.substring(0, name.length() - ".mv.db".length());
        }
        if (name.contains(";")) {
            throw new IllegalArgumentException("an H2 database path cannot contain ';': " + file);
        }
        // WRITE_DELAY=0: H2 otherwise keeps commits in memory for up to 500 ms, and a crash loses them.
        // DB_CLOSE_ON_EXIT=FALSE: H2 otherwise closes the database in a shutdown hook of its own, racing
        // the application's hook that closes the ledger, whose final checkpoint then finds it closed.
        return "jdbc:h2:file:" + name + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** A connection pool on the H2 file database at {@code file}, and how to close it. */
    static Pool open(Path file) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url(file), "sa", "");
        pool.setMaxConnections(32);
        return new Pool(pool, pool::dispose);
    }

    /** A data source and what closes it. */
    record Pool(DataSource dataSource, Runnable dispose) {}
}
