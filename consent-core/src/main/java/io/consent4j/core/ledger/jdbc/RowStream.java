/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.ledger.LedgerException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A query's rows as a lazy stream that owns its connection: closing the stream, or reading it to the end,
 * closes the result set, the statement and the connection, and ends the read-only transaction a cursor
 * needed.
 */
final class RowStream<T> extends Spliterators.AbstractSpliterator<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RowStream.class);

    /** Reads one row; may throw SQLException. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final Connection connection;
    private final boolean endTransaction;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowReader<T> reader;
    private final Function<SQLException, LedgerException> failure;
    private boolean closed;

    RowStream(
            Connection connection,
            boolean endTransaction,
            PreparedStatement statement,
            ResultSet rows,
            RowReader<T> reader,
            Function<SQLException, LedgerException> failure) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.connection = connection;
        this.endTransaction = endTransaction;
        this.statement = statement;
        this.rows = rows;
        this.reader = reader;
        this.failure = failure;
    }

    /** The stream over these rows; its {@code close()} releases them. */
    Stream<T> stream() {
        return StreamSupport.stream(this, false).onClose(this::close);
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        if (closed) {
            return false;
        }
        T next;
        try {
            if (!rows.next()) {
                close();
                return false;
            }
            next = reader.read(rows);
        } catch (SQLException e) {
            close();
            throw failure.apply(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        action.accept(next);
        return true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
            statement.close();
            if (endTransaction) {
                // Only read: ending with a rollback leaves nothing behind, then the pool gets it back as it was.
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            log.warn("Could not release a consent ledger query: {}", e.toString());
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("Could not close a consent ledger connection: {}", e.toString());
            }
        }
    }
}
