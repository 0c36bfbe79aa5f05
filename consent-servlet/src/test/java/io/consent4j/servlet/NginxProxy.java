/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real nginx from the system's package (Debian: {@code apt-get install -y nginx-light}) as a caching
 * reverse proxy in front of a test site: one process ({@code daemon off; master_process off;}) on
 * 127.0.0.1 and a free port, with its configuration, pid file, logs, temporary files and page cache in a
 * directory the test owns. It caches every {@code 200} answer to a {@code GET} for ten minutes unless the
 * site's headers forbid it, as a page cache in front of a site that never thought about caching would;
 * {@code X-Cache-Status} says whether an answer came from the cache ({@code HIT}) or the site.
 *
 * <p>Without nginx the calling test is skipped with a message, unless {@code CONSENT4J_E2E=required}
 * says the run must not skip (as in CI).
 */
final class NginxProxy implements AutoCloseable {

    /** Where Debian's nginx packages install the server. */
    static final Path BINARY = Path.of("/usr/sbin/nginx");

    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Process process;
    private final Path directory;
    private final int port;

    private NginxProxy(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Skips the calling test when nginx is not installed, or fails it when {@code CONSENT4J_E2E=required}. */
    static void requireOrSkip() {
        if (!Files.isExecutable(BINARY)) {
            String message = "nginx is not installed at " + BINARY + " (apt-get install -y nginx-light)";
            if ("required".equals(System.getenv("CONSENT4J_E2E"))) {
                Assertions.fail(message + ", and CONSENT4J_E2E=required");
            }
            Assumptions.abort("Skipping the caching proxy test: " + message);
        }
    }

    /** Starts nginx in {@code directory}, proxying to and caching the site on {@code upstreamPort}. */
    static NginxProxy start(int upstreamPort, Path directory) throws IOException {
        requireOrSkip();
        IOException last = null;
        // A free port found here may be taken before nginx binds it; then try another.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path conf = directory.resolve("nginx.conf");
            Files.writeString(conf, configuration(directory, port, upstreamPort));
            Path errors = directory.resolve("error.log");
            Process process = new ProcessBuilder(
                            BINARY.toString(),
                            "-p",
                            directory.toString(),
                            "-c",
                            conf.toString(),
                            "-e",
                            errors.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("nginx.out").toFile())
                    .start();
            NginxProxy proxy = new NginxProxy(process, directory, port);
            if (proxy.awaitListening()) {
                return proxy;
            }
            proxy.close();
            String log = Files.exists(errors) ? Files.readString(errors) : "";
            last = new IOException("nginx did not start on port " + port + "; its error log:\n" + log
                    + Files.readString(directory.resolve("nginx.out")));
            if (!log.contains("Address already in use")) {
                break;
            }
        }
        throw last;
    }

    private static String configuration(Path directory, int port, int upstreamPort) {
        String dir = directory.toAbsolutePath().toString();
        return """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {
                    worker_connections 64;
                }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy_temp;
                    fastcgi_temp_path %1$s/fastcgi_temp;
                    uwsgi_temp_path %1$s/uwsgi_temp;
                    scgi_temp_path %1$s/scgi_temp;
                    proxy_cache_path %1$s/cache levels=1:2 keys_zone=pages:1m max_size=10m inactive=10m
                                     use_temp_path=off;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://127.0.0.1:%3$d;
                            proxy_set_header Host $http_host;
                            proxy_set_header X-Forwarded-For $remote_addr;
                            proxy_cache pages;
                            proxy_cache_valid 200 10m;
                            add_header X-Cache-Status $upstream_cache_status always;
                        }
                    }
                }
                """.formatted(dir, port, upstreamPort);
    }

    /** Waits until nginx accepts connections, or its process ended, for at most 30 s. */
    private boolean awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return true;
            } catch (IOException notYet) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The origin clients use, such as {@code http://127.0.0.1:41234}. */
    String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** What nginx logged as errors so far, for failure messages. */
    String errorLog() {
        try {
            Path errors = directory.resolve("error.log");
            return Files.exists(errors) ? Files.readString(errors) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops nginx (SIGTERM, then SIGKILL after 30 s) and waits for its process to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
