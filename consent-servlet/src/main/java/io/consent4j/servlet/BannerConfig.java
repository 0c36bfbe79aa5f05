/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentDecision;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.RequestSignals;
import jakarta.servlet.http.Cookie;
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
     * The configuration document for this request as JSON.
     *
     * @param manager the consent manager
     * @param request the page request; its decision is taken from the filter when it ran
     * @param locale the page's language, or null to negotiate it from {@code ?lang=} and
     *     {@code Accept-Language}
     * @param endpointPath the visitor endpoint's path, such as {@code /consent}
     */
    public static String json(ConsentManager manager, HttpServletRequest request, String locale, String endpointPath) {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(endpointPath, "endpointPath");
        String language = locale == null || !manager.policy().locales().contains(locale)
                ? LocaleNegotiation.negotiate(request, manager.policy())
                : locale;
        ConsentDecision decision = ConsentRequests.decision(request)
                .orElseGet(() -> manager.decide(
                        cookie(request, ConsentFilterSettings.DEFAULT_COOKIE_NAME),
                        RequestSignals.fromHeaders(request.getHeader("Sec-GPC"), request.getHeader("DNT"))));
        return Problem.JSON.writeValueAsString(StateJson.document(manager.policy(), language, decision, endpointPath));
    }

    /**
     * The configuration as {@code <script type="application/json" id="consent4j-config">…</script>}, with
     * {@code </} escaped so that no text in the policy can end the element early.
     */
    public static String dataBlock(
            ConsentManager manager, HttpServletRequest request, String locale, String endpointPath) {
        return "<script type=\"application/json\" id=\"" + ELEMENT_ID + "\">"
                + json(manager, request, locale, endpointPath).replace("</", "<\\/") + "</script>";
    }

    private static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (name.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
