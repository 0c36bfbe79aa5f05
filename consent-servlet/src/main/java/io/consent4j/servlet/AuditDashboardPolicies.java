/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.LedgerInsights.PolicyUse;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.PolicyChange;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The page "policy versions": every policy the records name, when it was first used, and the difference
 * between two of them, classified by the policy package's own rule into material changes, which need new
 * consent (C17), and editorial ones; below it the two archived texts line by line.
 */
final class AuditDashboardPolicies {

    private static final Pattern HEX_HASH = Pattern.compile("[0-9a-f]{64}");

    /** Longest texts compared line by line; archived policies are far shorter. */
    private static final int MAX_LINES = 1000;

    private final ConsentLedger ledger;

    AuditDashboardPolicies(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    void render(AuditDashboardHtml html, HttpServletRequest request) {
        List<PolicyUse> uses = ledger.insights().policyUses();
        String a = hash(request, "a");
        String b = hash(request, "b");
        if (a == null && b == null && uses.size() >= 2) {
            a = uses.get(uses.size() - 2).policyHash();
            b = uses.get(uses.size() - 1).policyHash();
        }
        String older = a == null ? null : text(a);
        String newer = b == null ? null : text(b);
        html.start("policies", "policies");
        if (uses.isEmpty()) {
            html.el("p", html.t("noPolicies"));
        } else {
            html.raw("<table><thead><tr>");
            for (String key : List.of("version", "hash", "firstUsed", "records")) {
                html.el("th scope=\"col\"", html.t(key));
            }
            html.raw("</tr></thead><tbody>");
            for (PolicyUse use : uses) {
                html.raw("<tr>").el("th scope=\"row\"", use.version());
                html.raw("<td><a href=\"")
                        .text(html.endpoint("policies/" + use.policyHash()))
                        .raw("\">");
                html.el("code", use.policyHash().substring(0, 16) + "…").raw("</a></td>");
                html.el("td", html.time(use.firstUsed())).el("td class=\"n\"", html.number(use.records()));
                html.raw("</tr>");
            }
            html.raw("</tbody></table>");
        }
        html.raw("<section aria-labelledby=\"compare\"><h2 id=\"compare\">")
                .text(html.t("compare"))
                .raw("</h2>");
        if (!uses.isEmpty()) {
            form(html, uses, a, b);
        }
        if (older != null && newer != null) {
            changes(html, older, newer);
        }
        html.raw("</section>");
    }

    private static String hash(HttpServletRequest request, String name) {
        String value = AuditRange.parameter(request, name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!HEX_HASH.matcher(value).matches()) {
            throw Problem.badRequest("bad-policy-hash", name + " is not a policy hash (64 lower-case hex digits)");
        }
        return value;
    }

    private String text(String hash) {
        return ledger.findPolicy(hash)
                .orElseThrow(() -> Problem.notFound("no-policy", "no policy is archived under " + hash));
    }

    private static void form(AuditDashboardHtml html, List<PolicyUse> uses, String a, String b) {
        html.raw("<form method=\"get\" action=\"")
                .text(html.link("policies", null))
                .raw("\" class=\"range\">");
        html.raw("<input type=\"hidden\" name=\"lang\" value=\"").raw(html.lang).raw("\">");
        select(html, "a", html.t("older"), uses, a);
        select(html, "b", html.t("newer"), uses, b);
        html.raw("<button type=\"submit\">").text(html.t("compare")).raw("</button></form>");
    }

    private static void select(
            AuditDashboardHtml html, String name, String label, List<PolicyUse> uses, String chosen) {
        html.raw("<label for=\"").raw(name).raw("\">").text(label).raw("</label>");
        html.raw("<select id=\"").raw(name).raw("\" name=\"").raw(name).raw("\">");
        for (PolicyUse use : uses) {
            html.raw("<option value=\"").raw(use.policyHash()).raw("\"");
            if (use.policyHash().equals(chosen)) {
                html.raw(" selected");
            }
            html.raw(">")
                    .text(html.t("version") + " " + use.version() + " ("
                            + use.policyHash().substring(0, 8) + ")");
            html.raw("</option>");
        }
        html.raw("</select>");
    }

    private static void changes(AuditDashboardHtml html, String olderText, String newerText) {
        PolicyChange change =
                PolicyChange.between(ConsentPolicy.fromJson(olderText), ConsentPolicy.fromJson(newerText));
        html.el("p class=\"note\"", html.t("changeNote"));
        html.raw("<h3 class=\"material\">").text(html.t("material")).raw("</h3>");
        list(html, change.material(), "material");
        html.raw("<h3>").text(html.t("editorial")).raw("</h3>");
        list(html, change.editorial(), "editorial");
        html.raw("<h3>").text(html.t("textDiff")).raw("</h3>");
        List<String> left = lines(olderText);
        List<String> right = lines(newerText);
        // Scrollable, so focusable: keyboard users can scroll it too.
        html.raw("<pre class=\"diff\" tabindex=\"0\" role=\"region\" aria-label=\"")
                .text(html.t("textDiff"))
                .raw("\">");
        for (String[] line : diff(left, right)) {
            String sign = line[0];
            if (sign.equals(" ")) {
                html.text("  " + line[1]).raw("\n");
            } else {
                String tag = sign.equals("-") ? "del" : "ins";
                html.raw("<").raw(tag).raw(" title=\"").text(html.t(sign.equals("-") ? "removed" : "added"));
                html.raw("\">").text(sign + " " + line[1]).raw("</").raw(tag).raw(">\n");
            }
        }
        html.raw("</pre>");
    }

    private static void list(AuditDashboardHtml html, List<String> items, String kind) {
        if (items.isEmpty()) {
            html.el("p", html.t("noChange"));
            return;
        }
        html.raw("<ul class=\"").raw(kind).raw("\">");
        items.forEach(item -> html.el("li", item));
        html.raw("</ul>");
    }

    private static List<String> lines(String json) {
        String pretty = Problem.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Problem.JSON.readTree(json));
        List<String> lines = List.of(pretty.split("\n", -1));
        return lines.size() > MAX_LINES ? lines.subList(0, MAX_LINES) : lines;
    }

    /** A line diff by longest common subsequence: each line with " ", "-" or "+". */
    static List<String[]> diff(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add(new String[] {" ", a.get(i++)});
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
                out.add(new String[] {"+", b.get(j++)});
            } else {
                out.add(new String[] {"-", a.get(i++)});
            }
        }
        return out;
    }
}
