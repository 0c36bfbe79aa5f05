/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.util.List;

/**
 * The dashboard's cookie inventory page: every cookie the filter saw the application set that the policy
 * does not declare, with where it most likely belongs, so that a site sees its policy and its pages
 * drifting apart. Names and paths only, never values.
 */
final class AuditDashboardCookies {

    private AuditDashboardCookies() {}

    static void render(AuditDashboardHtml html, CookieInventory inventory) {
        html.raw("<section id=\"cookie-inventory\" aria-labelledby=\"inventory\"><h2 id=\"inventory\">");
        html.text(html.t("cookies")).raw("</h2>");
        html.el("p", html.t("cookiesAbout"));
        List<SeenCookie> seen = inventory == null ? List.of() : inventory.snapshot();
        if (seen.isEmpty()) {
            html.el("p", html.t("cookiesNone"));
        } else {
            html.raw("<table><caption>").text(html.t("cookies")).raw("</caption><thead><tr>");
            for (String key :
                    new String[] {"cookieName", "likelyCategory", "firstSeen", "lastSeen", "seenCount", "paths"}) {
                html.raw("<th scope=\"col\">").text(html.t(key)).raw("</th>");
            }
            html.raw("</tr></thead><tbody>");
            for (SeenCookie cookie : seen) {
                html.raw("<tr><th scope=\"row\"><code>").text(cookie.name()).raw("</code></th>");
                html.el("td", html.t("likely-" + cookie.likelyCategory().jsonName()));
                html.el("td", html.time(cookie.firstSeen()));
                html.el("td", html.time(cookie.lastSeen()));
                html.el("td", html.number(cookie.count()));
                html.el("td", String.join(", ", cookie.paths()) + (cookie.morePaths() ? ", …" : ""));
                html.raw("</tr>");
            }
            html.raw("</tbody></table>");
        }
        if (inventory != null && inventory.namesNotKept() > 0) {
            html.el("p", html.number(inventory.namesNotKept()) + " " + html.t("cookiesNotKept"));
        }
        html.raw("</section>");
    }
}
