/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.consent4j.core.ConsentDecider;
import io.consent4j.servlet.ConsentFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * Throughput of the same servlet with and without {@link ConsentFilter}, on one embedded Jetty on
 * 127.0.0.1, in the same run: rounds alternate between the two so that both see the same machine.
 * Every request is a returning visitor whose consent grants analytics only; the servlet renders a
 * 4 KB page and sets a necessary, an analytics and a marketing cookie, so the filter decides, checks
 * three cookies and drops one. Bounded in time; stops by itself.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.consent4j.benchmarks.FilterThroughput [seconds-per-round] [rounds] [connections]</pre>
 */
public final class FilterThroughput {

    private FilterThroughput() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;

        var policy = Fixtures.policy();
        var codec = Fixtures.codec();
        var consent = new io.consent4j.core.Consent(
                Fixtures.consent(1, false).id(),
                3,
                Set.of("analytics"),
                Set.of("matomo", "google-analytics", "hotjar"),
                Fixtures.consent(1, false).issuedAt(),
                Fixtures.consent(1, false).expiresAt(),
                false,
                io.consent4j.core.AgeBand.UNSPECIFIED,
                false);
        String cookie = codec.encode(consent, policy);
        ConsentDecider decider = ConsentDecider.builder(policy, codec).build();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(context("/plain", null));
        contexts.addHandler(context("/gated", ConsentFilter.of(decider)));
        server.setHandler(contexts);
        server.start();
        int port = connector.getLocalPort();
        try {
            System.out.printf(
                    "FilterThroughput: %d rounds of %d s per variant, %d keep-alive connections, port %d%n",
                    rounds, seconds, connections, port);
            // Warm both variants up for a full round each, so the JIT has settled before anything counts.
            run(port, "/plain/page", cookie, connections, seconds);
            run(port, "/gated/page", cookie, connections, seconds);
            long plain = 0;
            long gated = 0;
            for (int round = 1; round <= rounds; round++) {
                long p = run(port, "/plain/page", cookie, connections, seconds);
                long g = run(port, "/gated/page", cookie, connections, seconds);
                plain += p;
                gated += g;
                System.out.printf(
                        "round %d: without filter %,8.0f req/s   with filter %,8.0f req/s   ratio %.3f%n",
                        round, p / (double) seconds, g / (double) seconds, g / (double) p);
            }
            System.out.printf(
                    "TOTAL: without filter %,.0f req/s, with filter %,.0f req/s, ratio %.3f (target >= 0.97)%n",
                    plain / (double) (seconds * rounds), gated / (double) (seconds * rounds), gated / (double) plain);
        } finally {
            server.stop();
        }
    }

    private static ServletContextHandler context(String path, ConsentFilter filter) {
        ServletContextHandler context = new ServletContextHandler(path);
        context.addServlet(new ServletHolder(new PageServlet()), "/page");
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        return context;
    }

    /** A course page: 4 KB of HTML and three cookies of three categories. */
    static final class PageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final byte[] PAGE = ("<!doctype html><html lang=\"de\"><head><title>Kurs</title></head><body>"
                        + "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>".repeat(60)
                        + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.addCookie(new Cookie("SESSION", "s1"));
            response.addCookie(new Cookie("_matomo_1", "a"));
            response.addCookie(new Cookie("_meta_pixel_1", "m"));
            response.setContentType("text/html;charset=utf-8");
            response.setContentLength(PAGE.length);
            response.getOutputStream().write(PAGE);
        }
    }

    private static long run(int port, String path, String cookie, int connections, int seconds) throws Exception {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: consent4j=" + cookie
                        + "\r\nAccept: text/html\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        LongAdder done = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port));
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[16384];
                    while (running.get()) {
                        out.write(request);
                        readResponse(in, buffer);
                        done.increment();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        return done.sum();
    }

    /** Reads one response: headers up to the blank line, then Content-Length bytes. */
    private static void readResponse(InputStream in, byte[] buffer) throws IOException {
        int length = 0;
        int headerEnd = -1;
        while (headerEnd < 0) {
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            length += n;
            for (int i = 3; i < length; i++) {
                if (buffer[i - 3] == '\r' && buffer[i - 2] == '\n' && buffer[i - 1] == '\r' && buffer[i] == '\n') {
                    headerEnd = i + 1;
                    break;
                }
            }
        }
        String headers = new String(buffer, 0, headerEnd, StandardCharsets.US_ASCII);
        if (!headers.startsWith("HTTP/1.1 200")) {
            throw new IOException(
                    "unexpected response: " + headers.lines().findFirst().orElse(""));
        }
        int at = headers.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
        int end = headers.indexOf('\r', at);
        int contentLength = Integer.parseInt(headers.substring(at + 15, end).strip());
        int remaining = contentLength - (length - headerEnd);
        while (remaining > 0) {
            int n = in.read(buffer, 0, Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("connection closed");
            }
            remaining -= n;
        }
    }
}
