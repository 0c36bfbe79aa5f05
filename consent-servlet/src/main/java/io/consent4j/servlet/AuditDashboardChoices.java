/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.LedgerInsights;
import io.consent4j.core.ledger.LedgerInsights.CategoryCount;
import io.consent4j.core.ledger.LedgerInsights.ChoiceCount;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The page "choices over time": per day or week of a range, the share of accept all, reject all, custom
 * and withdrawal; per category the grant rate; the same shares per policy version and collection point;
 * browser signals and parental consents. All from the ledger's counts.
 */
final class AuditDashboardChoices {

    /** The kinds of choice whose shares the page shows, in order; the rest counts as other events. */
    static final List<String> KINDS = List.of("accept_all", "reject_all", "custom", "withdrawal");

    private static final List<String> POINTS =
            List.of("first_layer", "settings", "embed_placeholder", "no_script_form", "api", "system");

    private final LedgerInsights insights;
    private final Clock clock;
    private final Duration maxRange;

    AuditDashboardChoices(LedgerInsights insights, Clock clock, Duration maxRange) {
        this.insights = insights;
        this.clock = clock;
        this.maxRange = maxRange;
    }

    /** The kind of a count: one of {@link #KINDS}, or null for events that are no visitor's choice. */
    static String kind(ChoiceCount c) {
        if (c.event() == ConsentEvent.WITHDRAWN) {
            return "withdrawal";
        }
        if (c.event() != ConsentEvent.GIVEN
                && c.event() != ConsentEvent.UPDATED
                && c.event() != ConsentEvent.PARENTAL_CONSENT) {
            return null;
        }
        String method = c.method().jsonName();
        return KINDS.contains(method) ? method : null;
    }

    void render(AuditDashboardHtml html, HttpServletRequest request) {
        LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate to = date(request, "to", today);
        LocalDate from = date(request, "from", to.minusDays(29));
        String group = AuditRange.parameter(request, "group");
        boolean weeks = "week".equals(group);
        if (group != null && !weeks && !group.equals("day")) {
            throw Problem.badRequest("bad-group", "group is day or week");
        }
        if (from.isAfter(to)) {
            throw Problem.badRequest("bad-range", "from " + from + " is after to " + to);
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > maxRange.toDays()) {
            throw Problem.badRequest("range-too-long", "the range is longer than " + maxRange.toDays() + " days");
        }
        html.start("choices", "choices");
        form(html, from, to, weeks);
        List<ChoiceCount> choices = insights.choices(from, to.plusDays(1));
        if (choices.isEmpty()) {
            html.el("p", html.t("noChoices"));
            return;
        }
        Function<ChoiceCount, String> period = weeks
                ? c -> c.day().with(DayOfWeek.MONDAY).toString()
                : c -> c.day().toString();
        Map<String, long[]> perPeriod = tally(choices, period);
        html.raw("<section aria-labelledby=\"shares\"><h2 id=\"shares\">")
                .text(html.t("shareChart"))
                .raw("</h2>");
        AuditDashboardCharts.stackedShares(html, perPeriod);
        shareTable(html, html.t(weeks ? "week" : "day"), perPeriod, Function.identity());
        html.raw("</section>");
        grantRates(html, insights.categories(from, to.plusDays(1)));
        html.raw("<section aria-labelledby=\"by-policy\"><h2 id=\"by-policy\">").text(html.t("byPolicy"));
        html.raw("</h2>");
        shareTable(
                html,
                html.t("version"),
                tally(choices, c -> String.format("%06d", c.policyVersion())),
                k -> Integer.toString(Integer.parseInt(k)));
        html.raw("</section><section aria-labelledby=\"by-point\"><h2 id=\"by-point\">")
                .text(html.t("byPoint"));
        html.raw("</h2>");
        shareTable(
                html,
                html.t("point"),
                tally(
                        choices,
                        c -> POINTS.indexOf(c.collectionPoint().jsonName())
                                + c.collectionPoint().jsonName()),
                k -> html.t(k.substring(1)));
        html.raw("</section>");
        signals(html, choices);
    }

    private static LocalDate date(HttpServletRequest request, String name, LocalDate fallback) {
        String value = AuditRange.parameter(request, name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() < 1000 || date.getYear() > 9998) {
                throw Problem.badRequest("bad-date", name + " is outside the years 1000 to 9998");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(
                    "bad-date", name + " '" + QuotedInput.abbreviate(value) + "' is not a date such as 2026-03-01");
        }
    }

    private static void form(AuditDashboardHtml html, LocalDate from, LocalDate to, boolean weeks) {
        html.raw("<form method=\"get\" action=\"")
                .text(html.link("choices", null))
                .raw("\" class=\"range\">");
        html.raw("<input type=\"hidden\" name=\"lang\" value=\"").raw(html.lang).raw("\">");
        html.raw("<fieldset><legend>").text(html.t("range")).raw("</legend>");
        html.raw("<label for=\"from\">").text(html.t("from")).raw("</label>");
        html.raw("<input id=\"from\" name=\"from\" type=\"date\" value=\"")
                .text(from)
                .raw("\">");
        html.raw("<label for=\"to\">").text(html.t("to")).raw("</label>");
        html.raw("<input id=\"to\" name=\"to\" type=\"date\" value=\"").text(to).raw("\">");
        html.raw("<label for=\"group\">").text(html.t("group")).raw("</label><select id=\"group\" name=\"group\">");
        html.raw("<option value=\"day\"")
                .raw(weeks ? "" : " selected")
                .raw(">")
                .text(html.t("day"))
                .raw("</option>");
        html.raw("<option value=\"week\"")
                .raw(weeks ? " selected" : "")
                .raw(">")
                .text(html.t("week"));
        html.raw("</option></select><button type=\"submit\">")
                .text(html.t("show"))
                .raw("</button></fieldset></form>");
    }

    /** Per key: the counts of each kind ({@link #KINDS} order), then other events. */
    private static Map<String, long[]> tally(List<ChoiceCount> choices, Function<ChoiceCount, String> key) {
        Map<String, long[]> out = new TreeMap<>();
        for (ChoiceCount c : choices) {
            long[] n = out.computeIfAbsent(key.apply(c), k -> new long[KINDS.size() + 1]);
            String kind = kind(c);
            n[kind == null ? KINDS.size() : KINDS.indexOf(kind)] += c.count();
        }
        return out;
    }

    static long decisions(long[] n) {
        long sum = 0;
        for (int i = 0; i < KINDS.size(); i++) {
            sum += n[i];
        }
        return sum;
    }

    private static void shareTable(
            AuditDashboardHtml html, String head, Map<String, long[]> rows, Function<String, String> label) {
        html.raw("<table><thead><tr>").el("th scope=\"col\"", head).el("th scope=\"col\"", html.t("decisions"));
        KINDS.forEach(k -> html.el("th scope=\"col\"", html.t(k)));
        html.el("th scope=\"col\"", html.t("otherEvents")).raw("</tr></thead><tbody>");
        rows.forEach((key, n) -> {
            long all = decisions(n);
            html.raw("<tr>").el("th scope=\"row\"", label.apply(key)).el("td class=\"n\"", html.number(all));
            for (int i = 0; i < KINDS.size(); i++) {
                html.el("td class=\"n\"", html.percent(n[i], all));
            }
            html.el("td class=\"n\"", html.number(n[KINDS.size()])).raw("</tr>");
        });
        html.raw("</tbody></table>");
    }

    private static void grantRates(AuditDashboardHtml html, List<CategoryCount> categories) {
        Map<String, long[]> rates = new TreeMap<>();
        for (CategoryCount c : categories) {
            long[] n = rates.computeIfAbsent(c.category(), k -> new long[2]);
            n[0] += c.choices();
            n[1] += c.granted();
        }
        html.raw("<section aria-labelledby=\"grant\"><h2 id=\"grant\">")
                .text(html.t("grantRate"))
                .raw("</h2>");
        html.raw("<table><thead><tr>");
        for (String key : List.of("category", "decisions", "granted", "rate")) {
            html.el("th scope=\"col\"", html.t(key));
        }
        html.raw("</tr></thead><tbody>");
        rates.forEach((category, n) -> {
            html.raw("<tr>").el("th scope=\"row\"", category).el("td class=\"n\"", html.number(n[0]));
            html.el("td class=\"n\"", html.number(n[1])).raw("<td class=\"n\">");
            AuditDashboardCharts.bar(html, n[1], n[0]);
            html.text(html.percent(n[1], n[0])).raw("</td></tr>");
        });
        html.raw("</tbody></table></section>");
    }

    private static void signals(AuditDashboardHtml html, List<ChoiceCount> choices) {
        long all = 0;
        long gpc = 0;
        long dnt = 0;
        long parental = 0;
        for (ChoiceCount c : choices) {
            all += c.count();
            gpc += c.gpc() ? c.count() : 0;
            dnt += c.dnt() ? c.count() : 0;
            parental += c.parental() || c.event() == ConsentEvent.PARENTAL_CONSENT ? c.count() : 0;
        }
        html.raw("<section aria-labelledby=\"signals\"><h2 id=\"signals\">")
                .text(html.t("signals"))
                .raw("</h2>");
        html.raw("<table><thead><tr>").el("th scope=\"col\"", html.t("signals"));
        html.el("th scope=\"col\"", html.t("signalShare")).el("th scope=\"col\"", html.t("rate"));
        html.raw("</tr></thead><tbody>");
        html.raw("<tr>").el("th scope=\"row\"", "Global Privacy Control").el("td class=\"n\"", html.number(gpc));
        html.el("td class=\"n\"", html.percent(gpc, all)).raw("</tr>");
        html.raw("<tr>").el("th scope=\"row\"", "Do Not Track").el("td class=\"n\"", html.number(dnt));
        html.el("td class=\"n\"", html.percent(dnt, all)).raw("</tr></tbody></table></section>");
        html.raw("<section aria-labelledby=\"parental\"><h2 id=\"parental\">").text(html.t("parental"));
        html.raw("</h2><p>").text(html.t("parentalCount")).raw(": <strong>").text(html.number(parental));
        html.raw("</strong></p></section>");
    }
}
