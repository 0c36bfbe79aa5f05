/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.consent4j.core.Consent;
import io.consent4j.core.ConsentDecider;
import io.consent4j.servlet.ConsentFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The server half of {@code benchmarks/filter-throughput.sh}: one embedded Jetty on 127.0.0.1 serving the
 * same servlet without ({@code /plain/page}) and with {@link ConsentFilter} ({@code /gated/page}), so
 * that {@code wrk}, in a process of its own, can load both in alternating rounds. For reference it also
 * serves the servlet behind a filter that only calls the chain ({@code /pass/page}) and one that only
 * wraps the response ({@code /wrap/page}). The servlet renders a
 * 4 KB course page and sets a necessary, an analytics and a marketing cookie; the script sends the
 * consent cookie of a returning visitor who granted analytics only, so the filter decides, checks three
 * cookies and drops one. Prints {@code ready port=<port> cookie=<name>=<value>} once it serves, and stops
 * after {@code max-seconds} or when its standard input closes, whichever comes first.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.consent4j.benchmarks.FilterThroughput [port] [max-seconds]</pre>
 */
public final class FilterThroughput {

    private FilterThroughput() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        long maxSeconds = args.length > 1 ? Long.parseLong(args[1]) : 600;

        var policy = Fixtures.policy();
        var codec = Fixtures.codec();
        Consent analyticsOnly = Fixtures.analyticsOnly();
        ConsentFilter filter =
                ConsentFilter.of(ConsentDecider.builder(policy, codec).build());
        String cookie = filter.settings().cookieName() + "=" + codec.encode(analyticsOnly, policy);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(context("/plain", null));
        contexts.addHandler(context("/gated", filter));
        contexts.addHandler(context("/pass", (req, res, chain) -> chain.doFilter(req, res)));
        contexts.addHandler(context(
                "/wrap",
                (req, res, chain) -> chain.doFilter(
                        req, new jakarta.servlet.http.HttpServletResponseWrapper((HttpServletResponse) res))));
        server.setHandler(contexts);
        server.start();
        try {
            System.out.println("ready port=" + connector.getLocalPort() + " cookie=" + cookie);
            System.out.flush();
            Thread stdin = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // Runs until the script closes the pipe.
                    }
                } catch (IOException e) {
                    // Closed: stop as well.
                }
            });
            stdin.setDaemon(true);
            stdin.start();
            stdin.join(maxSeconds * 1000);
        } finally {
            server.stop();
        }
    }

    private static ServletContextHandler context(String path, Filter filter) {
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
}
