/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.util.EnumSet;
import java.util.Set;

/**
 * A small web application set up only through the portable Servlet API, so that every container
 * runs exactly the same one: the filter on {@code /app/*}, and servlets that set cookies in every way
 * a servlet can.
 *
 * <p>{@code /app/script?do=step,step,...} runs the steps in order, then writes what
 * {@link ConsentRequests} answers as {@code analytics=…,matomo=…,necessary=…,state=…}. A step is
 * {@code addCookie:NAME}, {@code addHeader:NAME}, {@code setHeader:NAME} (each setting {@code NAME=v}
 * on path {@code /}), {@code addLower:NAME} and {@code setUpper:NAME} (the header name in lower or
 * upper case), {@code addInt} and {@code setDate} (a Set-Cookie header given as a number or date),
 * {@code removeCookies} ({@code setHeader("Set-Cookie", null)}), {@code session}, {@code write},
 * {@code flush} or {@code reset}; for the caching headers also {@code read} (asks {@link ConsentRequests}),
 * {@code attribute} (reads the decision's request attribute, as JSP EL does), {@code set:NAME=VALUE},
 * {@code add:NAME=VALUE}, {@code setInt:NAME=N} and {@code default:NAME=VALUE} (added only when the
 * response reports no such header, as Spring Security adds its defaults), where {@code ;} in VALUE
 * stands for {@code ", "}. {@code /app/kids/script} is the same servlet in a child-facing area;
 * {@code /app/steps?do=…} runs the steps without asking anything afterwards.
 * {@code /app/forward?to=PATH} forwards there, {@code /app/async} dispatches to the script
 * asynchronously, and {@code /open/ask} lies outside the filter. {@code /app/measure} (and, outside the
 * filter, {@code /open/measure}) writes what {@link ServerSideMeasurement} answers for the services
 * {@code matomo}, {@code ga} and {@code newsletter}.
 */
final class TestApp implements ServletContainerInitializer {

    private final ConsentFilter filter;
    private final String sessionCookieName;

    TestApp(ConsentFilter filter, String sessionCookieName) {
        this.filter = filter;
        this.sessionCookieName = sessionCookieName;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (sessionCookieName != null) {
            context.getSessionCookieConfig().setName(sessionCookieName);
        }
        FilterRegistration.Dynamic consent = context.addFilter("consent4j", filter);
        consent.setAsyncSupported(true);
        consent.addMappingForUrlPatterns(
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR, DispatcherType.ASYNC),
                false,
                "/app/*");
        add(context, "script", new ScriptServlet(), "/app/script", "/app/kids/script");
        add(context, "steps", new StepsServlet(), "/app/steps");
        add(context, "forward", new ForwardServlet(), "/app/forward");
        add(context, "async", new AsyncServlet(), "/app/async");
        add(context, "open", new OpenServlet(), "/open/ask");
        add(context, "measure", new MeasureServlet(), "/app/measure", "/open/measure");
    }

    private static void add(ServletContext context, String name, HttpServlet servlet, String... paths) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        registration.setAsyncSupported(true);
        registration.addMapping(paths);
    }

    /** Runs the steps of {@code do}, then reports what the request may do. */
    static final class ScriptServlet extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            runAll(request, response);
            response.getWriter()
                    .write("analytics=" + ConsentRequests.allowed(request, "analytics")
                            + ",matomo=" + ConsentRequests.allowed(request, "matomo")
                            + ",necessary=" + ConsentRequests.allowed(request, "necessary")
                            + ",state="
                            + ConsentRequests.decision(request)
                                    .map(d -> d.state().name())
                                    .orElse("none"));
        }

        static void runAll(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String script = request.getParameter("do");
            if (script != null && !script.isEmpty()) {
                for (String step : script.split(",")) {
                    run(step, request, response);
                }
            }
        }

        private static void run(String step, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            int colon = step.indexOf(':');
            String op = colon < 0 ? step : step.substring(0, colon);
            String name = colon < 0 ? null : step.substring(colon + 1);
            switch (op) {
                case "addCookie" -> {
                    Cookie cookie = new Cookie(name, "v");
                    cookie.setPath("/");
                    response.addCookie(cookie);
                }
                case "addHeader" -> response.addHeader("Set-Cookie", name + "=v; Path=/");
                case "setHeader" -> response.setHeader("Set-Cookie", name + "=v; Path=/");
                case "addLower" -> response.addHeader("set-cookie", name + "=v; Path=/");
                case "setUpper" -> response.setHeader("SET-COOKIE", name + "=v; Path=/");
                case "addInt" -> response.addIntHeader("Set-Cookie", 5);
                case "setDate" -> response.setDateHeader("Set-Cookie", 0);
                case "removeCookies" -> response.setHeader("Set-Cookie", null);
                case "session" -> request.getSession(true);
                case "write" -> response.getWriter().write("body;");
                case "flush" -> response.flushBuffer();
                case "reset" -> response.reset();
                case "read" -> ConsentRequests.decision(request);
                case "attribute" -> request.getAttribute(ConsentRequests.DECISION_ATTRIBUTE);
                case "set" -> response.setHeader(headerName(name), headerValue(name));
                case "add" -> response.addHeader(headerName(name), headerValue(name));
                case "setInt" -> response.setIntHeader(headerName(name), Integer.parseInt(headerValue(name)));
                case "default" -> {
                    if (!response.containsHeader(headerName(name))) {
                        response.addHeader(headerName(name), headerValue(name));
                    }
                }
                default -> throw new IllegalArgumentException("unknown step '" + step + "'");
            }
        }
    }

    private static String headerName(String nameAndValue) {
        return nameAndValue.substring(0, nameAndValue.indexOf('='));
    }

    private static String headerValue(String nameAndValue) {
        return nameAndValue.substring(nameAndValue.indexOf('=') + 1).replace(";", ", ");
    }

    /** Runs the steps of {@code do} and asks nothing else, like a static file or a page that ignores consent. */
    static final class StepsServlet extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ScriptServlet.runAll(request, response);
            response.getWriter().write("steps done");
        }
    }

    /** Forwards to {@code to} with the response it was given. */
    static final class ForwardServlet extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException, jakarta.servlet.ServletException {
            request.getRequestDispatcher(request.getParameter("to")).forward(request, response);
        }
    }

    /** Starts async mode with the unwrapped request and response, and dispatches to the script. */
    static final class AsyncServlet extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            async.dispatch("/app/script");
        }
    }

    /** Outside the filter: asks {@link ConsentRequests} anyway. */
    static final class OpenServlet extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter()
                    .write("necessary=" + ConsentRequests.allowed(request, "necessary")
                            + ",analytics=" + ConsentRequests.allowed(request, "analytics")
                            + ",decision=" + ConsentRequests.decision(request).isPresent());
        }
    }

    /** What server-side tracking would be told: {@code matomo=…,ga=…,newsletter=…,cache=…}. */
    static final class MeasureServlet extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter()
                    .write("matomo=" + ServerSideMeasurement.allows(request, "matomo")
                            + ",ga=" + ServerSideMeasurement.allows(request, "ga")
                            + ",newsletter=" + ServerSideMeasurement.allows(request, "newsletter"));
        }
    }
}
