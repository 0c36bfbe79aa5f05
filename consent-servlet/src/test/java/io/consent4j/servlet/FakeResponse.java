/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A response kept in memory, the counterpart of {@link FakeRequest}. It follows the rules of the
 * servlet API that a container enforces and that matter to the endpoints: once committed (by a flush,
 * or by more output than the buffer holds) the status and headers no longer change and
 * {@link #resetBuffer()} fails; {@link #getWriter()} and {@link #getOutputStream()} exclude each other
 * until {@link #reset()}; {@code setHeader(name, null)} removes the header. Anything the filter and the
 * endpoints do not use fails with {@link UnsupportedOperationException}.
 */
final class FakeResponse extends HttpServletResponseWrapper {

    private static final int BUFFER_SIZE = 32 * 1024;

    private int status = 200;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private String contentType;
    private String characterEncoding;
    private boolean committed;
    private PrintWriter writer;
    private ServletOutputStream stream;

    FakeResponse() {
        super(FakeRequest.unsupported(HttpServletResponse.class));
    }

    // ---- what a test reads ------------------------------------------------------------------------------------

    /** Every value of header {@code name}, in order; empty when there is none. */
    List<String> headers(String name) {
        return List.copyOf(headers.getOrDefault(name, List.of()));
    }

    /** The body's bytes. */
    byte[] body() {
        return body.toByteArray();
    }

    /** The body as UTF-8 text. */
    String text() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    // ---- status and headers -----------------------------------------------------------------------------------

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setStatus(int sc) {
        if (!committed) {
            status = sc;
        }
    }

    @Override
    public void sendError(int sc) {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String msg) {
        if (committed) {
            throw new IllegalStateException("the response is committed");
        }
        status = sc;
        committed = true;
    }

    @Override
    public void sendRedirect(String location) {
        if (committed) {
            throw new IllegalStateException("the response is committed");
        }
        status = 302;
        headers.put("Location", new ArrayList<>(List.of(location)));
        committed = true;
    }

    @Override
    public String getHeader(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        return headers(name);
    }

    @Override
    public Collection<String> getHeaderNames() {
        return List.copyOf(headers.keySet());
    }

    @Override
    public boolean containsHeader(String name) {
        return headers.containsKey(name);
    }

    @Override
    public void setHeader(String name, String value) {
        if (committed || name == null) {
            return;
        }
        if (value == null) {
            headers.remove(name);
        } else {
            List<String> values = new ArrayList<>(1);
            values.add(value);
            headers.put(name, values);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (committed || name == null || value == null) {
            return;
        }
        headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public void setDateHeader(String name, long date) {
        setHeader(name, httpDate(date));
    }

    @Override
    public void addDateHeader(String name, long date) {
        addHeader(name, httpDate(date));
    }

    @Override
    public void addCookie(Cookie cookie) {
        StringBuilder header = new StringBuilder(cookie.getName()).append('=').append(cookie.getValue());
        if (cookie.getMaxAge() >= 0) {
            header.append("; Max-Age=").append(cookie.getMaxAge());
        }
        if (cookie.getPath() != null) {
            header.append("; Path=").append(cookie.getPath());
        }
        if (cookie.getDomain() != null) {
            header.append("; Domain=").append(cookie.getDomain());
        }
        if (cookie.getSecure()) {
            header.append("; Secure");
        }
        if (cookie.isHttpOnly()) {
            header.append("; HttpOnly");
        }
        addHeader(SetCookieHeader.NAME, header.toString());
    }

    @Override
    public String encodeURL(String url) {
        return url;
    }

    @Override
    public String encodeRedirectURL(String url) {
        return url;
    }

    // ---- content ----------------------------------------------------------------------------------------------

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public void setContentType(String type) {
        if (committed) {
            return;
        }
        contentType = type;
        if (type != null) {
            for (String parameter : type.split(";")) {
                String p = parameter.strip();
                if (p.regionMatches(true, 0, "charset=", 0, 8) && writer == null) {
                    characterEncoding = p.substring(8).strip();
                }
            }
        }
    }

    @Override
    public String getCharacterEncoding() {
        return characterEncoding == null ? StandardCharsets.ISO_8859_1.name() : characterEncoding;
    }

    @Override
    public void setCharacterEncoding(String charset) {
        if (!committed && writer == null) {
            characterEncoding = charset;
        }
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        setHeader("Content-Length", Long.toString(len));
    }

    @Override
    public void setLocale(Locale locale) {
        // The endpoints never set one; the header it would make does not matter here.
    }

    @Override
    public Locale getLocale() {
        return Locale.getDefault();
    }

    @Override
    public int getBufferSize() {
        return BUFFER_SIZE;
    }

    @Override
    public void setBufferSize(int size) {
        if (committed || body.size() > 0) {
            throw new IllegalStateException("content was written already");
        }
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public void flushBuffer() {
        committed = true;
    }

    @Override
    public void resetBuffer() {
        if (committed) {
            throw new IllegalStateException("the response is committed");
        }
        body.reset();
    }

    @Override
    public void reset() {
        if (committed) {
            throw new IllegalStateException("the response is committed");
        }
        body.reset();
        headers.clear();
        status = 200;
        contentType = null;
        characterEncoding = null;
        writer = null;
        stream = null;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was called already");
        }
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    store(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    store(b, off, len);
                }

                @Override
                public void flush() {
                    committed = true;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("not an asynchronous request");
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (stream != null) {
            throw new IllegalStateException("getOutputStream() was called already");
        }
        if (writer == null) {
            Charset charset;
            try {
                charset = Charset.forName(getCharacterEncoding());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                charset = StandardCharsets.ISO_8859_1;
            }
            Charset encoding = charset;
            // Encodes at once, so that resetBuffer() leaves nothing behind in a writer's buffer.
            writer = new PrintWriter(new Writer() {
                @Override
                public void write(char[] chars, int off, int len) {
                    byte[] bytes = new String(chars, off, len).getBytes(encoding);
                    store(bytes, 0, bytes.length);
                }

                @Override
                public void flush() {
                    committed = true;
                }

                @Override
                public void close() {
                    committed = true;
                }
            });
        }
        return writer;
    }

    private void store(byte[] bytes, int off, int len) {
        body.write(bytes, off, len);
        if (body.size() > BUFFER_SIZE) {
            committed = true;
        }
    }

    private static String httpDate(long date) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(date).atOffset(ZoneOffset.UTC));
    }
}
