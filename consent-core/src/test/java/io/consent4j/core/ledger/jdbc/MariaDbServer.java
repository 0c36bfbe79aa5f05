/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One real MariaDB server for all tests of a JVM, from the system's {@code mariadb-server} package
 * (Debian: {@code apt-get install -y mariadb-server}): a new data directory in a temporary folder, a
 * server on 127.0.0.1 and a free port, stopped when the JVM exits. Each test gets a fresh database in it.
 *
 * <p>Without the package the tests skip with a message, unless {@code CONSENT4J_MARIADB=required} says
 * the run must not skip (as in CI).
 */
final class MariaDbServer {

    /** Where Debian's {@code mariadb-server} package installs the server and its set-up tool. */
    static final Path SERVER = Path.of("/usr/sbin/mariadbd");

    static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Process server;
    private static int port;
    private static Path directory;

    private MariaDbServer() {}

    /**
     * Skips the calling test with a message when MariaDB is not installed, or fails it when
     * {@code CONSENT4J_MARIADB=required}.
     */
    static void requireOrSkip() {
        if (!Files.isExecutable(SERVER) || !Files.isExecutable(INSTALL_DB)) {
            String message = "MariaDB is not installed at " + SERVER + " (apt-get install -y mariadb-server)";
            if ("required".equals(System.getenv("CONSENT4J_MARIADB"))) {
                Assertions.fail(message + ", and CONSENT4J_MARIADB=required");
            }
            Assumptions.abort("Skipping the MariaDB tests: " + message);
        }
    }

    /** The port of the running server, started on first use. */
    static synchronized int port() {
        if (server == null) {
            start();
        }
        return port;
    }

    /** A JDBC URL for {@code database} with the given scheme ({@code mariadb} or {@code mysql}). */
    static String url(String scheme, String database) {
        return url(scheme, database, port());
    }

    private static String url(String scheme, String database, int port) {
        String url = "jdbc:" + scheme + "://127.0.0.1:" + port + "/" + database;
        // Connector/J would otherwise try TLS first, which this server is not set up for.
        return scheme.equals("mysql") ? url + "?sslMode=DISABLED" : url;
    }

    /** Creates a new, empty database and returns its name. */
    static String newDatabase() {
        String database = "ledger_" + DATABASES.incrementAndGet() + "_"
                + ProcessHandle.current().pid();
        admin("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return database;
    }

    /** Drops a database made by {@link #newDatabase()}. */
    static void dropDatabase(String database) {
        admin("DROP DATABASE IF EXISTS " + database);
    }

    /** A small connection pool on {@code database}, through the driver that {@code scheme} names. */
    static HikariDataSource pool(String scheme, String database, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url(scheme, database));
        config.setUsername("root");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName("ledger-test-" + scheme + "-" + database);
        return new HikariDataSource(config);
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(url("mariadb", ""), "root", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB could not run: " + sql, e);
        }
    }

    private static void start() {
        requireOrSkip();
        try {
            directory = Files.createTempDirectory("consent4j-mariadb");
            Path data = directory.resolve("data");
            run(List.of(
                    INSTALL_DB.toString(),
                    "--no-defaults",
                    "--datadir=" + data,
                    "--user=" + System.getProperty("user.name"),
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db"));
            // A port found free is free only until someone takes it, and others share this machine: when the
            // server cannot bind it, or another server answers there, it is tried again on another port.
            for (int attempt = 1; ; attempt++) {
                port = freePort();
                Process started = new ProcessBuilder(
                                SERVER.toString(),
                                "--no-defaults",
                                "--datadir=" + data,
                                "--socket=" + socket(),
                                "--pid-file=" + directory.resolve("mariadb.pid"),
                                "--bind-address=127.0.0.1",
                                "--port=" + port,
                                "--user=" + System.getProperty("user.name"),
                                "--skip-log-bin",
                                "--skip-name-resolve",
                                "--innodb-buffer-pool-size=64M",
                                "--max-connections=200")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(
                                directory.resolve("server.log").toFile()))
                        .start();
                if (awaitConnections(started)) {
                    server = started;
                    Path removeOnExit = directory;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started, removeOnExit)));
                    return;
                }
                stopServer(started);
                if (attempt == 5) {
                    throw new IllegalStateException("MariaDB did not start on any of five free ports; its log:\n"
                            + Files.readString(directory.resolve("server.log")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start MariaDB", e);
        }
    }

    private static Path socket() {
        return directory.resolve("mariadb.sock");
    }

    /**
     * Waits until {@code started} accepts connections on {@link #port}: true when it does, false when it
     * exited first or another server answers on that port (known by its socket, which is this one's own).
     */
    private static boolean awaitConnections(Process started) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                return false;
            }
            try (Connection connection = DriverManager.getConnection(url("mariadb", "", port), "root", "");
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT @@socket")) {
                return row.next() && socket().toString().equals(row.getString(1));
            } catch (SQLException e) {
                last = e; // not listening yet, or (as "another" server) refusing root without a password
            }
            sleep(100); // polls a process that reports readiness no other way
        }
        String log = Files.readString(directory.resolve("server.log"));
        throw new IllegalStateException(
                "MariaDB did not accept connections on port " + port + " within 60 s; its log:\n" + log, last);
    }

    private static void run(List<String> command) throws IOException {
        Path log = directory.resolve(Path.of(command.get(0)).getFileName() + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " failed; its output:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void stop(Process started, Path removeOnExit) {
        stopServer(started);
        try (Stream<Path> files = Files.walk(removeOnExit)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // the JVM is exiting; the folder is temporary
        }
    }

    private static void stopServer(Process started) {
        started.destroy(); // SIGTERM: the server shuts down cleanly
        try {
            if (!started.waitFor(30, TimeUnit.SECONDS)) {
                started.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for MariaDB", e);
        }
    }
}
