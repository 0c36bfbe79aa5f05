/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerException;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.servlet.parity.ManualExecutor;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serial;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain servlet site on an embedded Jetty 12 (EE 10) with consent4j installed by
 * {@link ConsentServletSetup}, a ledger that can be made to fail, a clock tests move, a page at
 * {@code /page} that renders the {@link NoScriptBanner}, one at {@code /head} with the banner's
 * {@link BannerConfig#dataBlock data block} too, and a static script at {@link #ASSET_PATH}. Bound to
 * 127.0.0.1 on a free port.
 */
final class Site implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String AUDITOR_TOKEN = "auditor-token-for-tests";

    /** A static file, served as the banner's assets are: the same for everyone, cacheable for a year. */
    static final String ASSET_PATH = "/consent4j/0.0.0-test/consent.js";

    static final String ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            // Timeouts here only end a hang; a loaded machine may be slow to answer, never this slow.
            .connectTimeout(Duration.ofSeconds(60))
            .build();

    /** A shared receipt key, so that every site signs with the same public key. */
    static final ReceiptSigner SIGNER = ReceiptSigner.generate("receipts-test");

    final MutableClock clock = new MutableClock(Fixtures.NOW);
    final FailingLedger ledger;
    /** Runs what the filter hands off (applied signals, expiries) when a test says so. */
    final ManualExecutor implied = new ManualExecutor();

    final ConsentManager manager;
    private final Server server;
    private final int port;

    private Site(Map<String, String> extra, boolean forwardedHeaders) throws Exception {
        this(extra, forwardedHeaders, settings -> {});
    }

    private Site(Map<String, String> extra, boolean forwardedHeaders, Consumer<ConsentSettingsBuilder> customizer)
            throws Exception {
        ledger = new FailingLedger(LedgerSettings.builder(SIGNER)
                .chainId("node-1")
                .clock(clock)
                .checkpointEvery(2)
                .build());
        Map<String, String> config = new HashMap<>();
        config.put(
                ConsentServletSetup.COOKIE_KEYS, "test1:" + Base64.getEncoder().encodeToString(Fixtures.secret()));
        config.put(ConsentServletSetup.RECEIPT_KEY, SIGNER.privateKeyBase64());
        config.put(ConsentServletSetup.RECEIPT_KEY_ID, SIGNER.keyId());
        config.put(ConsentServletSetup.RATE_POSTS, "1000");
        config.put(ConsentServletSetup.AUDIT_TOKEN_HASHES, AuditEndpoint.hashToken(AUDITOR_TOKEN));
        config.putAll(extra);
        AtomicReference<ConsentManager> installed = new AtomicReference<>();
        ServletContainerInitializer app = (Set<Class<?>> classes, ServletContext context) -> {
            installed.set(ConsentServletSetup.builder()
                    .configuration(config)
                    .policy(Fixtures.POLICY)
                    .ledger(ledger)
                    .clock(clock)
                    // The tests move the clock; no purge runs behind their back.
                    .customize(settings -> settings.retentionScheduler((job, interval) -> () -> {})
                            .impliedRecordExecutor(implied))
                    .customize(customizer)
                    .install(context)
                    .manager());
            context.addServlet("page", new PageServlet()).addMapping("/page");
            context.addServlet("head", new HeadPageServlet(installed.get())).addMapping("/head");
            context.addServlet("asset", new AssetServlet()).addMapping(ASSET_PATH);
        };
        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        if (forwardedHeaders) {
            // As behind a reverse proxy: the container takes the client's address from Forwarded and
            // X-Forwarded-For, so getRemoteAddr() is the client's, not the proxy's.
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        context.addServletContainerInitializer(app);
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
        manager = installed.get();
    }

    static Site start() throws Exception {
        return new Site(Map.of(), false);
    }

    static Site start(Map<String, String> config) throws Exception {
        return new Site(config, false);
    }

    /** A site with {@code config}, whose settings {@code customizer} adjusts last (the site's hooks). */
    static Site start(Map<String, String> config, Consumer<ConsentSettingsBuilder> customizer) throws Exception {
        return new Site(config, false, customizer);
    }

    /**
     * A site whose Jetty connector reads the client's address from the {@code Forwarded} and
     * {@code X-Forwarded-For} headers a reverse proxy adds ({@link ForwardedRequestCustomizer}).
     */
    static Site behindProxy(Map<String, String> config) throws Exception {
        return new Site(config, true);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    Reply get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    Reply postJson(String json, String... headers) throws IOException, InterruptedException {
        return post("/consent", "application/json", json, headers);
    }

    Reply postForm(String form, String... headers) throws IOException, InterruptedException {
        return post("/consent", "application/x-www-form-urlencoded", form, headers);
    }

    Reply post(String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /**
     * Sends a request with {@code target} exactly as written, which {@link HttpClient} refuses to do for a
     * malformed one such as {@code /consent?lang=%zz}; {@code body} may be null. Returns the status line's
     * code and everything after the headers.
     */
    RawReply raw(String method, String target, String body, String... headers) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: ")
                .append(content.length)
                .append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = reply.indexOf("\r\n\r\n");
            return new RawReply(
                    Integer.parseInt(reply.substring(9, 12)), headersEnd < 0 ? "" : reply.substring(headersEnd + 4));
        }
    }

    Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test server", e);
        } finally {
            ledger.close();
        }
    }

    /** A reply with helpers for its cookies and JSON body. */
    record Reply(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        JsonNode json() {
            return JSON.readTree(response.body());
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        List<String> setCookies() {
            return response.headers().allValues("set-cookie");
        }

        /** The Set-Cookie header of {@code name}, or null. */
        String setCookie(String name) {
            return setCookies().stream()
                    .filter(h -> h.startsWith(name + "="))
                    .findFirst()
                    .orElse(null);
        }

        /** The value the consent cookie was set to, or null. */
        String consentCookie() {
            String header = setCookie("consent4j");
            return header == null ? null : header.substring("consent4j=".length(), header.indexOf(';'));
        }
    }

    /** The status and body of a {@linkplain #raw raw} request. */
    record RawReply(int status, String body) {}

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** An in-memory ledger whose appends fail while {@link #failing} is set, as a full disk would. */
    static final class FailingLedger extends InMemoryConsentLedger {
        volatile boolean failing;

        FailingLedger(LedgerSettings settings) {
            super(settings);
        }

        @Override
        public ConsentRecord append(RecordContent draft) {
            if (failing) {
                throw new LedgerException("the record was not stored: disk full");
            }
            return super.append(draft);
        }
    }

    /** A page whose head carries the banner's data block (the visitor's consent id and state) and the form. */
    static final class HeadPageServlet extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient ConsentManager manager;

        HeadPageServlet(ConsentManager manager) {
            this.manager = manager;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html; charset=utf-8");
            response.getWriter()
                    .write("<html><head>" + BannerConfig.dataBlock(manager, request, "de", "/consent")
                            + "<script src=\"" + ASSET_PATH + "\"></script></head><body>"
                            + NoScriptBanner.render(request) + "</body></html>");
        }
    }

    /** The static script: it never asks for the visitor's decision. */
    static final class AssetServlet extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/javascript; charset=utf-8");
            response.setHeader("Cache-Control", ASSET_CACHE_CONTROL);
            response.getWriter().write("/* the banner script */");
        }
    }

    /** A page with the server-rendered banner, the settings link and the withdrawal control. */
    static final class PageServlet extends HttpServlet {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html; charset=utf-8");
            response.getWriter()
                    .write("<html><body>" + NoScriptBanner.render(request) + "<a href=\""
                            + NoScriptBanner.escape(
                                    NoScriptBanner.installed(request).settingsUrl(request, null))
                            + "\" data-consent-open>settings</a>"
                            + NoScriptBanner.installed(request).withdrawControl(request, null) + "</body></html>");
        }
    }
}
