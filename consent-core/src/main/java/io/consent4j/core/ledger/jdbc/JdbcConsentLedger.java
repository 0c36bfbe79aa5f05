/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ConsentId;
import io.consent4j.core.ledger.AbstractConsentLedger;
import io.consent4j.core.ledger.ChainAnchor;
import io.consent4j.core.ledger.ChainVerifier;
import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerException;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.ledger.StoredRecord;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(JdbcConsentLedger.class);

    /** Rows fetched per round trip when streaming. */
    private static final int FETCH_SIZE = 500;

    /** The span of times every supported database holds (MySQL's DATETIME is the narrowest). */
    private static final Instant EARLIEST_TIME = Instant.parse("1000-01-01T00:00:00Z");

    private static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    /** H2's error code for a statement that needs admin rights. */
    private static final int H2_ADMIN_RIGHTS_REQUIRED = 90040;

    private static final String INSERT_RECORD = "INSERT INTO consent_record"
            + " (chain_id, seq, record_id, recorded_at, consent_id, account_ref, event, body, prev_hash, hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RECORD = "chain_id, seq, body, prev_hash, hash";
    private static final String LAST_RECORD =
            "SELECT " + RECORD + " FROM consent_record WHERE chain_id = ? ORDER BY seq DESC LIMIT 1";
    private static final String LAST_RECORD_BEFORE = "SELECT " + RECORD
            + " FROM consent_record WHERE chain_id = ? AND recorded_at < ? ORDER BY seq DESC LIMIT 1";
    private static final String BY_CONSENT_ID =
            "SELECT " + RECORD + " FROM consent_record WHERE consent_id = ? ORDER BY recorded_at, chain_id, seq";
    private static final String BY_ACCOUNT_REF =
            "SELECT " + RECORD + " FROM consent_record WHERE account_ref = ? ORDER BY recorded_at, chain_id, seq";
    private static final String RANGE = "SELECT " + RECORD
            + " FROM consent_record WHERE recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at, chain_id, seq";
    private static final String ANY_IN_RANGE =
            "SELECT 1 FROM consent_record WHERE recorded_at >= ? AND recorded_at < ? LIMIT 1";
    // The time index read from its newest end: purges run regularly, so the newest purge record is near. Ordered
    // by the indexed time alone, so that no database has to sort.
    private static final String LATEST_PURGE =
            "SELECT " + RECORD + " FROM consent_record WHERE event = ? ORDER BY recorded_at DESC LIMIT 1";
    private static final String CHAIN = "SELECT chain_id, seq, record_id, recorded_at, consent_id, account_ref,"
            + " event, body, prev_hash, hash FROM consent_record WHERE chain_id = ? ORDER BY seq";
    private static final String CHAIN_IDS =
            "SELECT chain_id FROM consent_record UNION SELECT chain_id FROM consent_anchor ORDER BY chain_id";
    private static final String INSERT_CHECKPOINT =
            "INSERT INTO consent_checkpoint (chain_id, seq, head_hash, created_at, jws) VALUES (?, ?, ?, ?, ?)";
    private static final String CHECKPOINTS = "SELECT chain_id, seq, head_hash, created_at, jws"
            + " FROM consent_checkpoint ORDER BY created_at, chain_id, seq";
    private static final String POLICY = "SELECT canonical_json FROM consent_policy WHERE content_hash = ?";
    private static final String ANCHORS = "SELECT chain_id, seq, hash FROM consent_anchor ORDER BY chain_id";
    private static final String DELETE_THROUGH = "DELETE FROM consent_record WHERE chain_id = ? AND seq <= ?";

    /** Serializes schema creation among PostgreSQL sessions: any fixed number will do. */
    private static final long SCHEMA_LOCK = 0x636f6e73656e7434L;

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final Runnable release;
    private final AtomicBoolean checkedDurability = new AtomicBoolean();

    /** Whether commits on H2 are followed by {@code CHECKPOINT SYNC}; off once the user turns out not to be admin. */
    private volatile boolean syncAfterCommit = true;

    private volatile int fetchSize;

    /**
     * A ledger on {@code dataSource}, whose database it detects from the connection metadata.
     *
     * @throws LedgerException when no connection can be had, or the database is not supported
     */
    public JdbcConsentLedger(DataSource dataSource, LedgerSettings settings) {
        this(dataSource, settings, detect(dataSource), () -> {});
    }

    /** A ledger on {@code dataSource}, a database of the given dialect; connects only when used. */
    public JdbcConsentLedger(DataSource dataSource, LedgerSettings settings, JdbcDialect dialect) {
        this(dataSource, settings, Objects.requireNonNull(dialect, "dialect"), () -> {});
    }

    private JdbcConsentLedger(DataSource dataSource, LedgerSettings settings, JdbcDialect dialect, Runnable release) {
        super(settings);
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = dialect;
        this.release = release;
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
        JdbcConsentLedger ledger = new JdbcConsentLedger(pool.dataSource(), settings, JdbcDialect.H2, pool.dispose());
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
                    "could not connect to the consent ledger's database to detect its kind: " + describe(e), e);
        }
    }

    /** The database dialect this ledger speaks. */
    public JdbcDialect dialect() {
        return dialect;
    }

    /**
     * Creates the ledger's tables and indexes unless they exist, from {@link JdbcDialect#schemaScript()}.
     * Safe to call on every start, from several nodes at once.
     *
     * @throws LedgerException when the tables could not be created
     */
    public void initializeSchema() {
        List<String> statements = dialect.schemaStatements();
        try {
            runSchema(statements);
        } catch (SQLException first) {
            // Nodes starting together can race on CREATE ... IF NOT EXISTS; a second run sees the tables.
            try {
                runSchema(statements);
            } catch (SQLException e) {
                e.addSuppressed(first);
                throw failure("could not create the consent ledger tables from " + dialect.schemaResource(), e);
            }
        }
    }

    private void runSchema(List<String> statements) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            checkDurability(connection);
            boolean transactional = dialect == JdbcDialect.POSTGRESQL;
            if (transactional) {
                connection.setAutoCommit(false);
            }
            try (Statement statement = connection.createStatement()) {
                if (transactional) {
                    statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                }
                for (String sql : statements) {
                    statement.execute(sql);
                }
                if (transactional) {
                    connection.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (transactional) {
                    rollback(connection, e);
                }
                throw e;
            } finally {
                if (transactional) {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    /** Warns once when an H2 file database would acknowledge commits before writing them. */
    private void checkDurability(Connection connection) {
        if (dialect != JdbcDialect.H2 || !checkedDurability.compareAndSet(false, true)) {
            return;
        }
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            String url = connection.getMetaData().getURL();
            boolean inMemory = url != null && url.startsWith("jdbc:h2:mem:");
            if (row.next() && !"0".equals(row.getString(1)) && !inMemory) {
                log.warn(
                        "The H2 database {} keeps commits in memory for {} ms (WRITE_DELAY): consent records"
                                + " acknowledged in that time are lost if the process dies. Add ;WRITE_DELAY=0 to"
                                + " the URL, or use JdbcConsentLedger.h2File.",
                        url,
                        row.getString(1));
            }
        } catch (SQLException e) {
            log.debug("Could not read H2's WRITE_DELAY: {}", e.toString());
        }
    }

    // ---- writing ------------------------------------------------------------------------------

    @Override
    protected void insert(List<ConsentRecord> records, List<StoredRecord> stored) {
        StoredRecord first = stored.get(0);
        StoredRecord last = stored.get(stored.size() - 1);
        String what = stored.size() == 1
                ? "could not store record " + first.sequence() + " of chain " + first.chainId()
                : "could not store records " + first.sequence() + " to " + last.sequence() + " of chain "
                        + first.chainId();
        try (Connection connection = dataSource.getConnection()) {
            String arrays = dialect.insertRecordArraysSql();
            if (arrays != null) {
                insertAtOnce(connection, arrays, records, stored, what);
            } else {
                insertInTransaction(connection, records, stored, what);
                forceToDisk(connection);
            }
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                throw new LedgerException(
                        what + ": a record with such a sequence number exists already. Another ledger appends to"
                                + " chain '" + first.chainId() + "' (give every node or process its own chain id),"
                                + " or an earlier commit reported as failed went through (reopen this ledger)",
                        e);
            }
            throw failure(what, e);
        }
    }

    /**
     * Inserts a group with one statement in auto-commit mode, which makes the statement its own
     * transaction: all rows or none, committed and durable when the database answers, in one round trip
     * instead of two.
     */
    private void insertAtOnce(
            Connection connection, String sql, List<ConsentRecord> records, List<StoredRecord> stored, String what)
            throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bindArrays(connection, insert, records, stored);
            insert.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            if (storedDespite(e, stored, what)) {
                return;
            }
            throw e;
        }
    }

    /**
     * Forces what H2 committed to the disk: every group of records, checkpoint, archived policy and purge.
     * H2 writes a commit to its file before it returns ({@code WRITE_DELAY=0}) but leaves it in the
     * operating system's cache, where a power failure or a crash of the machine would lose it;
     * {@code CHECKPOINT SYNC} makes the file durable, as PostgreSQL and MySQL are at commit. In-memory
     * databases ignore it. It needs admin rights, which the {@code sa} user of {@link #h2File} has;
     * without them the ledger warns once and goes on without.
     */
    private void forceToDisk(Connection connection) {
        if (dialect != JdbcDialect.H2 || !syncAfterCommit) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_ADMIN_RIGHTS_REQUIRED) {
                syncAfterCommit = false;
                log.warn("The H2 database user has no admin rights, so committed consent records cannot be forced"
                        + " to the disk (CHECKPOINT SYNC); a power failure may lose the newest. Use an admin"
                        + " user, or JdbcConsentLedger.h2File.");
                return;
            }
            // What was committed is readable; only its durability against a crash of the machine is in doubt,
            // so the appends stand and the operator is told.
            log.error(
                    "H2 committed consent records but could not force them to the disk; a power failure may lose"
                            + " the newest: {}",
                    e.toString());
        }
    }

    /** Inserts a group as a JDBC batch in one transaction. */
    private void insertInTransaction(
            Connection connection, List<ConsentRecord> records, List<StoredRecord> stored, String what)
            throws SQLException {
        connection.setAutoCommit(false);
        boolean committing = false;
        try {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_RECORD)) {
                for (int i = 0; i < records.size(); i++) {
                    bindRecord(insert, records.get(i), stored.get(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            committing = true;
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            if (committing && storedDespite(e, stored, what)) {
                return;
            }
            throw e;
        } finally {
            resetAutoCommit(connection);
        }
    }

    /**
     * Whether the group is stored although storing it reported {@code failure}, as when the connection is
     * lost after the server committed: then the appends succeeded, and this says so in the log.
     */
    private boolean storedDespite(Exception failure, List<StoredRecord> stored, String what) {
        if (!isStored(stored.get(stored.size() - 1))) {
            return false;
        }
        log.warn("{}: the database reported {}, but the records are stored", what, failure.toString());
        return true;
    }

    private void bindRecord(PreparedStatement insert, ConsentRecord record, StoredRecord row) throws SQLException {
        insert.setString(1, row.chainId());
        insert.setLong(2, row.sequence());
        insert.setString(3, record.id());
        dialect.setTime(insert, 4, record.recordedAt());
        insert.setString(
                5, record.consentId() == null ? null : record.consentId().toString());
        insert.setString(6, record.accountRef());
        insert.setString(7, record.event().jsonName());
        insert.setString(8, row.body());
        insert.setString(9, row.previousHash());
        insert.setString(10, row.hash());
    }

    private static void bindArrays(
            Connection connection, PreparedStatement insert, List<ConsentRecord> records, List<StoredRecord> stored)
            throws SQLException {
        int size = records.size();
        String[][] text = new String[9][size];
        Long[] sequences = new Long[size];
        Instant time = null;
        String timeText = null;
        for (int i = 0; i < size; i++) {
            ConsentRecord record = records.get(i);
            StoredRecord row = stored.get(i);
            text[0][i] = row.chainId();
            sequences[i] = row.sequence();
            text[1][i] = record.id();
            if (!record.recordedAt().equals(time)) { // most records of a group share their millisecond
                time = record.recordedAt();
                timeText = RecordJson.formatTime(time);
            }
            text[2][i] = timeText;
            text[3][i] = record.consentId() == null ? null : record.consentId().toString();
            text[4][i] = record.accountRef();
            text[5][i] = record.event().jsonName();
            text[6][i] = row.body();
            text[7][i] = row.previousHash();
            text[8][i] = row.hash();
        }
        insert.setArray(1, connection.createArrayOf("varchar", text[0]));
        insert.setArray(2, connection.createArrayOf("int8", sequences));
        for (int column = 1; column < text.length; column++) {
            insert.setArray(column + 2, connection.createArrayOf("varchar", text[column]));
        }
    }

    /** Whether {@code row} is stored as given; false when that cannot be found out. */
    private boolean isStored(StoredRecord row) {
        try {
            return query(
                    "could not check the last record",
                    "SELECT hash FROM consent_record WHERE chain_id = ? AND seq = ?",
                    statement -> {
                        statement.setString(1, row.chainId());
                        statement.setLong(2, row.sequence());
                    },
                    result -> result.next() && row.hash().equals(result.getString(1)));
        } catch (LedgerException e) {
            return false;
        }
    }

    @Override
    protected void insertCheckpoint(Checkpoint checkpoint) {
        update(
                "could not store the checkpoint of chain " + checkpoint.chainId() + " at record "
                        + checkpoint.sequence(),
                INSERT_CHECKPOINT,
                statement -> {
                    statement.setString(1, checkpoint.chainId());
                    statement.setLong(2, checkpoint.sequence());
                    statement.setString(3, checkpoint.headHash());
                    dialect.setTime(statement, 4, checkpoint.createdAt());
                    statement.setString(5, checkpoint.jws());
                });
    }

    @Override
    protected void insertPolicy(String contentHash, int version, String canonicalJson) {
        String what = "could not archive the policy " + contentHash;
        try {
            update(what, dialect.insertPolicySql(), statement -> {
                statement.setString(1, contentHash);
                statement.setInt(2, version);
                statement.setString(3, canonicalJson);
                dialect.setTime(statement, 4, settings().clock().instant());
            });
        } catch (LedgerException e) {
            if (e.getCause() instanceof SQLException sql
                    && isDuplicateKey(sql)
                    && loadPolicy(contentHash).isPresent()) {
                return; // archived at the same moment by another node: stored once, as it should be
            }
            throw e;
        }
    }

    @Override
    protected long deleteThrough(List<ChainAnchor> anchors) {
        String what = "could not purge the records before the anchors " + anchors;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long deleted = 0;
                try (PreparedStatement delete = connection.prepareStatement(DELETE_THROUGH)) {
                    for (ChainAnchor anchor : anchors) {
                        delete.setString(1, anchor.chainId());
                        delete.setLong(2, anchor.sequence());
                        deleted += delete.executeUpdate();
                    }
                }
                try (PreparedStatement upsert = connection.prepareStatement(dialect.upsertAnchorSql())) {
                    for (ChainAnchor anchor : anchors) {
                        upsert.setString(1, anchor.chainId());
                        upsert.setLong(2, anchor.sequence());
                        upsert.setString(3, anchor.hash());
                        upsert.executeUpdate();
                    }
                }
                connection.commit();
                forceToDisk(connection);
                return deleted;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                resetAutoCommit(connection);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    // ---- reading ------------------------------------------------------------------------------

    @Override
    protected Optional<StoredRecord> lastRecord(String chainId) {
        return query(
                "could not read the last record of chain " + chainId,
                LAST_RECORD,
                statement -> statement.setString(1, chainId),
                rows -> rows.next() ? Optional.of(storedRecord(rows)) : Optional.empty());
    }

    @Override
    protected Optional<StoredRecord> lastRecordBefore(String chainId, Instant cutoff) {
        return query(
                "could not find the last record of chain " + chainId + " before " + cutoff,
                LAST_RECORD_BEFORE,
                statement -> {
                    statement.setString(1, chainId);
                    dialect.setTime(statement, 2, cutoff);
                },
                rows -> rows.next() ? Optional.of(storedRecord(rows)) : Optional.empty());
    }

    @Override
    protected List<Checkpoint> loadCheckpoints() {
        return query("could not read the checkpoints", CHECKPOINTS, statement -> {}, rows -> {
            List<Checkpoint> checkpoints = new ArrayList<>();
            while (rows.next()) {
                checkpoints.add(new Checkpoint(
                        rows.getString("chain_id"),
                        rows.getLong("seq"),
                        rows.getString("head_hash"),
                        dialect.getTime(rows, "created_at"),
                        rows.getString("jws")));
            }
            return checkpoints;
        });
    }

    @Override
    protected Optional<String> loadPolicy(String contentHash) {
        return query(
                "could not read the archived policy " + contentHash,
                POLICY,
                statement -> statement.setString(1, contentHash),
                rows -> rows.next() ? Optional.of(rows.getString(1)) : Optional.empty());
    }

    @Override
    protected List<ConsentRecord> selectByConsentId(ConsentId consentId) {
        String id = consentId.toString();
        List<ConsentRecord> records = query(
                "could not look up the records of consent id " + id,
                BY_CONSENT_ID,
                statement -> statement.setString(1, id),
                JdbcConsentLedger::consentRecords);
        // The body is the record; a row whose column was edited to point elsewhere is not this visitor's.
        records.removeIf(record -> !consentId.equals(record.consentId()));
        return records;
    }

    @Override
    protected List<ConsentRecord> selectByAccountRef(String accountRef) {
        List<ConsentRecord> records = query(
                "could not look up the records of an account reference",
                BY_ACCOUNT_REF,
                statement -> statement.setString(1, accountRef),
                JdbcConsentLedger::consentRecords);
        records.removeIf(record -> !accountRef.equals(record.accountRef()));
        return records;
    }

    @Override
    protected Stream<ConsentRecord> selectRange(Instant from, Instant to) {
        // No database takes every Instant, and no record lies outside what the narrowest one holds.
        Instant lower = from.isBefore(EARLIEST_TIME) ? EARLIEST_TIME : from;
        Instant upper = to.isAfter(LATEST_TIME) ? LATEST_TIME : to;
        if (!lower.isBefore(upper)) {
            return Stream.empty();
        }
        String what = "could not read the records from " + from + " to " + to;
        return stream(
                what,
                RANGE,
                statement -> {
                    dialect.setTime(statement, 1, lower);
                    dialect.setTime(statement, 2, upper);
                },
                JdbcConsentLedger::consentRecord);
    }

    @Override
    public boolean hasRecords(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Instant lower = from.isBefore(EARLIEST_TIME) ? EARLIEST_TIME : from;
        Instant upper = to.isAfter(LATEST_TIME) ? LATEST_TIME : to;
        if (!lower.isBefore(upper)) {
            return false;
        }
        return query(
                "could not look for records from " + from + " to " + to,
                ANY_IN_RANGE,
                statement -> {
                    dialect.setTime(statement, 1, lower);
                    dialect.setTime(statement, 2, upper);
                },
                ResultSet::next);
    }

    @Override
    protected Optional<ConsentRecord> selectLatestPurge() {
        return query(
                "could not read the newest purge record",
                LATEST_PURGE,
                statement -> statement.setString(1, ConsentEvent.PURGE.jsonName()),
                rows -> {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    // The body is the record: a row whose event column was edited to "purge" confirms nothing.
                    ConsentRecord record = consentRecord(rows);
                    return record.event() == ConsentEvent.PURGE ? Optional.of(record) : Optional.empty();
                });
    }

    @Override
    protected List<String> selectChainIds() {
        return query("could not list the chains", CHAIN_IDS, statement -> {}, rows -> {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        });
    }

    @Override
    protected void readChain(String chainId, ChainVerifier verifier) {
        try (Stream<Void> rows = stream(
                "could not read chain " + chainId + " to verify it",
                CHAIN,
                statement -> statement.setString(1, chainId),
                row -> {
                    StoredRecord stored = storedRecord(row);
                    Map<String, String> indexed = new HashMap<>(8);
                    indexed.put("id", row.getString("record_id"));
                    indexed.put("time", RecordJson.formatTime(dialect.getTime(row, "recorded_at")));
                    indexed.put("consentId", row.getString("consent_id"));
                    indexed.put("accountRef", row.getString("account_ref"));
                    indexed.put("event", row.getString("event"));
                    verifier.accept(stored, indexed);
                    return null;
                })) {
            rows.forEach(none -> {});
        }
    }

    @Override
    protected List<ChainAnchor> loadAnchors() {
        return query("could not read the purge anchors", ANCHORS, statement -> {}, rows -> {
            List<ChainAnchor> anchors = new ArrayList<>();
            while (rows.next()) {
                anchors.add(new ChainAnchor(rows.getString("chain_id"), rows.getLong("seq"), rows.getString("hash")));
            }
            return anchors;
        });
    }

    private static StoredRecord storedRecord(ResultSet row) throws SQLException {
        return new StoredRecord(
                row.getString("chain_id"),
                row.getLong("seq"),
                row.getString("body"),
                row.getString("prev_hash"),
                row.getString("hash"));
    }

    private static ConsentRecord consentRecord(ResultSet row) throws SQLException {
        String body = row.getString("body");
        try {
            return RecordJson.parse(body, row.getString("prev_hash"), row.getString("hash"));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(
                    "record " + row.getLong("seq") + " of chain " + row.getString("chain_id")
                            + " cannot be read, its body is not a record (verify the ledger): " + e.getMessage(),
                    e);
        }
    }

    private static List<ConsentRecord> consentRecords(ResultSet rows) throws SQLException {
        List<ConsentRecord> records = new ArrayList<>();
        while (rows.next()) {
            records.add(consentRecord(rows));
        }
        return records;
    }

    // ---- JDBC plumbing ------------------------------------------------------------------------

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String what, String sql, Binder binder, Reader<T> reader) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs one statement in auto-commit mode (a checkpoint, an archived policy), durable when it returns. */
    private void update(String what, String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
            forceToDisk(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** A lazy stream of a query's rows that holds a connection until it is closed or read to the end. */
    private <T> Stream<T> stream(String what, String sql, Binder binder, RowStream.RowReader<T> reader) {
        Connection connection = null;
        boolean transaction = false;
        PreparedStatement statement = null;
        try {
            connection = dataSource.getConnection();
            if (dialect.cursorNeedsTransaction() && connection.getAutoCommit()) {
                connection.setAutoCommit(false);
                transaction = true;
            }
            statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize(connection));
            binder.bind(statement);
            ResultSet rows = statement.executeQuery();
            return new RowStream<>(connection, transaction, statement, rows, reader, e -> failure(what, e)).stream();
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                try {
                    if (statement != null) {
                        statement.close();
                    }
                    if (transaction) {
                        connection.rollback();
                        connection.setAutoCommit(true);
                    }
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (e instanceof SQLException sqlException) {
                throw failure(what, sqlException);
            }
            throw (RuntimeException) e;
        }
    }

    /** MySQL Connector/J streams only with this odd fetch size; every other driver takes a plain one. */
    private int fetchSize(Connection connection) throws SQLException {
        int size = fetchSize;
        if (size == 0) {
            String driver = connection.getMetaData().getDriverName();
            size = driver != null && driver.startsWith("MySQL Connector") ? Integer.MIN_VALUE : FETCH_SIZE;
            fetchSize = size;
        }
        return size;
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void resetAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            log.debug("Could not reset auto-commit on a consent ledger connection: {}", e.toString());
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            for (Throwable cause = next; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql
                        && ("23505".equals(sql.getSQLState()) || sql.getErrorCode() == 1062)) {
                    return true;
                }
            }
        }
        return false;
    }

    private LedgerException failure(String what, SQLException e) {
        String message = what + ": " + describe(e);
        String state = e.getSQLState();
        if ("42P01".equals(state) || "42S02".equals(state) || "42102".equals(state)) {
            message += ". Are the consent4j tables missing? Call initializeSchema() or run " + dialect.schemaResource();
        }
        return new LedgerException(message, e);
    }

    /** The database's words for what failed: for a batch, the failing statement's reason, not the batch's. */
    private static String describe(SQLException e) {
        SQLException reason = e;
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            reason = e.getNextException();
        }
        String text = reason.getMessage() == null ? reason.toString() : reason.getMessage();
        text = text.replaceAll("\\s+", " ").strip();
        if (text.length() > 400) {
            text = text.substring(0, 400) + "…";
        }
        return reason.getSQLState() == null ? text : text + " (SQL state " + reason.getSQLState() + ")";
    }

    @Override
    protected void closeStore() {
        release.run();
    }
}
