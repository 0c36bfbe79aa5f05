/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the H2 file of {@link JdbcConsentLedger#h2File} compact while it is open, and forces it to the disk
 * at every step. H2 stores every commit as a new chunk at the end of its file, copy on write: each group
 * commit rewrites the index pages it touches: the newest pages of the table and of the time index, and,
 * for updates of older visitors (and all records of ids made before ids began with their time), pages
 * anywhere in the consent id index. Most of what is written is dead within seconds, but the chunks
 * also hold the new records, so they rarely die whole and their space is not reused. H2 compacts them in
 * a background thread of its own only when commits are delayed ({@code WRITE_DELAY} above 0), and that
 * thread then also writes commits asynchronously, after the ledger has already forced the file to the
 * disk; with {@code WRITE_DELAY=0} it compacts only when the database closes, and the file grew by 3 to
 * 10 KB per record.
 *
 * <p>So this runs H2's own compaction steps in a daemon thread, every {@value #INTERVAL_MILLIS} ms: it
 * rewrites the live pages of chunks that are at most {@value #REWRITE_BELOW_FILL_RATE} % live (at most
 * {@value #REWRITE_BYTES} bytes per step), stores them and forces the file to the disk with
 * {@code CHECKPOINT SYNC} (which frees the chunks left without live data), and moves chunks from the end
 * of the file into free space and shrinks it, as H2 does when it closes, while the file is at most
 * {@value #MOVE_BELOW_FILL_RATE} % used. It stores and moves while holding the ledger's store lock, which
 * the ledger holds from each commit until the file is forced to the disk: so no write of either starts
 * before the other's has reached the disk. Nothing of the ledger's records changes; pages are copied,
 * never altered.
 *
 * <p>It uses H2 classes that are public but not a documented API ({@code MVStore} behind a JDBC
 * connection). Where they are missing or different, it logs that once and stops: the ledger works as
 * before, with a file that grows.
 */
final class H2Compactor {

    private static final Logger log = LoggerFactory.getLogger(H2Compactor.class);

    /** Time between two steps, from the end of one to the start of the next. */
    static final long INTERVAL_MILLIS = 250;

    /** Chunks with at most this share of live data are rewritten. */
    static final int REWRITE_BELOW_FILL_RATE = 50;

    /** At most this many bytes of live pages are rewritten per step; small steps keep commits waiting briefly. */
    static final int REWRITE_BYTES = 1 << 18;

    /** Chunks are moved to shrink the file while it is at most this share used. */
    static final int MOVE_BELOW_FILL_RATE = 75;

    /** At most this many bytes of chunks are moved per step. */
    static final long MOVE_BYTES = 1L << 20;

    private final DataSource dataSource;
    private final Lock storeLock;
    private final ScheduledExecutorService thread;
    private volatile boolean broken;

    private H2Compactor(DataSource dataSource, Lock storeLock, ScheduledExecutorService thread) {
        this.dataSource = dataSource;
        this.storeLock = storeLock;
        this.thread = thread;
    }

    /** A compactor of the database behind {@code dataSource}, which runs no step until {@link #start()}. */
    static H2Compactor of(DataSource dataSource, Lock storeLock) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "consent4j-h2-compact");
            t.setDaemon(true);
            return t;
        });
        return new H2Compactor(dataSource, storeLock, thread);
    }

    /** Runs a step every {@value #INTERVAL_MILLIS} ms. */
    H2Compactor start() {
        thread.scheduleWithFixedDelay(this::stepQuietly, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Stops the steps and waits for one under way, which must not lose its connection to a closing pool.
     * Never interrupts it: an interrupted thread closes the file channel it writes to, and H2 then takes
     * the whole database for broken.
     */
    void stop() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("A compaction step of the H2 ledger file did not end within 60 s; closing the file anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stepQuietly() {
        if (broken) {
            return;
        }
        try {
            step();
        } catch (SQLException e) {
            log.debug("A compaction step of the H2 ledger file failed; trying again: {}", e.toString());
        } catch (LinkageError | ClassCastException e) {
            broken = true;
            log.warn(
                    "This H2 version has not the classes the ledger compacts its file with ({}); the file is"
                            + " compacted only when it closes",
                    e.toString());
        } catch (RuntimeException e) {
            log.warn("A compaction step of the H2 ledger file failed; trying again: {}", e.toString());
        }
    }

    /**
     * One step: rewrites the live pages of mostly dead chunks, stores them and forces the file to the disk,
     * then moves chunks to shrink the file.
     *
     * @return whether it rewrote pages or moved chunks
     */
    boolean step() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            MVStore store = mvStore(connection);
            FileStore<?> file = store.getFileStore();
            // Only marks pages as changed; nothing is written yet, so the ledger's commits go on meanwhile.
            boolean rewritten = file.compact(REWRITE_BELOW_FILL_RATE, REWRITE_BYTES);
            storeLock.lock();
            try {
                // Stores the rewritten pages and frees the chunks they leave dead, then forces all to the disk.
                statement.execute("CHECKPOINT SYNC");
                if (!(file instanceof RandomAccessStore random)) {
                    return rewritten;
                }
                long before = random.size();
                // Syncs the file before it overwrites anything, and after.
                random.compactMoveChunks(MOVE_BELOW_FILL_RATE, MOVE_BYTES, store);
                return rewritten || random.size() < before;
            } finally {
                storeLock.unlock();
            }
        }
    }

    private static MVStore mvStore(Connection connection) throws SQLException {
        SessionLocal session =
                (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }
}
