/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.LedgerInsights;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.signing.ReceiptVerifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The auditor dashboard under {@code PATH/dashboard}: server-rendered HTML pages in English and German,
 * behind the auditor endpoint's authentication, with no script at all. Every answer carries a CSP that
 * allows nothing but the dashboard's own stylesheet ({@code default-src 'none'; style-src 'self'}); charts
 * are inline SVG drawn with presentation attributes, which that policy allows. The counts come from
 * {@link ConsentLedger#insights()}, never from reading the records here.
 */
final class AuditDashboard {

    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private static final byte[] CSS = css();

    private final ConsentLedger ledger;
    private final ReceiptVerifier verifier;
    private final Clock clock;
    private final Duration maxRange;
    private final Duration retention;
    private final CookieInventory inventory;
    /** The last whole-ledger verification run from the dashboard, or null. */
    private volatile VerificationReport lastVerification;

    AuditDashboard(
            ConsentLedger ledger,
            ReceiptVerifier verifier,
            Clock clock,
            Duration maxRange,
            Duration retention,
            CookieInventory inventory) {
        this.ledger = ledger;
        this.inventory = inventory;
        this.verifier = verifier;
        this.clock = clock;
        this.maxRange = maxRange;
        this.retention = retention;
    }

    /** The dashboard page a request is for ({@code ""} for its overview), or null when it is not for the dashboard. */
    static String page(HttpServletRequest request) {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        if (path.equals("/dashboard") || path.equals("/dashboard/")) {
            return "";
        }
        return path.startsWith("/dashboard/") ? path.substring("/dashboard/".length()) : null;
    }

    /**
     * The password of an HTTP Basic {@code Authorization} header (the user name is ignored), or null when
     * the header is not Basic or malformed: browsers send the auditor token this way.
     */
    static String basicPassword(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair =
                    new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            String password = colon < 0 ? "" : pair.substring(colon + 1).strip();
            return password.isEmpty() ? null : password;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether {@code method} may reach {@code page}: POST only where a form posts. */
    static boolean allows(String method, String page) {
        return method.equals("GET") || (method.equals("POST") && ("verify".equals(page) || "lookup".equals(page)));
    }

    /** Answers {@code PATH/dashboard[/page]}. */
    void serve(HttpServletRequest request, HttpServletResponse response, String page) throws IOException {
        String name = page == null ? "" : page;
        if (name.equals("dashboard.css")) {
            response.setStatus(200);
            response.setContentType("text/css; charset=utf-8");
            response.setHeader("Cache-Control", "private, max-age=3600");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.getOutputStream().write(CSS);
            return;
        }
        AuditDashboardHtml html = new AuditDashboardHtml(request);
        int status = 200;
        try {
            switch (name) {
                case "" -> overview(html);
                case "choices" -> new AuditDashboardChoices(ledger.insights(), clock, maxRange).render(html, request);
                case "policies" -> new AuditDashboardPolicies(ledger).render(html, request);
                case "lookup" -> new AuditDashboardLookup(ledger, verifier).render(html, request);
                case "cookies" -> cookies(html);
                case "verify" -> {
                    lastVerification = ledger.verify();
                    response.setStatus(303);
                    response.setHeader("Location", html.link("", null));
                    return;
                }
                default ->
                    throw Problem.notFound(
                            "not-found", "the dashboard has no page '" + QuotedInput.abbreviate(name) + "'");
            }
        } catch (Problem problem) {
            // A bad parameter gets its status with the page's frame, so that the auditor can go on from there.
            status = problem.status();
            html = new AuditDashboardHtml(request);
            html.start(name, "error");
            html.raw("<p role=\"alert\">").text(problem.getMessage()).raw("</p>");
        }
        write(response, status, html.finish());
    }

    static void write(HttpServletResponse response, int status, String page) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }

    private void overview(AuditDashboardHtml html) {
        html.start("", "overview");
        LedgerInsights.Overview overview = ledger.insights().overview();
        Map<String, Checkpoint> lastCheckpoints = new HashMap<>();
        for (Checkpoint checkpoint : ledger.checkpoints()) {
            lastCheckpoints.merge(checkpoint.chainId(), checkpoint, (a, b) -> a.sequence() >= b.sequence() ? a : b);
        }
        html.raw("<section aria-labelledby=\"records\"><h2 id=\"records\">")
                .text(html.t("records"))
                .raw("</h2>");
        html.raw("<p class=\"big\"><strong>")
                .text(html.number(overview.records()))
                .raw("</strong> ");
        html.text(html.t("recordsTotal")).raw("</p>");
        long unsealed = 0;
        if (overview.chains().isEmpty()) {
            html.el("p", html.t("noRecords"));
        } else {
            html.raw("<table><thead><tr>");
            for (String key : List.of("chain", "records", "positions", "lastRecord", "lastCheckpoint")) {
                html.el("th scope=\"col\"", html.t(key));
            }
            html.raw("</tr></thead><tbody>");
            for (LedgerInsights.ChainSummary chain : overview.chains()) {
                Checkpoint checkpoint = lastCheckpoints.get(chain.chainId());
                long after = chain.lastSequence() - (checkpoint == null ? 0 : checkpoint.sequence());
                unsealed += Math.max(0, after);
                html.raw("<tr>").el("th scope=\"row\"", chain.chainId());
                html.el("td class=\"n\"", html.number(chain.records()));
                html.el("td class=\"n\"", chain.firstSequence() + "–" + chain.lastSequence());
                html.el("td", html.time(chain.lastRecordedAt()));
                html.el(
                        "td",
                        checkpoint == null
                                ? html.t("none")
                                : "#" + checkpoint.sequence() + ", " + html.time(checkpoint.createdAt()));
                html.raw("</tr>");
            }
            html.raw("</tbody></table>");
        }
        html.raw("</section>");
        verification(html, unsealed);
        html.raw("<section aria-labelledby=\"retention\"><h2 id=\"retention\">").text(html.t("retention"));
        html.raw("</h2><dl>");
        html.el("dt", html.t("oldest")).el("dd", html.time(overview.oldestRecord()));
        html.el("dt", html.t("retentionPeriod")).el("dd", retention.toDays() + " " + html.t("days"));
        html.el("dt", html.t("nextPurge"))
                .el(
                        "dd",
                        overview.oldestRecord() == null
                                ? html.t("none")
                                : html.time(overview.oldestRecord().plus(retention)));
        html.raw("</dl></section>");
    }

    private void verification(AuditDashboardHtml html, long unsealed) {
        VerificationReport report = lastVerification;
        html.raw("<section aria-labelledby=\"verification\"><h2 id=\"verification\">");
        html.text(html.t("verification")).raw("</h2>");
        if (report == null) {
            html.el("p", html.t("notVerified"));
        } else {
            html.raw("<p class=\"").raw(report.ok() ? "good" : "bad").raw("\"><strong>");
            html.text(html.t(report.ok() ? "verifiedOk" : "verifiedFailed")).raw("</strong> ");
            html.text(html.t("verifiedAt") + " " + html.time(report.verifiedAt()) + ", " + html.number(report.records())
                    + " " + html.t("records") + ".");
            html.raw("</p>");
            if (!report.problems().isEmpty()) {
                html.raw("<ul>");
                report.problems().stream().limit(20).forEach(p -> html.el("li", p));
                html.raw("</ul>");
            }
        }
        html.raw("<form method=\"post\" action=\"")
                .text(html.link("verify", null))
                .raw("\">");
        html.raw("<button type=\"submit\">").text(html.t("verifyNow")).raw("</button></form></section>");
        html.raw("<section aria-labelledby=\"health\"><h2 id=\"health\">")
                .text(html.t("health"))
                .raw("</h2><p>");
        String state = report == null ? "unknown" : report.ok() ? "healthy" : "attention";
        html.raw("<strong class=\"").raw(state).raw("\">").text(html.t(state)).raw("</strong>. ");
        html.text(html.number(unsealed) + " " + html.t("unsealed") + ".").raw("</p></section>");
    }

    private void cookies(AuditDashboardHtml html) {
        html.start("cookies", "cookies");
        AuditDashboardCookies.render(html, inventory);
    }

    private static byte[] css() {
        try (InputStream in = AuditDashboard.class.getResourceAsStream("dashboard.css")) {
            if (in == null) {
                throw new IllegalStateException("dashboard.css is missing from the consent-servlet jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("could not read dashboard.css", e);
        }
    }
}
