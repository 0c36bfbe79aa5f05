/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.receipt.ConsentReceipt;
import io.consent4j.core.signing.ReceiptVerifier;
import io.consent4j.core.token.ConsentId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The page "lookup": the history of a consent id or account reference, each record's place in its chain,
 * whether the stretch of each chain from its first to its last record verifies and is covered by a signed
 * checkpoint, and the check of a pasted receipt against the signature and the ledger.
 */
final class AuditDashboardLookup {

    private static final Pattern HEX_HASH = Pattern.compile("[0-9a-f]{64}");

    /** Longest stretch of a chain checked here; the export's verification covers longer ones. */
    static final int MAX_STRETCH = 100_000;

    private final ConsentLedger ledger;
    private final ReceiptVerifier verifier;

    AuditDashboardLookup(ConsentLedger ledger, ReceiptVerifier verifier) {
        this.ledger = ledger;
        this.verifier = verifier;
    }

    void render(AuditDashboardHtml html, HttpServletRequest request) {
        String query = AuditRange.parameter(request, "q");
        String receipt = request.getMethod().equals("POST") ? AuditRange.parameter(request, "receipt") : null;
        List<ConsentRecord> history = query == null || query.isBlank() ? null : find(query.strip());
        html.start("lookup", "lookup");
        html.raw("<form method=\"get\" action=\"")
                .text(html.link("lookup", null))
                .raw("\" class=\"range\">");
        html.raw("<input type=\"hidden\" name=\"lang\" value=\"").raw(html.lang).raw("\">");
        html.raw("<label for=\"q\">").text(html.t("query")).raw("</label>");
        html.raw("<input id=\"q\" name=\"q\" size=\"66\" autocomplete=\"off\" spellcheck=\"false\" value=\"");
        html.text(query == null ? "" : query).raw("\"><button type=\"submit\">").text(html.t("find"));
        html.raw("</button></form>");
        if (history != null) {
            history(html, history);
        }
        html.raw("<section aria-labelledby=\"receipt\"><h2 id=\"receipt\">")
                .text(html.t("receipt"))
                .raw("</h2>");
        html.raw("<form method=\"post\" action=\"")
                .text(html.link("lookup", null))
                .raw("\">");
        html.raw("<label for=\"receipt-text\">").text(html.t("receiptLabel")).raw("</label>");
        html.raw("<textarea id=\"receipt-text\" name=\"receipt\" rows=\"4\" cols=\"80\" spellcheck=\"false\">");
        html.text(receipt == null ? "" : receipt.strip()).raw("</textarea>");
        html.raw("<button type=\"submit\">").text(html.t("check")).raw("</button></form>");
        if (receipt != null) {
            receipt(html, receipt.strip());
        }
        html.raw("</section>");
    }

    private List<ConsentRecord> find(String query) {
        if (HEX_HASH.matcher(query).matches()) {
            return ledger.findByAccountRef(query);
        }
        try {
            return ledger.findByConsentId(ConsentId.parse(query));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(
                    "bad-lookup",
                    "this is neither a consent id (22 characters of base64url) nor an account reference"
                            + " (64 lower-case hex digits)");
        }
    }

    private void history(AuditDashboardHtml html, List<ConsentRecord> history) {
        html.raw("<section aria-labelledby=\"history\"><h2 id=\"history\">")
                .text(html.t("history"))
                .raw("</h2>");
        if (history.isEmpty()) {
            html.el("p", html.t("noHistory")).raw("</section>");
            return;
        }
        html.raw("<table><thead><tr>");
        for (String key :
                List.of("time", "chain", "positions", "event", "method", "point", "version", "granted", "intact")) {
            html.el("th scope=\"col\"", html.t(key));
        }
        html.raw("</tr></thead><tbody>");
        Map<String, long[]> stretches = new TreeMap<>();
        for (ConsentRecord r : history) {
            boolean intact = r.hash().equals(RecordJson.hash(r.previousHash(), RecordJson.canonicalBody(r)));
            html.raw("<tr>").el("td", html.time(r.recordedAt())).el("td", r.chainId());
            html.el("td class=\"n\"", "#" + r.sequence())
                    .el("td", r.content().event().jsonName());
            html.el("td", r.content().method().jsonName())
                    .el("td", r.content().collectionPoint().jsonName());
            html.el("td class=\"n\"", r.content().policyVersion());
            html.el("td", String.join(", ", r.content().grantedCategories()));
            html.raw("<td class=\"").raw(intact ? "good" : "bad").raw("\">").text(html.t(intact ? "ok" : "broken"));
            html.raw("</td></tr>");
            long[] span = stretches.computeIfAbsent(r.chainId(), c -> new long[] {Long.MAX_VALUE, 0});
            span[0] = Math.min(span[0], r.sequence());
            span[1] = Math.max(span[1], r.sequence());
        }
        html.raw("</tbody></table><h3>").text(html.t("stretch")).raw("</h3><ul>");
        stretches.forEach((chain, span) -> {
            Optional<String> problem = checkStretch(chain, span[0], span[1], history);
            html.raw("<li>").text(html.t("chain") + " " + chain + ", #" + span[0] + "–#" + span[1] + ": ");
            html.raw("<strong class=\"").raw(problem.isEmpty() ? "good" : "bad").raw("\">");
            html.text(html.t(problem.isEmpty() ? "stretchOk" : "stretchFailed")).raw("</strong>");
            problem.ifPresent(p -> html.text(" (" + p + ")"));
            html.text("; " + sealing(html, chain, span[1])).raw("</li>");
        });
        html.raw("</ul></section>");
    }

    /**
     * Reads the chain's records between the first and the last of the history, by time, and checks that
     * they are all there, in order, each with its hash, each linked to the one before.
     */
    private Optional<String> checkStretch(String chain, long first, long last, List<ConsentRecord> history) {
        if (last - first + 1 > MAX_STRETCH) {
            return Optional.of("longer than " + MAX_STRETCH + " records: verify it with the export");
        }
        ConsentRecord start = history.stream()
                .filter(r -> r.chainId().equals(chain) && r.sequence() == first)
                .findFirst()
                .orElseThrow();
        ConsentRecord end = history.stream()
                .filter(r -> r.chainId().equals(chain) && r.sequence() == last)
                .findFirst()
                .orElseThrow();
        long expected = first;
        String previous = start.previousHash();
        try (Stream<ConsentRecord> records =
                ledger.stream(start.recordedAt(), end.recordedAt().plus(Duration.ofMillis(1)))) {
            for (ConsentRecord r : (Iterable<ConsentRecord>) records::iterator) {
                if (!r.chainId().equals(chain) || r.sequence() < first || r.sequence() > last) {
                    continue;
                }
                if (r.sequence() != expected) {
                    return Optional.of("position #" + expected + " is missing or out of order");
                }
                if (!r.previousHash().equals(previous)
                        || !r.hash().equals(RecordJson.hash(r.previousHash(), RecordJson.canonicalBody(r)))) {
                    return Optional.of("position #" + r.sequence() + " does not link to the one before");
                }
                previous = r.hash();
                expected++;
            }
        }
        return expected == last + 1 ? Optional.empty() : Optional.of("position #" + expected + " is missing");
    }

    private String sealing(AuditDashboardHtml html, String chain, long last) {
        Optional<Checkpoint> cover = ledger.checkpoints().stream()
                .filter(c -> c.chainId().equals(chain) && c.sequence() >= last)
                .filter(c -> Checkpoint.verify(verifier, c.jws()).isPresent())
                .findFirst();
        return cover.map(c -> html.t("sealed") + " #" + c.sequence()).orElse(html.t("notSealed"));
    }

    private void receipt(AuditDashboardHtml html, String jws) {
        Optional<ConsentReceipt> verified = ConsentReceipt.verify(verifier, jws);
        if (verified.isEmpty()) {
            html.raw("<p class=\"bad\" role=\"status\"><strong>")
                    .text(html.t("receiptBad"))
                    .raw("</strong></p>");
            return;
        }
        ConsentReceipt receipt = verified.get();
        html.raw("<p class=\"good\" role=\"status\"><strong>")
                .text(html.t("receiptGood"))
                .raw("</strong></p><dl>");
        html.el("dt", html.t("time")).el("dd", receipt.time());
        html.el("dt", html.t("chain")).el("dd", receipt.chainId() + " #" + receipt.sequence());
        html.el("dt", html.t("event")).el("dd", receipt.event() + " / " + receipt.method());
        html.el("dt", html.t("version")).el("dd", receipt.policyVersion());
        html.raw("</dl>");
        List<ConsentRecord> records;
        try {
            records = ledger.findByConsentId(ConsentId.parse(receipt.consentId()));
        } catch (IllegalArgumentException e) {
            records = List.of();
        }
        Optional<ConsentRecord> match =
                records.stream().filter(receipt::matches).findFirst();
        html.raw("<p class=\"").raw(match.isPresent() ? "good" : "bad").raw("\">");
        html.text(match.map(r -> html.t("receiptMatches") + " " + r.chainId() + " #" + r.sequence() + ".")
                .orElse(html.t("receiptNoMatch")));
        html.raw("</p>");
    }
}
