/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.internal.IdTags;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * {@code GET /consent/consent-mode.js}: the banner's {@code consent-mode.js} with the visitor's state put
 * before it, for pages without the JSON data block. One blocking {@code <script src>} in the head then
 * sets the Google Consent Mode defaults and the tools' consent APIs, and the stored choice, before any
 * tag runs (C20), with no inline script.
 *
 * <p>Without a consent cookie the answer depends on the policy alone: {@code Cache-Control: public,
 * no-cache}, so a shared cache may keep it. With one it holds the visitor's choice: {@code private,
 * no-cache}. Both vary by {@code Cookie} and carry an {@code ETag}: every page revalidates, which costs a
 * 304 while nothing changed, because a browser that kept the answer from before a choice (Chromium does,
 * {@code Vary} notwithstanding) would otherwise start the next pages without it.
 */
final class ConsentModeScript {

    /** Where the consent-banner-assets jar keeps the script: under the version of this release. */
    static final String RESOURCE = "META-INF/resources" + ConsentSettings.DEFAULT_ASSETS_PATH + "/consent-mode.js";

    private static volatile String source;

    private ConsentModeScript() {}

    static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            ConsentManager manager,
            String cookie,
            ConsentDecision decision,
            String endpoint)
            throws IOException {
        String code = source();
        if (code == null) {
            throw Problem.notFound(
                    "not-found", "consent-mode.js is not on the class path; add the consent-banner-assets jar");
        }
        String body = "window.consent4jState=" + StateText.of(manager.policy(), decision, endpoint) + ";\n" + code;
        String etag =
                "\"" + HexFormat.of().formatHex(IdTags.sha256(body.getBytes(StandardCharsets.UTF_8)), 0, 12) + "\"";
        response.setHeader("Cache-Control", cookie == null ? "public, no-cache" : "private, no-cache");
        response.setHeader("Vary", "Cookie");
        response.setHeader("ETag", etag);
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(200);
        response.setContentType("text/javascript");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }

    private static String source() {
        String code = source;
        if (code == null) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            InputStream found = context == null ? null : context.getResourceAsStream(RESOURCE);
            try (InputStream in = found != null
                    ? found
                    : ConsentModeScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    return null;
                }
                code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            source = code;
        }
        return code;
    }
}
