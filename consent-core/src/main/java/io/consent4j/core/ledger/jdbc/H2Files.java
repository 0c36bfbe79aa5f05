/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import java.nio.file.Path;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Opens H2 file databases for {@link JdbcConsentLedger#h2File}. Kept apart so that the ledger's own class
 * refers to no H2 type: H2 is an optional dependency, needed only when this class is used.
 */
final class H2Files {

    private H2Files() {}

    /**
     * The JDBC URL of an H2 file database for the ledger. Every commit is written to the file before it
     * returns, and the ledger forces it to the disk ({@code CHECKPOINT SYNC}) before an append returns
     * ({@link LedgerWrites}):
     *
     * <ul>
     *   <li>{@code WRITE_DELAY=0}: H2 otherwise keeps commits in memory for up to 500 ms, and a crash loses
     *       them. It also keeps H2's background writer off, which would write commits asynchronously, after
     *       the ledger's {@code CHECKPOINT SYNC} could have forced them to the disk; {@link H2Compactor}
     *       compacts the file instead.
     *   <li>{@code RETENTION_TIME=5000}: H2 may reuse the space of a chunk that holds no live data once the
     *       chunk is 5 s old, instead of 45 s. H2 keeps old chunks as long as it assumes that the operating
     *       system may still hold its writes in memory, and documents a shorter time as safe where the
     *       buffers are flushed earlier with {@code CHECKPOINT SYNC}. Here every write is followed by one
     *       within milliseconds: the ledger's after each commit, the compactor's after each step. Kept for
     *       45 s, the chunks written under load, most of them dead within seconds, made the file several
     *       times larger than what it holds.
     *   <li>{@code COMPRESS=TRUE}: pages are compressed (LZF), which makes a record with its index entries
     *       take about half the size of its canonical JSON, and each commit write less. Only how pages are
     *       encoded changes; files written without it are read as before.
     *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2 otherwise closes the database in a shutdown hook of its own,
     *       racing the application's hook that closes the ledger, whose final checkpoint then finds it
     *       closed.
     * </ul>
     */
    static String url(Path file) {
        String name = file.toAbsolutePath().normalize().toString();
        if (name.endsWith(".mv.db")) {
            name = name.substring(0, name.length() - ".mv.db".length());
        }
        if (name.contains(";")) {
            throw new IllegalArgumentException("an H2 database path cannot contain ';': " + file);
        }
        return "jdbc:h2:file:" + name + ";WRITE_DELAY=0;RETENTION_TIME=5000;COMPRESS=TRUE;DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * A connection pool on the H2 file database at {@code file}, with its {@link H2Compactor} running, and
     * how to close both.
     */
    static Pool open(Path file) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url(file), "sa", "");
        pool.setMaxConnections(32);
        Lock storeLock = new ReentrantLock();
        H2Compactor compactor = H2Compactor.of(pool, storeLock).start();
        return new Pool(pool, storeLock, () -> {
            compactor.stop();
            pool.dispose();
        });
    }

    /**
     * A data source, the lock its writers hold from a commit until it is forced to the disk, and what
     * closes it.
     */
    record Pool(DataSource dataSource, Lock storeLock, Runnable dispose) {}
}
