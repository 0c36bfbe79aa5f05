/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reverse proxy on 127.0.0.1 in front of the site for {@link FirstPaint}, which rewrites the consent4j
 * head markup of each HTML page as the request's {@value #HEADER} header asks ({@link Markup}). Every
 * variant's page and files go through it, so every one crosses the browser's throttled network alike:
 * a page fulfilled by Playwright's {@code route} would skip the emulated latency and bandwidth. Requests
 * are forwarded without {@code Accept-Encoding}, so the proxy sees and serves the bytes uncompressed. The
 * banner's heading gets an {@code elementtiming} attribute, so the browser reports when it is painted.
 */
final class FirstPaintProxy implements AutoCloseable {

    /** The request header naming the {@link Markup} of the page. */
    static final String HEADER = "X-First-Paint-Markup";

    /** The path of the plain deferred script, as many bytes as {@code consent.js}. */
    static final String SAME_SIZE_JS = "/__first-paint/same-size.js";

    /** How the proxy changes consent4j's head markup. */
    enum Markup {
        /** As the site serves it: a parser-blocking script and a render-blocking stylesheet. */
        AS_SERVED,
        /** Neither {@code consent.js} nor {@code consent.css}. */
        NONE,
        /** Neither, but a plain {@code <script defer>} of {@code consent.js}'s size where the script was. */
        SAME_SIZE_DEFERRED,
        /** {@code consent.js} with {@code defer}; the stylesheet as served. */
        DEFER_JS,
        /** {@code consent.js} with {@code defer}; {@code consent.css} inline in a {@code <style>}, its hash in the CSP. */
        DEFER_JS_INLINE_CSS,
        /** {@code consent.js} with {@code defer}; the stylesheet preloaded in the head and linked at the end of the body. */
        DEFER_JS_PRELOAD_CSS
    }

    private static final Pattern SCRIPT =
            Pattern.compile("<script (?:defer )?src=\"([^\"]*/consent\\.js)\"([^>]*)></script>");
    private static final Pattern CONSENT_MODE = Pattern.compile("<script src=\"[^\"]*/consent-mode\\.js\"></script>");
    private static final Pattern STYLE = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]*/consent\\.css)\">");
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "content-length",
            "transfer-encoding",
            "keep-alive",
            "host",
            "upgrade",
            "expect",
            "accept-encoding",
            HEADER.toLowerCase(Locale.ROOT));

    private final URI origin;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private volatile byte[] sameSizeJs = new byte[0];
    private volatile String consentCss = "";

    /** Starts a proxy for the site at {@code origin} (scheme, host and port) on a free port. */
    FirstPaintProxy(URI origin) {
        this.origin = origin;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The proxy's origin, {@code http://127.0.0.1:PORT}. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Reads {@code consent.js} and {@code consent.css} as the page at {@code path} links them, to make the
     * same-size script and the inline style; returns their sizes in bytes.
     */
    int[] learnAssets(String path) {
        String html = new String(get(path).body(), StandardCharsets.UTF_8);
        Matcher script = SCRIPT.matcher(html);
        Matcher style = STYLE.matcher(html);
        if (!script.find() || !style.find()) {
            throw new IllegalStateException(path + " carries no consent4j head markup");
        }
        int jsBytes = get(script.group(1)).body().length;
        consentCss = new String(get(style.group(1)).body(), StandardCharsets.UTF_8);
        // Harmless code that the parser must read through: one comment line after another.
        StringBuilder js = new StringBuilder("window.__sameSize = true;\n");
        while (js.length() < jsBytes) {
            js.append("// ").append("x".repeat(76)).append('\n');
        }
        js.setLength(jsBytes - 1);
        js.append('\n');
        sameSizeJs = js.toString().getBytes(StandardCharsets.US_ASCII);
        return new int[] {jsBytes, consentCss.getBytes(StandardCharsets.UTF_8).length};
    }

    private HttpResponse<byte[]> get(String path) {
        try {
            return client.send(
                    HttpRequest.newBuilder(origin.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestURI().toString();
            if (exchange.getRequestURI().getPath().equals(SAME_SIZE_JS)) {
                exchange.getResponseHeaders().set("Content-Type", "text/javascript");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                send(exchange, 200, sameSizeJs);
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(origin.resolve(target))
                    .method(
                            exchange.getRequestMethod(),
                            HttpRequest.BodyPublishers.ofByteArray(
                                    exchange.getRequestBody().readAllBytes()));
            for (Map.Entry<String, List<String>> header :
                    exchange.getRequestHeaders().entrySet()) {
                if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    header.getValue().forEach(v -> request.header(header.getKey(), v));
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            String type = response.headers().firstValue("Content-Type").orElse("");
            String markup = exchange.getRequestHeaders().getFirst(HEADER);
            if (type.startsWith("text/html") && markup != null) {
                Markup m = Markup.valueOf(markup);
                // Element timing on the banner's heading: its paint, timed as first contentful paint is.
                body = rewrite(new String(body, StandardCharsets.UTF_8), m)
                        .replace("id=\"c4j-t\"", "id=\"c4j-t\" elementtiming=\"c4j\"")
                        .getBytes(StandardCharsets.UTF_8);
                if (m == Markup.DEFER_JS_INLINE_CSS) {
                    allowInlineStyle(exchange);
                }
            }
            send(exchange, response.statusCode(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String rewrite(String html, Markup markup) {
        Matcher script = SCRIPT.matcher(html);
        Matcher style = STYLE.matcher(html);
        if (!script.find() || !style.find()) {
            return html;
        }
        String deferred = "<script defer src=\"" + script.group(1) + "\"" + script.group(2) + "></script>";
        String css = style.group(1);
        String scriptTo = deferred;
        String styleTo = style.group();
        String bodyEnd = "";
        switch (markup) {
            case AS_SERVED -> {
                return html;
            }
            case NONE -> {
                scriptTo = "";
                styleTo = "";
            }
            case SAME_SIZE_DEFERRED -> {
                scriptTo = "<script defer src=\"" + SAME_SIZE_JS + "\"></script>";
                styleTo = "";
            }
            case DEFER_JS -> {}
            case DEFER_JS_INLINE_CSS -> styleTo = "<style>" + consentCss + "</style>";
            case DEFER_JS_PRELOAD_CSS -> {
                styleTo = "<link rel=\"preload\" as=\"style\" href=\"" + css + "\">";
                bodyEnd = "<link rel=\"stylesheet\" href=\"" + css + "\">";
            }
        }
        // The script precedes the stylesheet in the head markup; replace from the end so offsets hold.
        StringBuilder out = new StringBuilder(html);
        out.replace(style.start(), style.end(), styleTo);
        out.replace(script.start(), script.end(), scriptTo);
        int end = out.lastIndexOf("</body>");
        if (!bodyEnd.isEmpty() && end >= 0) {
            out.insert(end, bodyEnd);
        }
        // Without the banner's files, also without its Consent Mode script (pages of a policy with Consent Mode).
        return markup == Markup.NONE ? CONSENT_MODE.matcher(out).replaceFirst("") : out.toString();
    }

    /** Adds the inline style's hash to a style-src of the page's CSP, as the library would publish it. */
    private void allowInlineStyle(HttpExchange exchange) {
        List<String> csp = exchange.getResponseHeaders().get("Content-Security-Policy");
        if (csp == null) {
            return;
        }
        String hash = "'sha256-" + sha256(consentCss) + "'";
        exchange.getResponseHeaders()
                .put(
                        "Content-Security-Policy",
                        csp.stream()
                                .map(p ->
                                        p.contains("style-src") ? p.replaceFirst("style-src", "style-src " + hash) : p)
                                .toList());
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
