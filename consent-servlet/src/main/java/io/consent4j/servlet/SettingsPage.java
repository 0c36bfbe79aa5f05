/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.policy.ConsentPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The visitor endpoint's {@code GET PATH/settings}: the settings layer as an HTML page of its own, for
 * visitors without JavaScript, with their stored choice (C13, C14). Its {@code return} parameter is the
 * page to go back to (a path on this site, else {@code /}); {@code done=withdrawn} adds the confirmation
 * of a withdrawal.
 */
final class SettingsPage {

    private SettingsPage() {}

    static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            ConsentPolicy policy,
            ConsentDecision decision,
            String endpoint,
            String assetsPath)
            throws IOException {
        String locale = LocaleNegotiation.negotiate(request, policy);
        boolean withdrawn = BannerMarkup.WITHDRAWN.equals(parameter(request, "done"));
        String html = new BannerMarkup(policy, locale, decision, endpoint)
                .settingsPage(
                        parameter(request, "return"),
                        request.getContextPath() + assetsPath + "/consent.css",
                        withdrawn);
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("text/html;charset=utf-8");
        // The page shows the visitor's own choice: never cached, and never shown in another site's frame.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String parameter(HttpServletRequest request, String name) {
        try {
            return request.getParameter(name);
        } catch (RuntimeException e) {
            // A query that is not percent-encoded UTF-8 counts as absent.
            return null;
        }
    }
}
