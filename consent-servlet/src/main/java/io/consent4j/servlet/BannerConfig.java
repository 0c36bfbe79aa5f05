/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.ConsentDecision;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;

/**
 * The banner's configuration as a JSON data block for a page's {@code <head>}: the same document
 * {@code GET /consent} answers, so the banner script needs no extra request and can set Google Consent
 * Mode defaults before any tag runs (C20). A data block is not executable, so it works under a strict
 * Content-Security-Policy. Put it before the {@code consent.js} tag:
 *
 * <pre>{@code
 * <%= BannerConfig.dataBlock(manager, request, "de", "/consent") %>
 * <script src="/consent4j/0.1.0/consent.js" data-endpoint="/consent"></script>
 * }</pre>
 */
public final class BannerConfig {

    /** The id of the data block the banner script looks for. */
    public static final String ELEMENT_ID = "consent4j-config";

    private BannerConfig() {}

    /**
     * The configuration document for this request as JSON, for a site whose consent cookie has the
     * {@linkplain ConsentFilterSettings#DEFAULT_COOKIE_NAME default name}.
     *
     * @see #json(ConsentManager, HttpServletRequest, String, String, String)
     */
    public static String json(ConsentManager manager, HttpServletRequest request, String locale, String endpointPath) {
        return json(manager, request, locale, endpointPath, ConsentFilterSettings.DEFAULT_COOKIE_NAME);
    }

    /**
     * The configuration document for this request as JSON.
     *
     * @param manager the consent manager
     * @param request the page request; its decision is taken from the filter when it ran
     * @param locale the page's language, or null to negotiate it from {@code ?lang=} and
     *     {@code Accept-Language}
     * @param endpointPath the visitor endpoint's path, such as {@code /consent}
     * @param cookieName the consent cookie's name, as the filter's settings give it; read when the filter
     *     did not see the request (a page outside its URL patterns, or the filter turned off)
     */
    public static String json(
            ConsentManager manager, HttpServletRequest request, String locale, String endpointPath, String cookieName) {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(endpointPath, "endpointPath");
        Objects.requireNonNull(cookieName, "cookieName");
        String language = locale == null || !manager.policy().locales().contains(locale)
                ? LocaleNegotiation.negotiate(request, manager.policy())
                : locale;
        ConsentDecision decision = ConsentRequests.decisionOrDecide(request, manager, cookieName);
        return Problem.JSON.writeValueAsString(StateJson.document(manager.policy(), language, decision, endpointPath));
    }

    /**
     * The configuration as {@code <script type="application/json" id="consent4j-config">…</script>}, with
     * every {@code <}, {@code >} and {@code &} (and U+2028, U+2029) written as a JSON {@code \}{@code u}
     * escape, so that no text in the policy can end the element or change how the page after it is
     * parsed.
     */
    public static String dataBlock(
            ConsentManager manager, HttpServletRequest request, String locale, String endpointPath) {
        return dataBlock(manager, request, locale, endpointPath, ConsentFilterSettings.DEFAULT_COOKIE_NAME);
    }

    /**
     * The configuration as a data block, reading the consent cookie {@code cookieName} where the filter
     * did not decide the request.
     *
     * @see #json(ConsentManager, HttpServletRequest, String, String, String)
     */
    public static String dataBlock(
            ConsentManager manager, HttpServletRequest request, String locale, String endpointPath, String cookieName) {
        return dataBlock(manager, request, locale, endpointPath, cookieName, "");
    }

    /** The data block with {@code nonce}, {@code  nonce="…"} or empty (see {@link CspNonce#attribute}). */
    static String dataBlock(
            ConsentManager manager,
            HttpServletRequest request,
            String locale,
            String endpointPath,
            String cookieName,
            String nonce) {
        return "<script type=\"application/json\" id=\"" + ELEMENT_ID + "\"" + nonce + ">"
                + htmlSafe(json(manager, request, locale, endpointPath, cookieName)) + "</script>";
    }

    /**
     * {@code json} with {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \}{@code uXXXX}, the
     * same document for {@code JSON.parse}. Escaping only {@code </} is not enough inside a script
     * element: {@code <!--} followed by {@code <script} puts the HTML parser into the "script data double
     * escaped" state, where the {@code </script>} that should end the block no longer does, and the rest
     * of the page becomes part of it. Outside strings, JSON has none of these characters, so each one
     * found is inside a string, where the escape means the same character.
     */
    static String htmlSafe(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            String escape = switch (c) {
                case '<' -> "\\u003c";
                case '>' -> "\\u003e";
                case '&' -> "\\u0026";
                // Line terminators in JavaScript source before ES2019, should the JSON ever be
                // pasted into a script rather than parsed.
                case '\u2028' -> "\\u2028";
                case '\u2029' -> "\\u2029";
                default -> null;
            };
            if (escape != null) {
                if (out == null) {
                    out = new StringBuilder(json.length() + 64).append(json, 0, i);
                }
                out.append(escape);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }
}
