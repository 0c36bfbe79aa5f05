/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a JSON answer of the visitor and auditor endpoints. Every answer is {@code no-store}: it is about
 * one visitor's consent or the ledger, which no shared cache may keep.
 */
final class JsonAnswer {

    private JsonAnswer() {}

    /** Writes {@code body} with {@code status} and the media {@code type}, in UTF-8. */
    static void write(HttpServletResponse response, int status, String body, String type) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(type);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }
}
