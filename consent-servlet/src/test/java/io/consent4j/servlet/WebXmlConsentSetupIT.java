/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.policy.PolicyJson;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAR whose {@code web.xml} has only {@code consent4j.*} context parameters, on a real Jetty web
 * application: consent-servlet's web fragment installs consent4j from them, stays out of the way of an
 * application without them or one that installs consent4j in code, and stops the start naming a bad one.
 */
class WebXmlConsentSetupIT {

    @TempDir
    Path dir;

    @Test
    void aWarWithOnlyContextParametersGetsTheEndpointAndTheFilter_C15() throws Exception {
        try (RunningWar war = RunningWar.start(webApp(complete(), ""))) {
            HttpResponse<String> state = war.get("/consent", null);
            assertThat(state.statusCode()).isEqualTo(200);
            assertThat(state.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));

            assertThat(war.get("/track", null).headers().allValues("Set-Cookie"))
                    .as("the analytics cookie before any choice")
                    .noneMatch(cookie -> cookie.startsWith("_pk_id"));

            HttpResponse<String> choice = PlainServletSite.acceptAll(war.port());
            assertThat(choice.statusCode()).isEqualTo(200);
            String consent = choice.headers().allValues("Set-Cookie").stream()
                    .filter(cookie -> cookie.startsWith("consent4j="))
                    .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                    .findFirst()
                    .orElseThrow();

            assertThat(war.get("/track", consent).headers().allValues("Set-Cookie"))
                    .as("the analytics cookie after accept all")
                    .anyMatch(cookie -> cookie.startsWith("_pk_id.1.abcd="));
        }
    }

    @Test
    void aWarWithoutConsentParametersGetsNothing() throws Exception {
        try (RunningWar war = RunningWar.start(webApp(Map.of("site.name", "learnsite"), ""))) {
            assertThat(war.get("/consent", null).statusCode()).isEqualTo(404);
            assertThat(war.get("/track", null).headers().allValues("Set-Cookie"))
                    .as("no filter, so nothing is dropped")
                    .anyMatch(cookie -> cookie.startsWith("_pk_id.1.abcd="));
        }
    }

    @Test
    void aWarThatInstallsInCodeIsLeftAlone() throws Exception {
        // The listener of web.xml installs with the parameters of web.xml and a key from code; the fragment's
        // listener runs after it and must not install a second time (which would stop the start).
        Map<String, String> parameters = complete();
        parameters.remove(ConsentServletSetup.RECEIPT_KEY);
        String listener = "<listener><listener-class>" + CodeSetup.class.getName() + "</listener-class></listener>";
        try (RunningWar war = RunningWar.start(webApp(parameters, listener))) {
            assertThat(war.get("/consent", null).statusCode()).isEqualTo(200);
            assertThat(PlainServletSite.acceptAll(war.port()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aMisspeltParameterStopsTheStartNamingIt() throws Exception {
        Map<String, String> parameters = complete();
        parameters.put("consent4j.ledger.stor", "memory");
        Path webApp = webApp(parameters, "");

        assertThatThrownBy(() -> RunningWar.start(webApp).close())
                .hasStackTraceContaining("consent4j.ledger.stor is not a consent4j parameter");
    }

    @Test
    void aBadValueStopsTheStartNamingTheParameter() throws Exception {
        Map<String, String> parameters = complete();
        parameters.put(ConsentServletSetup.COOKIE_KEYS, "k1:c2hvcnQ=");
        Path webApp = webApp(parameters, "");

        assertThatThrownBy(() -> RunningWar.start(webApp).close()).hasStackTraceContaining("consent4j.cookie.keys");
    }

    /** Every parameter a production site needs, for plain HTTP, with the policy in a file. */
    private Map<String, String> complete() throws IOException {
        Path policy = Files.writeString(dir.resolve("consent-policy.json"), PolicyJson.canonical(Fixtures.POLICY));
        Map<String, String> parameters = new LinkedHashMap<>(PlainServletSite.config());
        parameters.put(ConsentServletSetup.POLICY_LOCATION, policy.toString());
        parameters.put(ConsentServletSetup.LEDGER_STORE, "memory");
        return parameters;
    }

    /**
     * A web application directory: {@code web.xml} with the parameters, a servlet that sets an analytics
     * cookie, and consent-servlet's web fragment in a jar under {@code WEB-INF/lib}. The classes themselves come
     * from the test's class path (the context loads from its parent first).
     */
    private Path webApp(Map<String, String> parameters, String moreXml) throws IOException {
        Path root = Files.createDirectories(dir.resolve("webapp"));
        Path webInf = Files.createDirectories(root.resolve("WEB-INF"));
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                """);
        parameters.forEach((name, value) -> xml.append("  <context-param><param-name>")
                .append(name)
                .append("</param-name><param-value>")
                .append(value)
                .append("</param-value></context-param>\n"));
        xml.append(moreXml).append("\n");
        xml.append("  <servlet><servlet-name>track</servlet-name><servlet-class>")
                .append(AnalyticsCookieServlet.class.getName())
                .append("</servlet-class></servlet>\n")
                .append("  <servlet-mapping><servlet-name>track</servlet-name><url-pattern>/track</url-pattern>")
                .append("</servlet-mapping>\n</web-app>\n");
        Files.writeString(webInf.resolve("web.xml"), xml);
        Path lib = Files.createDirectories(webInf.resolve("lib"));
        try (InputStream fragment = WebXmlConsentSetup.class.getResourceAsStream("/META-INF/web-fragment.xml");
                OutputStream jar = Files.newOutputStream(lib.resolve("consent-servlet.jar"));
                JarOutputStream entries = new JarOutputStream(jar)) {
            assertThat(fragment)
                    .as("consent-servlet ships META-INF/web-fragment.xml")
                    .isNotNull();
            entries.putNextEntry(new JarEntry("META-INF/web-fragment.xml"));
            fragment.transferTo(entries);
            entries.closeEntry();
        }
        return root;
    }

    /** A page of the site that sets a Matomo cookie, as an analytics script's server side would. */
    public static final class AnalyticsCookieServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.addCookie(new Cookie("_pk_id.1.abcd", "visitor"));
            response.setContentType("text/plain");
            response.getWriter().write("tracked");
        }
    }

    /** An application's own listener that installs consent4j in code, with the receipt key from code. */
    public static final class CodeSetup implements ServletContextListener {
        private ConsentAssembly assembly;

        @Override
        public void contextInitialized(ServletContextEvent event) {
            assembly = ConsentServletSetup.builder()
                    .configuration(Map.of(ConsentServletSetup.RECEIPT_KEY, Site.SIGNER.privateKeyBase64()))
                    .install(event.getServletContext());
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            assembly.close();
        }
    }

    /** A Jetty on 127.0.0.1 and a free port with the web application at the root. */
    private record RunningWar(Server server, int port) implements AutoCloseable {

        static RunningWar start(Path webApp) throws Exception {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            WebAppContext context = new WebAppContext(webApp.toString(), "/");
            context.setParentLoaderPriority(true);
            // A listener that fails stops the start, as a container's deployment would fail.
            context.setThrowUnavailableOnStartupException(true);
            server.setHandler(context);
            try {
                server.start();
            } catch (Exception e) {
                server.stop();
                throw e;
            }
            return new RunningWar(server, connector.getLocalPort());
        }

        HttpResponse<String> get(String path, String cookie) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            return HttpClient.newHttpClient()
                    .send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            try {
                server.stop();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("Jetty did not stop", e);
            }
        }
    }
}
