/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes one dashboard page: the frame (language, navigation, stylesheet), escaped text and numbers in the
 * page's language. Every value from a request or the ledger goes through {@link #text}; markup is only
 * written by the dashboard's own code.
 */
final class AuditDashboardHtml {

    /** The pages in navigation order: path segment and text key. */
    static final List<String[]> PAGES = List.of(
            new String[] {"", "overview"},
            new String[] {"choices", "choices"},
            new String[] {"policies", "policies"},
            new String[] {"lookup", "lookup"},
            new String[] {"cookies", "cookies"});

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    final String lang;
    private final String base;
    private final StringBuilder out = new StringBuilder(16 * 1024);

    AuditDashboardHtml(HttpServletRequest request) {
        this.lang = language(request);
        this.base = request.getContextPath() + request.getServletPath() + "/dashboard";
    }

    /** {@code de} or {@code en}: the {@code lang} parameter, else the browser's first choice. */
    private static String language(HttpServletRequest request) {
        String asked = AuditRange.parameter(request, "lang");
        if (asked != null) {
            if (!asked.equals("de") && !asked.equals("en")) {
                throw Problem.badRequest(
                        "bad-lang", "lang '" + QuotedInput.abbreviate(asked) + "' is not one of de, en");
            }
            return asked;
        }
        String header = request.getHeader("Accept-Language");
        return header != null && header.strip().toLowerCase(Locale.ROOT).startsWith("de") ? "de" : "en";
    }

    String t(String key) {
        return AuditDashboardTexts.get(key, lang);
    }

    /** The address of a dashboard page, in this language, with an optional query (already encoded). */
    String link(String page, String query) {
        return base + (page.isEmpty() ? "" : "/" + page) + "?lang=" + lang + (query == null ? "" : "&" + query);
    }

    /** The address of a page of the auditor endpoint itself, such as {@code policies/HASH}. */
    String endpoint(String path) {
        return base.substring(0, base.length() - "/dashboard".length()) + "/" + path;
    }

    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    AuditDashboardHtml raw(String markup) {
        out.append(markup);
        return this;
    }

    AuditDashboardHtml text(Object value) {
        out.append(BannerMarkup.escape(value == null ? "" : value.toString()));
        return this;
    }

    /** An element with escaped text: {@code tag} may carry attributes, such as {@code td class="n"}. */
    AuditDashboardHtml el(String tag, Object value) {
        int space = tag.indexOf(' ');
        out.append('<').append(tag).append('>');
        text(value);
        out.append("</").append(space < 0 ? tag : tag.substring(0, space)).append('>');
        return this;
    }

    String number(long n) {
        return NumberFormat.getIntegerInstance(locale()).format(n);
    }

    /** A share as a percentage with one decimal; a dash when there is nothing to share. */
    String percent(long part, long whole) {
        if (whole == 0) {
            return "–";
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale());
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format((double) part / whole);
    }

    String time(Instant time) {
        return time == null ? "–" : TIME.format(time);
    }

    private Locale locale() {
        return lang.equals("de") ? Locale.GERMANY : Locale.UK;
    }

    /** Opens the page {@code page} (a segment of {@link #PAGES}) with its navigation. */
    void start(String page, String titleKey) {
        raw("<!DOCTYPE html>\n<html lang=\"").raw(lang).raw("\"><head><meta charset=\"utf-8\">");
        raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        // An empty icon, so that the browser does not ask the site for /favicon.ico.
        raw("<meta name=\"referrer\" content=\"no-referrer\"><link rel=\"icon\" href=\"data:,\"><title>");
        text(t(titleKey) + " – " + t("title"));
        raw("</title><link rel=\"stylesheet\" href=\"")
                .text(base + "/dashboard.css")
                .raw("\"></head><body>");
        raw("<a class=\"skip\" href=\"#main\">").text(t("skip")).raw("</a>");
        raw("<header><p class=\"brand\">consent4j · ").text(t("title")).raw("</p>");
        raw("<nav aria-label=\"").text(t("nav")).raw("\"><ul>");
        for (String[] entry : PAGES) {
            raw("<li><a href=\"").text(link(entry[0], null)).raw("\"");
            if (entry[0].equals(page)) {
                raw(" aria-current=\"page\"");
            }
            raw(">").text(t(entry[1])).raw("</a></li>");
        }
        raw("</ul></nav><p class=\"langs\">").text(t("langs")).raw(": ");
        language("en", "English", page);
        raw(" · ");
        language("de", "Deutsch", page);
        raw("</p></header><main id=\"main\"><h1>").text(t(titleKey)).raw("</h1>\n");
    }

    private void language(String code, String name, String page) {
        String address = base + (page.isEmpty() ? "" : "/" + page) + "?lang=" + code;
        raw("<a href=\"")
                .text(address)
                .raw("\" lang=\"")
                .raw(code)
                .raw("\" hreflang=\"")
                .raw(code)
                .raw("\"");
        if (code.equals(lang)) {
            raw(" aria-current=\"true\"");
        }
        raw(">").text(name).raw("</a>");
    }

    /** Closes the page and returns it. */
    String finish() {
        raw("</main></body></html>\n");
        return out.toString();
    }
}
