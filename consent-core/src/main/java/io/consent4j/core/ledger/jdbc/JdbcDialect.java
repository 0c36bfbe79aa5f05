/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ledger.LedgerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL databases {@link JdbcConsentLedger} supports, each with its schema script
 * ({@code io/consent4j/core/ledger/jdbc/schema-<name>.sql} in consent-core's jar) and the few statements
 * that differ between them. The ledger detects the dialect from the connection's metadata unless it is
 * given one.
 */
public enum JdbcDialect {
    /** PostgreSQL 12 or later. */
    POSTGRESQL(
            "postgresql",
            "INSERT INTO consent_policy (content_hash, version, canonical_json, archived_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (content_hash) DO NOTHING",
            "INSERT INTO consent_anchor (chain_id, seq, hash) VALUES (?, ?, ?) ON CONFLICT (chain_id)"
                    + " DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash"
                    + " WHERE consent_anchor.seq < EXCLUDED.seq"),
    /** H2 2.x, embedded (file or memory) or as a server. */
    H2(
            "h2",
            // H2 has no "insert unless present" that is safe against a concurrent insert; the ledger
            // treats a duplicate key on this statement as "already archived".
            "INSERT INTO consent_policy (content_hash, version, canonical_json, archived_at) VALUES (?, ?, ?, ?)",
            "MERGE INTO consent_anchor a USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS BIGINT),"
                    + " CAST(? AS VARCHAR(64)))) s (chain_id, seq, hash) ON a.chain_id = s.chain_id"
                    + " WHEN MATCHED AND a.seq < s.seq THEN UPDATE SET seq = s.seq, hash = s.hash"
                    + " WHEN NOT MATCHED THEN INSERT (chain_id, seq, hash) VALUES (s.chain_id, s.seq, s.hash)"),
    /** MySQL 8 and MariaDB 10.5 or later, with InnoDB tables. */
    MYSQL(
            "mysql",
            "INSERT INTO consent_policy (content_hash, version, canonical_json, archived_at) VALUES (?, ?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE content_hash = content_hash",
            // hash first: MySQL assigns left to right, so seq must still hold the old value there.
            "INSERT INTO consent_anchor (chain_id, seq, hash) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE"
                    + " hash = CASE WHEN VALUES(seq) > seq THEN VALUES(hash) ELSE hash END,"
                    + " seq = GREATEST(seq, VALUES(seq))");

    /** The key of PostgreSQL's advisory lock on schema creation: any fixed number will do. */
    private static final long SCHEMA_LOCK = 0x636f6e73656e7434L;

    private final String name;
    private final String insertPolicy;
    private final String upsertAnchor;

    JdbcDialect(String name, String insertPolicy, String upsertAnchor) {
        this.name = name;
        this.insertPolicy = insertPolicy;
        this.upsertAnchor = upsertAnchor;
    }

    /**
     * The dialect of the database behind {@code metadata}: PostgreSQL, H2, MySQL or MariaDB.
     *
     * @throws LedgerException when the database is none of them
     */
    public static JdbcDialect detect(DatabaseMetaData metadata) throws SQLException {
        String product = metadata.getDatabaseProductName();
        String lower = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (lower.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (lower.equals("h2")) {
            return H2;
        }
        if (lower.contains("mysql") || lower.contains("mariadb")) {
            return MYSQL;
        }
        throw new LedgerException("the JDBC consent ledger does not support the database '" + product
                + "'; it supports PostgreSQL, H2, MySQL and MariaDB");
    }

    /** The class-path resource holding this dialect's schema script. */
    public String schemaResource() {
        return "io/consent4j/core/ledger/jdbc/schema-" + name + ".sql";
    }

    /** This dialect's schema script, for a DBA or a migration tool: idempotent statements ending in {@code ;}. */
    public String schemaScript() {
        try (InputStream in = JdbcDialect.class.getClassLoader().getResourceAsStream(schemaResource())) {
            if (in == null) {
                throw new IllegalStateException(schemaResource() + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + schemaResource(), e);
        }
    }

    /** The statements of the schema script, without comments. */
    List<String> schemaStatements() {
        StringBuilder text = new StringBuilder();
        for (String line : schemaScript().split("\n")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : text.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    /** Inserts a policy unless one with the same hash is stored: hash, version, JSON, time. */
    String insertPolicySql() {
        return insertPolicy;
    }

    /** Stores an anchor unless the chain has one at a later sequence number: chain, seq, hash. */
    String upsertAnchorSql() {
        return upsertAnchor;
    }

    /**
     * The statement that inserts a whole group of records from one array per column, or null where the
     * group is inserted as a JDBC batch. PostgreSQL parses and plans one statement instead of one per row
     * (or per chunk, with the driver's reWriteBatchedInserts), which makes group commits about a fifth
     * faster. Being one statement, it is also its own transaction in auto-commit mode, which saves the
     * separate commit's round trip. Parameters: the arrays of chain ids, sequence numbers, record ids,
     * ISO-8601 times, consent ids, account references, events, bodies, previous hashes and hashes.
     */
    String insertRecordArraysSql() {
        if (this != POSTGRESQL) {
            return null;
        }
        return "INSERT INTO consent_record"
                + " (chain_id, seq, record_id, recorded_at, consent_id, account_ref, event, body, prev_hash, hash)"
                + " SELECT * FROM unnest(CAST(? AS varchar[]), CAST(? AS bigint[]), CAST(? AS varchar[]),"
                + " CAST(? AS timestamptz[]), CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS varchar[]),"
                + " CAST(? AS text[]), CAST(? AS varchar[]), CAST(? AS varchar[]))";
    }

    /**
     * The statement that makes nodes creating the schema at the same time take turns, inside the
     * transaction that creates it, or null where the schema is created without one: PostgreSQL takes a
     * transaction-scoped advisory lock.
     */
    String schemaLockSql() {
        return this == POSTGRESQL ? "SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")" : null;
    }

    /**
     * The query for H2's {@code WRITE_DELAY} setting, which says how long H2 keeps a commit in memory
     * before writing it to its file; null for the other databases, which write at commit.
     */
    String writeDelaySql() {
        return this == H2
                ? "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'"
                : null;
    }

    /**
     * The statement that forces committed data from the operating system's cache to the disk, or null
     * where the commit itself does (PostgreSQL and MySQL). H2's {@code CHECKPOINT SYNC} needs admin rights.
     */
    String forceToDiskSql() {
        return this == H2 ? "CHECKPOINT SYNC" : null;
    }

    /** Whether a result set streams only inside a transaction (PostgreSQL's cursors). */
    boolean cursorNeedsTransaction() {
        return this == POSTGRESQL;
    }

    /**
     * A {@code DATETIME(3)} literal in UTC. MySQL's DATETIME has no zone, and the drivers disagree on what
     * a {@code LocalDateTime} parameter becomes: MySQL Connector/J drops its milliseconds on a server that
     * reports a version before 5.6.4, as MariaDB does ({@code 5.5.5-10.x}). Text is read the same by
     * every driver and server.
     */
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Binds a time, in UTC with millisecond precision. */
    void setTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        Instant millis = time.truncatedTo(ChronoUnit.MILLIS);
        if (this == MYSQL) {
            statement.setString(index, DATETIME.format(millis));
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(millis, ZoneOffset.UTC));
        }
    }

    /** Reads a time bound by {@link #setTime}. */
    Instant getTime(ResultSet row, String column) throws SQLException {
        if (this == MYSQL) {
            LocalDateTime time = row.getObject(column, LocalDateTime.class);
            return time == null ? null : time.toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
