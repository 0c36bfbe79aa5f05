/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.Serial;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as a container hands it to filters and servlets, built in memory from the text of an HTTP
 * request, so that fuzz tests can drive {@link ConsentFilter} and the endpoints in-process, thousands
 * of times a second. It answers what the filter and endpoints ask (method, paths, query parameters,
 * headers, cookies, body, addresses, attributes); anything else fails with
 * {@link UnsupportedOperationException}, so that a new need shows at once instead of a silent null.
 *
 * <p>The text is a request line {@code METHOD TARGET}, header lines {@code Name: value}, an empty line
 * and the body, which is taken as bytes. Lines may end in {@code \n} or {@code \r\n}; header bytes are
 * read as ISO-8859-1, as containers do. What a container would refuse before any filter runs is
 * refused here too: a method that is no token, a target that does not start with {@code /} or holds a
 * control character, and a path that is not mapped to the servlet; header lines with a bad name or a
 * control character in the value are dropped. As in Jetty 12, the target is read as UTF-8, and its path
 * and query are percent-decoded as UTF-8: a path with a broken escape is refused, and a query with one
 * makes every parameter read throw {@link BadQuery}. The site is {@code https://learn.example}.
 */
final class FakeRequest extends HttpServletRequestWrapper {

    static final String SCHEME = "https";
    static final String HOST = "learn.example";
    static final int PORT = 443;

    private final String method;
    private final String requestUri;
    private final String queryString;
    private final String servletPath;
    private final String pathInfo;
    private final Map<String, List<String>> headers;
    /** Null when the query is malformed: then reading any parameter fails, as it does in Jetty 12. */
    private final Map<String, List<String>> parameters;

    private final Cookie[] cookies;
    private final byte[] body;
    private final String remoteAddr;
    private final Map<String, Object> attributes = new HashMap<>();
    private boolean streamed;
    private boolean read;

    private FakeRequest(
            String method,
            String requestUri,
            String queryString,
            String servletPath,
            String pathInfo,
            Map<String, List<String>> headers,
            byte[] body,
            String remoteAddr) {
        super(unsupported(HttpServletRequest.class));
        this.method = method;
        this.requestUri = requestUri;
        this.queryString = queryString;
        this.servletPath = servletPath;
        this.pathInfo = pathInfo;
        this.headers = headers;
        this.parameters = parameters(queryString);
        this.cookies = cookies(headers.getOrDefault("Cookie", List.of()));
        this.body = body;
        this.remoteAddr = remoteAddr;
    }

    /**
     * The request {@code text} describes, as the servlet mapped to {@code servletPath + "/*"} sees it,
     * coming from {@code remoteAddr}; empty when a container would not hand it to that servlet.
     */
    static Optional<FakeRequest> parse(byte[] text, String servletPath, String remoteAddr) {
        int headEnd = text.length;
        int bodyStart = text.length;
        for (int lineStart = 0; lineStart < text.length; ) {
            int newline = indexOf(text, (byte) '\n', lineStart);
            int lineEnd = newline < 0 ? text.length : newline;
            int contentEnd = lineEnd > lineStart && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == lineStart && lineStart > 0) {
                headEnd = lineStart;
                bodyStart = newline < 0 ? text.length : newline + 1;
                break;
            }
            lineStart = newline < 0 ? text.length : newline + 1;
        }
        String head = new String(text, 0, headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        String method = requestLine[0];
        // Jetty reads the request line as UTF-8, replacing what is not.
        String target = requestLine.length > 1
                ? new String(requestLine[1].getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
                : "";
        if (!isToken(method) || target.isEmpty() || target.charAt(0) != '/' || hasControl(target, false)) {
            return Optional.empty();
        }
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        String path = decode(rawPath, false);
        if (path == null) {
            // Containers answer 400 themselves.
            return Optional.empty();
        }
        String pathInfo;
        if (path.equals(servletPath)) {
            pathInfo = null;
        } else if (path.startsWith(servletPath + "/")) {
            pathInfo = path.substring(servletPath.length());
        } else {
            return Optional.empty();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon < 0 || !isToken(line.substring(0, colon))) {
                continue;
            }
            String value = line.substring(colon + 1).strip();
            if (hasControl(value, true)) {
                continue;
            }
            headers.computeIfAbsent(line.substring(0, colon), n -> new ArrayList<>(1))
                    .add(value);
        }
        byte[] body = new byte[text.length - bodyStart];
        System.arraycopy(text, bodyStart, body, 0, body.length);
        return Optional.of(new FakeRequest(method, rawPath, query, servletPath, pathInfo, headers, body, remoteAddr));
    }

    /**
     * {@code text} with every placeholder (a key of {@code values}, such as {@code {token}}) replaced by
     * its value: how fuzz inputs name what no fuzzer can guess, such as a signed cookie.
     */
    static byte[] fill(byte[] text, Map<String, String> values) {
        if (indexOf(text, (byte) '{', 0) < 0) {
            return text;
        }
        String filled = new String(text, StandardCharsets.ISO_8859_1);
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace(value.getKey(), value.getValue());
        }
        return filled.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A proxy of {@code type} whose every method throws, naming itself. */
    static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, (proxy, called, args) -> switch (called.getName()) {
                    case "toString" -> "unsupported " + type.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default ->
                        throw new UnsupportedOperationException(
                                "the fake " + type.getSimpleName() + " does not implement " + called.getName());
                }));
    }

    /** The body as sent. */
    byte[] body() {
        return body.clone();
    }

    // ---- what the filter and the endpoints ask ----------------------------------------------------------------

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getRequestURI() {
        return requestUri;
    }

    @Override
    public StringBuffer getRequestURL() {
        return new StringBuffer(SCHEME + "://" + HOST + requestUri);
    }

    @Override
    public String getContextPath() {
        return "";
    }

    @Override
    public String getServletPath() {
        return servletPath;
    }

    @Override
    public String getPathInfo() {
        return pathInfo;
    }

    @Override
    public String getQueryString() {
        return queryString;
    }

    @Override
    public String getParameter(String name) {
        List<String> values = parameters().get(name);
        return values == null ? null : values.get(0);
    }

    @Override
    public String[] getParameterValues(String name) {
        List<String> values = parameters().get(name);
        return values == null ? null : values.toArray(String[]::new);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        Map<String, String[]> map = new LinkedHashMap<>();
        parameters().forEach((name, values) -> map.put(name, values.toArray(String[]::new)));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    private Map<String, List<String>> parameters() {
        if (parameters == null) {
            throw new BadQuery("the query '" + queryString + "' is not percent-encoded UTF-8");
        }
        return parameters;
    }

    @Override
    public String getHeader(String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(headers.getOrDefault(name, List.of()));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(headers.keySet());
    }

    @Override
    public int getIntHeader(String name) {
        String value = getHeader(name);
        return value == null ? -1 : Integer.parseInt(value);
    }

    @Override
    public Cookie[] getCookies() {
        return cookies == null ? null : cookies.clone();
    }

    @Override
    public String getContentType() {
        return getHeader("Content-Type");
    }

    @Override
    public String getCharacterEncoding() {
        String type = getContentType();
        if (type == null) {
            return null;
        }
        for (String parameter : type.split(";")) {
            String p = parameter.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).replace("\"", "").strip();
            }
        }
        return null;
    }

    @Override
    public int getContentLength() {
        return (int) getContentLengthLong();
    }

    @Override
    public long getContentLengthLong() {
        String encoding = getHeader("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked") ? -1 : body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
        if (read) {
            throw new IllegalStateException("getReader() was called already");
        }
        streamed = true;
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("not an asynchronous request");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        if (streamed) {
            throw new IllegalStateException("getInputStream() was called already");
        }
        read = true;
        Charset charset = StandardCharsets.ISO_8859_1;
        String name = getCharacterEncoding();
        if (name != null) {
            try {
                charset = Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                // Containers fall back to the default, as here.
            }
        }
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
    }

    @Override
    public String getRemoteAddr() {
        return remoteAddr;
    }

    @Override
    public String getRemoteHost() {
        return remoteAddr;
    }

    @Override
    public int getRemotePort() {
        return 50_000;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public String getServerName() {
        return HOST;
    }

    @Override
    public int getServerPort() {
        return PORT;
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(attributes.keySet());
    }

    @Override
    public ServletContext getServletContext() {
        // The filter then counts the default session cookie name as necessary, as it does in any container.
        return null;
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public String getRemoteUser() {
        return null;
    }

    @Override
    public String getAuthType() {
        return null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public HttpSession getSession(boolean create) {
        if (create) {
            throw new UnsupportedOperationException("the fake request has no sessions");
        }
        return null;
    }

    @Override
    public Locale getLocale() {
        return Locale.getDefault();
    }

    @Override
    public String toString() {
        return method + " " + requestUri + (queryString == null ? "" : "?" + queryString);
    }

    /**
     * What Jetty 12 throws (its {@code BadMessageException}, a 400) when an application reads a parameter
     * of a malformed query; recent Tomcat versions throw as well. Neither an
     * {@link IllegalArgumentException} nor an {@link IllegalStateException}, so that only code that is
     * ready for any runtime exception passes.
     */
    static final class BadQuery extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        BadQuery(String message) {
            super(message);
        }
    }

    // ---- parsing ----------------------------------------------------------------------------------------------

    /** The cookies of the {@code Cookie} headers, as RFC 6265 containers read them; null when there are none. */
    private static Cookie[] cookies(List<String> headers) {
        List<Cookie> cookies = new ArrayList<>();
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                try {
                    cookies.add(new Cookie(name, value));
                } catch (IllegalArgumentException e) {
                    // A name no container accepts: containers skip the cookie.
                }
            }
        }
        return cookies.isEmpty() ? null : cookies.toArray(Cookie[]::new);
    }

    /** The query's parameters; null when the query is not percent-encoded UTF-8. */
    private static Map<String, List<String>> parameters(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            if (name == null || value == null) {
                return null;
            }
            parameters.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        return parameters;
    }

    /** Percent-decodes {@code text} as UTF-8; null when an escape is broken or decodes to no UTF-8. */
    private static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
                    return null;
                }
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                byte[] encoded = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i = end - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tchar = (c >= '0' && c <= '9')
                    || (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControl(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && !(tabAllowed && c == '\t')) || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
