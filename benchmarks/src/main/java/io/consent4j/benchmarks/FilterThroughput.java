/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.consent4j.core.decision.ConsentDecider;
import io.consent4j.core.token.Consent;
import io.consent4j.servlet.ConsentFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The server half of {@code benchmarks/filter-throughput.sh}: one embedded Jetty on 127.0.0.1 serving the
 * same servlets without ({@code /plain/...}) and with {@link ConsentFilter} ({@code /gated/...}), so
 * that {@code wrk}, in a process of its own, can load both in alternating rounds. For reference it also
 * serves them behind a filter that only calls the chain ({@code /pass/...}) and one that only wraps the
 * response ({@code /wrap/...}). Both servlets set a necessary, an analytics and a marketing cookie:
 * {@code page} writes a constant 4 KB page, the least a servlet can do, against which the filter's own
 * cost shows most; {@code course} renders a course page with its lesson list from a Thymeleaf template,
 * as a learning site does. The script sends the consent cookie of a returning visitor who granted
 * analytics only, so the filter decides, checks three cookies and drops one. Prints
 * {@code ready port=<port> cookie=<name>=<value>} once it serves, and stops after {@code max-seconds} or
 * when its standard input closes, whichever comes first.
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
        context.addServlet(new ServletHolder(new CoursePageServlet()), "/course");
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        return context;
    }

    /** Three cookies of three categories: necessary, analytics (granted) and marketing (not granted). */
    static void setCookies(HttpServletResponse response) {
        response.addCookie(new Cookie("SESSION", "s1"));
        response.addCookie(new Cookie("_matomo_1", "a"));
        response.addCookie(new Cookie("_meta_pixel_1", "m"));
    }

    /** A constant page: 4 KB of HTML and three cookies of three categories. */
    static final class PageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final byte[] PAGE = ("<!doctype html><html lang=\"de\"><head><title>Kurs</title></head><body>"
                        + "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>".repeat(60)
                        + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            setCookies(response);
            response.setContentType("text/html;charset=utf-8");
            response.setContentLength(PAGE.length);
            response.getOutputStream().write(PAGE);
        }
    }

    /**
     * A course page rendered for every request from a Thymeleaf template (cached once parsed): navigation,
     * 24 lessons with links and badges, a video placeholder and a footer, about 7 KB, and the three cookies.
     */
    static final class CoursePageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final TemplateEngine ENGINE = engine();
        private static final Map<String, Object> MODEL = model();

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            setCookies(response);
            response.setContentType("text/html;charset=utf-8");
            ENGINE.process("course-page", new Context(Locale.GERMAN, MODEL), response.getWriter());
        }

        private static TemplateEngine engine() {
            ClassLoaderTemplateResolver resolver =
                    new ClassLoaderTemplateResolver(FilterThroughput.class.getClassLoader());
            resolver.setPrefix("io/consent4j/benchmarks/");
            resolver.setSuffix(".html");
            resolver.setTemplateMode(TemplateMode.HTML);
            resolver.setCharacterEncoding("UTF-8");
            resolver.setCacheable(true);
            TemplateEngine engine = new TemplateEngine();
            engine.setTemplateResolver(resolver);
            return engine;
        }

        private static Map<String, Object> model() {
            List<Lesson> lessons = new ArrayList<>();
            for (int i = 1; i <= 24; i++) {
                lessons.add(new Lesson(
                        "Lektion " + i + ": Brüche kürzen & erweitern <Teil " + i + ">",
                        8 + i % 9,
                        i % 4 == 0,
                        i <= 7));
            }
            Map<String, Object> model = new HashMap<>();
            model.put("site", "Lernplattform");
            model.put("assetVersion", "2026-11");
            model.put("learner", "lena@example.org");
            model.put(
                    "navigation",
                    List.of(
                            new Link("kurse", "Kurse"),
                            new Link("lernpfade", "Lernpfade"),
                            new Link("pruefungen", "Prüfungen"),
                            new Link("forum", "Forum"),
                            new Link("hilfe", "Hilfe"),
                            new Link("konto", "Mein Konto")));
            model.put(
                    "footer",
                    List.of(
                            new Link("impressum", "Impressum"), new Link("datenschutz", "Datenschutz"),
                            new Link("cookie-einstellungen", "Cookie-Einstellungen"), new Link("agb", "AGB")));
            model.put(
                    "course",
                    new Course(
                            "bruchrechnung",
                            "Bruchrechnung für die 6. Klasse",
                            "Von den Grundlagen bis zu gemischten Zahlen: Erklärvideos, Übungen und Quizze.",
                            lessons.stream().mapToInt(Lesson::minutes).sum(),
                            "12.11.2026",
                            List.copyOf(lessons)));
            return Map.copyOf(model);
        }
    }

    /** A link of the page's navigation or footer. */
    public record Link(String path, String label) {}

    /** A lesson of the course page. */
    public record Lesson(String title, int minutes, boolean quiz, boolean done) {}

    /** The course the page shows. */
    public record Course(
            String slug, String title, String summary, int minutes, String updated, List<Lesson> lessons) {}
}
