/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The JDBC consent ledger: {@link io.consent4j.core.ledger.jdbc.JdbcConsentLedger} keeps records, archived
 * policies, signed checkpoints and purge anchors in four tables of a PostgreSQL, H2, MySQL or MariaDB
 * database, through nothing but {@code java.sql} and {@code javax.sql}; the application brings the driver
 * and, best, a connection pool.
 *
 * <p>Several nodes share one database, each appending to its own chain (its own chain id), so that writes
 * never wait on another node; the primary key {@code (chain_id, seq)} refuses a second writer on the same
 * chain. The schema scripts ({@code schema-postgresql.sql}, {@code schema-h2.sql}, {@code schema-mysql.sql}
 * in this package's resources) are idempotent; {@link
 * io.consent4j.core.ledger.jdbc.JdbcConsentLedger#initializeSchema()} runs the one for the database, and
 * a DBA can run it by hand instead.
 *
 * <p>Table {@code consent_record} holds, per record, the canonical body that its hash covers and, for the
 * indexes, copies of a few of its parts: consent id, account reference, time and event. Records are read
 * from the body alone, and verification reports a row whose copies differ from its body as changed (C24).
 *
 * <p>Inside, the public ledger hands its work to package-private parts, one job each: {@code LedgerSchema}
 * creates the tables, {@code LedgerWrites} is the append path (group inserts, checkpoints, archived
 * policies, purges, each forced to the disk on H2), {@code LedgerQueries} the query path (lookups, range
 * streams through {@code RowStream}, chain reads, anchors), {@code SqlRunner} borrows connections and
 * turns SQL errors into {@link io.consent4j.core.ledger.LedgerException}s, and {@code LedgerSql} and
 * {@link io.consent4j.core.ledger.jdbc.JdbcDialect} hold the SQL, shared and per database.
 */
package io.consent4j.core.ledger.jdbc;
