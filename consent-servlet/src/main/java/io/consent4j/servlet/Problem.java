/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request the endpoints refuse, answered as an RFC 9457 problem ({@code application/problem+json}
 * with {@code type}, {@code title}, {@code status} and {@code detail}). Thrown inside the endpoints and
 * written by them; carries no stack trace, since it is an answer, not an error.
 */
final class Problem extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The base of every problem type URI. */
    static final String TYPE_BASE = "https://consent4j.io/problems/";

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final int status;
    private final String slug;
    private final String title;
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    Problem(int status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    static Problem badRequest(String slug, String detail) {
        return new Problem(400, slug, "Bad request", detail);
    }

    static Problem notFound(String slug, String detail) {
        return new Problem(404, slug, "Not found", detail);
    }

    static Problem methodNotAllowed(String method, String allow) {
        return new Problem(
                        405,
                        "method-not-allowed",
                        "Method not allowed",
                        "method " + method + " is not allowed here; use " + allow)
                .header("Allow", allow);
    }

    /** Adds a response header, such as {@code Retry-After}. */
    Problem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String type() {
        return TYPE_BASE + slug;
    }

    /** The last part of the type, such as {@code bad-consent-id}: names the problem without its detail. */
    String slug() {
        return slug;
    }

    String title() {
        return title;
    }

    /** Writes this problem unless the response is committed already. */
    void write(HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
