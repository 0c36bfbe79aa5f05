/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ledger.LedgerException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ledger's statements on connections borrowed from its data source, one connection per call
 * (or per open stream), and turns a database's {@link SQLException} into a {@link LedgerException} that
 * says what failed and, in the database's words, why.
 */
final class SqlRunner {

    private static final Logger log = LoggerFactory.getLogger(SqlRunner.class);

    /** Rows fetched per round trip when streaming. */
    private static final int FETCH_SIZE = 500;

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private volatile int fetchSize;

    SqlRunner(DataSource dataSource, JdbcDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads a whole result. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    JdbcDialect dialect() {
        return dialect;
    }

    /** A connection of the caller's own, to be closed by the caller. */
    Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** Runs a query and reads its result; {@code what} says what failed in the exception's message. */
    <T> T query(String what, String sql, Binder binder, Reader<T> reader) {
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

    /** A lazy stream of a query's rows that holds a connection until it is closed or read to the end. */
    <T> Stream<T> stream(String what, String sql, Binder binder, RowStream.RowReader<T> reader) {
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

    /** Rolls back, keeping a failure of the rollback with {@code cause}. */
    static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Gives the connection back to the pool in auto-commit mode, as it was lent. */
    static void resetAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            log.debug("Could not reset auto-commit on a consent ledger connection: {}", e.toString());
        }
    }

    /** Whether the database refused a row because its key exists (SQL state 23505, MySQL error 1062). */
    static boolean isDuplicateKey(SQLException e) {
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

    /** The exception for {@code e}, with a hint when the tables look missing. */
    LedgerException failure(String what, SQLException e) {
        String message = what + ": " + describe(e);
        String state = e.getSQLState();
        if ("42P01".equals(state) || "42S02".equals(state) || "42102".equals(state)) {
            message += ". Are the consent4j tables missing? Call initializeSchema() or run " + dialect.schemaResource();
        }
        return new LedgerException(message, e);
    }

    /** The database's words for what failed: for a batch, the failing statement's reason, not the batch's. */
    static String describe(SQLException e) {
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
}
