/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's charts as inline SVG: shapes with presentation attributes only (no style attribute, no
 * script), which a {@code default-src 'none'} policy lets through. Each chart repeats numbers that a table
 * next to it states in text, so it is described for screen readers by a title and its table does the rest.
 */
final class AuditDashboardCharts {

    /** Fills of the kinds, dark enough to tell apart with and without colour vision. */
    static final String[] FILLS = {"#1b7f3b", "#b3261e", "#1f5fa8", "#6b4e16"};

    private AuditDashboardCharts() {}

    /** One bar per period, split into the shares of the kinds of choice; periods without choices stay empty. */
    static void stackedShares(AuditDashboardHtml html, Map<String, long[]> perPeriod) {
        int bars = perPeriod.size();
        int barWidth = Math.max(4, Math.min(40, 720 / Math.max(1, bars)));
        int width = bars * barWidth + 60;
        int height = 180;
        int chart = 150;
        html.raw("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"share-title\"")
                .raw(" viewBox=\"0 0 ")
                .raw(Integer.toString(width))
                .raw(" ")
                .raw(Integer.toString(height))
                .raw("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" class=\"chart\">");
        html.raw("<title id=\"share-title\">").text(html.t("shareChart")).raw("</title>");
        html.raw("<line x1=\"40\" y1=\"10\" x2=\"40\" y2=\"160\" stroke=\"#555\"/>");
        for (int pct = 0; pct <= 100; pct += 50) {
            int y = 10 + chart - chart * pct / 100;
            html.raw("<text x=\"34\" y=\"")
                    .raw(Integer.toString(y + 4))
                    .raw("\" text-anchor=\"end\" font-size=\"10\"")
                    .raw(" fill=\"#222\">")
                    .raw(Integer.toString(pct))
                    .raw("%</text>");
        }
        int x = 44;
        for (Map.Entry<String, long[]> period : perPeriod.entrySet()) {
            long[] n = period.getValue();
            long all = AuditDashboardChoices.decisions(n);
            double y = 10 + chart;
            for (int i = 0; i < AuditDashboardChoices.KINDS.size() && all > 0; i++) {
                double h = chart * (double) n[i] / all;
                y -= h;
                html.raw("<rect x=\"")
                        .raw(Integer.toString(x))
                        .raw("\" y=\"")
                        .raw(fmt(y))
                        .raw("\" width=\"")
                        .raw(Integer.toString(barWidth - 2))
                        .raw("\" height=\"")
                        .raw(fmt(h))
                        .raw("\" fill=\"")
                        .raw(FILLS[i])
                        .raw("\"><title>")
                        .text(period.getKey() + ": " + html.t(AuditDashboardChoices.KINDS.get(i)) + " "
                                + html.percent(n[i], all))
                        .raw("</title></rect>");
            }
            x += barWidth;
        }
        html.raw("</svg><figcaption><ul class=\"legend\">");
        for (int i = 0; i < AuditDashboardChoices.KINDS.size(); i++) {
            html.raw("<li><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"12\" height=\"12\" aria-hidden=\"true\">")
                    .raw("<rect width=\"12\" height=\"12\" fill=\"")
                    .raw(FILLS[i])
                    .raw("\"/></svg> ")
                    .text(html.t(AuditDashboardChoices.KINDS.get(i)))
                    .raw("</li>");
        }
        html.raw("</ul></figcaption></figure>");
    }

    /** A small horizontal bar of {@code part} of {@code whole}, beside the number that says the same. */
    static void bar(AuditDashboardHtml html, long part, long whole) {
        double w = whole == 0 ? 0 : 100.0 * part / whole;
        html.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar\" width=\"100\" height=\"10\"")
                .raw(" aria-hidden=\"true\"><rect width=\"100\" height=\"10\" fill=\"#e4e4e4\"/>")
                .raw("<rect width=\"")
                .raw(fmt(w))
                .raw("\" height=\"10\" fill=\"#1f5fa8\"/></svg> ");
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
