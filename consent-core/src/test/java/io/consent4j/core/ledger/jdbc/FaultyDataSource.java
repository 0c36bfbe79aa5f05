/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source around a real one that counts open connections and can make commits fail, either before
 * the database commits or after (as when the connection is lost while the server commits). A commit is a
 * call of {@code commit()}, or, in auto-commit mode, the execution of an insert into
 * {@code consent_record}, which commits by itself; reads can be made to fail too. Records the commits and the SQL run through plain
 * statements, in order, so that a test can see what follows a commit.
 */
final class FaultyDataSource implements DataSource {

    /** What a commit does. */
    enum Commit {
        WORKS,
        FAILS,
        FAILS_AFTER_COMMITTING
    }

    private final DataSource target;
    private final AtomicInteger open = new AtomicInteger();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    volatile Commit commit = Commit.WORKS;
    /** When set, every {@code SELECT} fails, as when the database cannot be reached for a while. */
    volatile boolean readsFail;

    FaultyDataSource(DataSource target) {
        this.target = target;
    }

    /** Every {@code commit()} (as {@code "commit"}) and every SQL text run through a plain statement, in order. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    /** Connections taken and not yet closed. */
    int openConnections() {
        return open.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        open.incrementAndGet();
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "commit" -> {
                            calls.add("commit");
                            Commit mode = commit;
                            if (mode == Commit.FAILS) {
                                throw new SQLException("No space left on device", "58030");
                            }
                            connection.commit();
                            if (mode == Commit.FAILS_AFTER_COMMITTING) {
                                throw new SQLException("An I/O error occurred while sending to the backend", "08006");
                            }
                            return null;
                        }
                        case "prepareStatement" -> {
                            if (readsFail && ((String) args[0]).startsWith("SELECT")) {
                                throw new SQLException("Connection refused", "08001");
                            }
                            PreparedStatement statement = (PreparedStatement) invoke(method, connection, args);
                            return ((String) args[0]).startsWith("INSERT INTO consent_record")
                                    ? committing(statement, connection)
                                    : statement;
                        }
                        case "createStatement" -> {
                            return recording((Statement) invoke(method, connection, args));
                        }
                        case "close" -> {
                            if (!closed[0]) {
                                closed[0] = true;
                                open.decrementAndGet();
                            }
                        }
                        default -> {}
                    }
                    return invoke(method, connection, args);
                });
    }

    /** A statement that records the SQL it runs. */
    private Statement recording(Statement statement) {
        return (Statement) Proxy.newProxyInstance(
                Statement.class.getClassLoader(), new Class<?>[] {Statement.class}, (p, m, a) -> {
                    if (m.getName().startsWith("execute") && a != null && a.length > 0 && a[0] instanceof String sql) {
                        calls.add(sql);
                    }
                    return invoke(m, statement, a);
                });
    }

    /** An insert that, in auto-commit mode, fails as {@link #commit} says. */
    private PreparedStatement committing(PreparedStatement statement, Connection connection) {
        return (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                    boolean executes = m.getName().startsWith("execute");
                    Commit mode = commit;
                    if (executes && connection.getAutoCommit() && mode == Commit.FAILS) {
                        throw new SQLException("No space left on device", "58030");
                    }
                    Object result = invoke(m, statement, a);
                    if (executes && connection.getAutoCommit() && mode == Commit.FAILS_AFTER_COMMITTING) {
                        throw new SQLException("An I/O error occurred while sending to the backend", "08006");
                    }
                    return result;
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return target.isWrapperFor(type);
    }
}
