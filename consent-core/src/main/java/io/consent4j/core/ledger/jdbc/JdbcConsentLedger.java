/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ledger.AbstractConsentLedger;
import io.consent4j.core.ledger.ChainAnchor;
import io.consent4j.core.ledger.ChainVerifier;
import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerException;
import io.consent4j.core.ledger.LedgerInsights;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.StoredRecord;
import io.consent4j.core.token.ConsentId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A consent ledger in a SQL database (PostgreSQL, H2, MySQL or MariaDB) through any JDBC
 * {@link DataSource}: the store for several nodes, each appending to its own chain in the same tables,
 * and, on an H2 file ({@link #h2File}), for a single process. Create the tables with
 * {@link #initializeSchema()} or from {@link JdbcDialect#schemaScript()}.
 *
 * <p>Concurrent appends are committed together: one transaction per group, all or nothing (on
 * PostgreSQL a single statement over arrays, in auto-commit mode; elsewhere a JDBC batch), and durable
 * when the database says the commit is (PostgreSQL and MySQL by default; H2 with
 * {@code WRITE_DELAY=0}, which {@link #h2File} sets, and a {@code CHECKPOINT SYNC} after each commit that
 * the ledger runs itself). Records are always read from their canonical body,
 * never from the columns beside it, and verification checks that those columns match the body, so that
 * editing a row by hand is found (C24). Give the ledger a connection pool: every read and every group
 * commit borrows one connection, and an open {@link #stream} holds one until it is closed. Thread-safe.
 */
public class JdbcConsentLedger extends AbstractConsentLedger {

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final Runnable release;
    private final LedgerSchema schema;
    private final LedgerQueries queries;
    private final LedgerWrites writes;
    private final JdbcInsights insights;

    /**
     * A ledger on {@code dataSource}, whose database it detects from the connection metadata.
     *
     * @throws LedgerException when no connection can be had, or the database is not supported
     */
    public JdbcConsentLedger(DataSource dataSource, LedgerSettings settings) {
        this(dataSource, settings, detect(dataSource), null, () -> {});
    }

    /** A ledger on {@code dataSource}, a database of the given dialect; connects only when used. */
    public JdbcConsentLedger(DataSource dataSource, LedgerSettings settings, JdbcDialect dialect) {
        this(dataSource, settings, Objects.requireNonNull(dialect, "dialect"), null, () -> {});
    }

    /** {@code storeLock}, when not null, is held from each commit until it is forced to the disk. */
    private JdbcConsentLedger(
            DataSource dataSource, LedgerSettings settings, JdbcDialect dialect, Lock storeLock, Runnable release) {
        super(settings);
        SqlRunner sql = new SqlRunner(Objects.requireNonNull(dataSource, "dataSource"), dialect);
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.release = release;
        this.schema = new LedgerSchema(sql);
        this.queries = new LedgerQueries(sql);
        this.writes = new LedgerWrites(sql, queries, storeLock);
        this.insights = new JdbcInsights(sql, settings.chainId());
    }

    /**
     * A ledger in the H2 database file at {@code file} (H2 adds {@code .mv.db} to the name), created with
     * its tables if missing, on a connection pool that {@link #close()} closes. Commits are written to the
     * file ({@code WRITE_DELAY=0}) and forced to the disk ({@code CHECKPOINT SYNC}) before an append
     * returns, so neither a crash of the process nor a power failure loses an acknowledged record. Needs
     * {@code com.h2database:h2} 2.x on the class path. One process at a time can open the file; the
     * database user is {@code sa} without a password, so other tools can open it when the process is done.
     */
    public static JdbcConsentLedger h2File(Path file, LedgerSettings settings) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(settings, "settings");
        H2Files.Pool pool;
        try {
            pool = H2Files.open(file);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(
                    "JdbcConsentLedger.h2File needs H2 on the class path: add com.h2database:h2 (2.x)", e);
        }
        JdbcConsentLedger ledger =
                new JdbcConsentLedger(pool.dataSource(), settings, JdbcDialect.H2, pool.storeLock(), pool.dispose());
        try {
            ledger.initializeSchema();
        } catch (RuntimeException e) {
            pool.dispose().run();
            throw e;
        }
        return ledger;
    }

    private static JdbcDialect detect(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = dataSource.getConnection()) {
            return JdbcDialect.detect(connection.getMetaData());
        } catch (SQLException e) {
            throw new LedgerException(
                    "could not connect to the consent ledger's database to detect its kind: " + SqlRunner.describe(e),
                    e);
        }
    }

    /** The database dialect this ledger speaks. */
    public JdbcDialect dialect() {
        return dialect;
    }

    /**
     * The database this ledger writes to, for the few tables of consent4j's own that live beside the
     * ledger's (the servlet module's cookie inventory); on an {@link #h2File} ledger it is the pool that
     * {@link #close()} closes.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Creates the ledger's tables and indexes unless they exist, from {@link JdbcDialect#schemaScript()}.
     * Safe to call on every start, from several nodes at once.
     *
     * @throws LedgerException when the tables could not be created
     */
    public void initializeSchema() {
        schema.initialize();
    }

    // ---- writing: LedgerWrites ----------------------------------------------------------------

    @Override
    protected void insert(List<ConsentRecord> records, List<StoredRecord> stored) {
        writes.insert(records, stored);
    }

    @Override
    protected void insertCheckpoint(Checkpoint checkpoint) {
        writes.insertCheckpoint(checkpoint);
    }

    @Override
    protected void insertPolicy(String contentHash, int version, String canonicalJson) {
        writes.insertPolicy(
                contentHash, version, canonicalJson, settings().clock().instant());
    }

    @Override
    protected long deleteThrough(List<ChainAnchor> anchors) {
        return writes.deleteThrough(anchors);
    }

    // ---- reading: LedgerQueries ---------------------------------------------------------------

    @Override
    protected Optional<StoredRecord> lastRecord(String chainId) {
        return queries.lastRecord(chainId);
    }

    @Override
    protected Optional<StoredRecord> lastRecordBefore(String chainId, Instant cutoff) {
        return queries.lastRecordBefore(chainId, cutoff);
    }

    @Override
    protected List<Checkpoint> loadCheckpoints() {
        return queries.loadCheckpoints();
    }

    @Override
    protected Optional<String> loadPolicy(String contentHash) {
        return queries.loadPolicy(contentHash);
    }

    @Override
    protected List<ConsentRecord> selectByConsentId(ConsentId consentId) {
        return queries.selectByConsentId(consentId);
    }

    @Override
    protected List<ConsentRecord> selectByAccountRef(String accountRef) {
        return queries.selectByAccountRef(accountRef);
    }

    @Override
    protected Stream<ConsentRecord> selectRange(Instant from, Instant to) {
        return queries.selectRange(from, to);
    }

    @Override
    public boolean hasRecords(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return queries.hasRecords(from, to);
    }

    /**
     * The dashboard's counts from the {@code consent_stats_*} tables, which each question first brings up
     * to date with the records committed since the last one; the records themselves are read once each.
     * When many records wait (after an upgrade, every record stored before), they are counted in the
     * background instead ({@link LedgerInsights#startCounting()}), and the questions answer at once from
     * what is counted so far ({@link LedgerInsights#counting()}); {@link #close()} stops that counting.
     */
    @Override
    public LedgerInsights insights() {
        return insights;
    }

    @Override
    protected Optional<ConsentRecord> selectLatestPurge() {
        return queries.selectLatestPurge();
    }

    @Override
    protected List<String> selectChainIds() {
        return queries.selectChainIds();
    }

    @Override
    protected void readChain(String chainId, ChainVerifier verifier) {
        queries.readChain(chainId, verifier);
    }

    @Override
    protected List<ChainAnchor> loadAnchors() {
        return queries.loadAnchors();
    }

    @Override
    protected void closeStore() {
        insights.stop();
        release.run();
    }
}
