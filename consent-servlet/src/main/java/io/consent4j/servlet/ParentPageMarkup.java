/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static io.consent4j.servlet.BannerMarkup.escape;

import io.consent4j.core.policy.BannerText;
import java.util.Map;

/**
 * The markup of the parental-consent flow (C28), styled by {@code consent.css} like the settings page:
 * the child's "link for a parent" form on the first layer, the page that shows the link when the child
 * has no JavaScript, and the parent's settings layer with every category, service and cookie table.
 */
final class ParentPageMarkup {

    private ParentPageMarkup() {}

    /**
     * The child's request for a link: a form that works without JavaScript (the answer is a page with the
     * link) and that the script takes over ({@code data-c4j-plink}) to show the link in place.
     */
    static void linkForm(StringBuilder out, BannerMarkup markup, String page) {
        out.append("<form class=\"c4j-note\" method=\"post\" action=\"")
                .append(escape(markup.endpoint() + "/parent-link"))
                .append("\" data-c4j-plink>");
        BannerMarkup.hidden(out, "lang", markup.locale());
        BannerMarkup.hidden(out, "return", ReturnPath.sanitize(page));
        out.append("<button type=\"submit\" class=\"c4j-btn\">")
                .append(markup.t(BannerText.PARENT_LINK))
                .append("</button></form>");
    }

    /** The page a child without JavaScript gets: the link to pass on, selected for copying, and the way back. */
    static String linkPage(BannerMarkup markup, String link, String back, String stylesheet) {
        StringBuilder out = new StringBuilder(1024);
        out.append("<p>").append(markup.t(BannerText.PARENT_LINK_READY)).append("</p>");
        out.append("<p><input id=\"c4j-plink\" class=\"c4j-plink\" type=\"text\" readonly value=\"")
                .append(escape(link))
                .append("\" aria-label=\"")
                .append(markup.t(BannerText.PARENT_LINK))
                .append("\"></p>");
        out.append("<p><a class=\"c4j-back\" href=\"")
                .append(escape(ReturnPath.sanitize(back)))
                .append("\">")
                .append(markup.t(BannerText.BACK))
                .append("</a></p>");
        return BannerMarkup.page(
                markup.locale(), markup.texts().get(BannerText.PARENT_LINK), stylesheet, "", out.toString());
    }

    /**
     * The parent's settings layer: the parent wording, every category with its services and cookie tables
     * (nothing optional switched on, C6), and the three choices as equal buttons (C4, C5).
     */
    static String choiceForm(BannerMarkup markup, String action, String token, Map<String, String> t) {
        StringBuilder out = new StringBuilder(8192);
        out.append("<p>").append(escape(t.get("intro"))).append("</p>\n");
        out.append("<form id=\"consent4j-parent\" method=\"post\" action=\"")
                .append(escape(action))
                .append("\">");
        BannerMarkup.hidden(out, "t", token);
        markup.categories(out);
        out.append("<div class=\"c4j-row c4j-foot\">");
        for (String choice : new String[] {"save", "reject_all", "accept_all"}) {
            out.append("<button type=\"submit\" class=\"c4j-btn\" name=\"action\" value=\"")
                    .append(choice)
                    .append("\">")
                    .append(escape(t.get(choice)))
                    .append("</button>");
        }
        out.append("</div></form>\n<p><small>").append(escape(t.get("limits"))).append("</small></p>");
        markup.links(out);
        return out.toString();
    }
}
