/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerExport;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.signing.ReceiptVerifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The auditor endpoint's exports (C24, C25): the range verification and the NDJSON export are
 * {@link LedgerExport}'s, shared with the offline verifier; this adds the CSV form, the JSON form of
 * a verification and the {@code GET PATH/export} route that streams either form with the verification
 * in its headers.
 */
final class AuditExport {

    private final ConsentLedger ledger;
    private final LedgerExport export;

    AuditExport(ConsentLedger ledger, ReceiptVerifier verifier) {
        this.ledger = ledger;
        this.export = new LedgerExport(ledger, verifier);
    }

    /**
     * Answers {@code GET PATH/export?from=…&to=…[&format=ndjson|csv]}: verifies the range, puts the result in
     * the {@code Consent-Verification} headers and streams the records in the asked format (default NDJSON).
     *
     * @throws Problem 400 for a bad range or a format other than {@code ndjson} or {@code csv}
     */
    void serve(HttpServletRequest request, HttpServletResponse response, Duration maxRange, Clock clock)
            throws IOException {
        AuditRange range = AuditRange.of(request, maxRange);
        String format = AuditRange.parameter(request, "format");
        if (format == null) {
            format = "ndjson";
        }
        if (!format.equals("ndjson") && !format.equals("csv")) {
            throw Problem.badRequest(
                    "bad-format", "format '" + QuotedInput.abbreviate(format) + "' is not ndjson or csv");
        }
        LedgerExport.Verified verified = verify(range.from(), range.to(), clock.instant());
        download(
                response, verified, "consent-records-" + range.from().toString().replace(':', '-') + "." + format);
        response.setContentType(
                format.equals("csv") ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
        Writer out = new BufferedWriter(
                new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 16 * 1024);
        if (format.equals("csv")) {
            writeCsv(verified, out);
        } else {
            writeNdjson(verified, out);
        }
        out.flush();
    }

    /** Verifies the range; see {@link LedgerExport#verify}. */
    /**
     * Starts the answer of a download of verified records, the export or the audit bundle: status 200, not
     * stored by caches, the verification's outcome in {@code Consent-Verification*} headers (ASCII only) and
     * the file {@code name} to save it as.
     */
    static void download(HttpServletResponse response, LedgerExport.Verified verified, String name) {
        response.setStatus(200);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Consent-Verification", verified.report().ok() ? "ok" : "failed");
        response.setHeader(
                "Consent-Verification-Records", Long.toString(verified.report().records()));
        response.setHeader("Consent-Verification-Detail", verified.summary().replaceAll("[^\\x20-\\x7e]", "?"));
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    LedgerExport.Verified verify(Instant from, Instant to, Instant now) {
        return export.verify(from, to, now);
    }

    /** Writes the verified records as NDJSON; see {@link LedgerExport#writeNdjson}. */
    void writeNdjson(LedgerExport.Verified verified, Writer out) throws IOException {
        export.writeNdjson(verified, out);
    }

    /** The CSV columns, in order. */
    static final List<String> CSV_COLUMNS = List.of(
            "time",
            "chain",
            "seq",
            "consent_id",
            "account_ref",
            "event",
            "method",
            "point",
            "actor",
            "policy_version",
            "policy_hash",
            "locale",
            "path",
            "ip_prefix",
            "signals",
            "granted_categories",
            "denied_categories",
            "granted_services",
            "denied_services",
            "hash",
            "previous_hash");

    /** Writes the verified records as CSV, then a trailer line starting with {@code #verification}. */
    void writeCsv(LedgerExport.Verified verified, Writer out) throws IOException {
        out.write(String.join(",", CSV_COLUMNS));
        out.write("\r\n");
        try (Stream<ConsentRecord> records =
                ledger.stream(verified.scope().from(), verified.scope().to())) {
            for (ConsentRecord r : (Iterable<ConsentRecord>) records::iterator) {
                if (!verified.covers(r)) {
                    continue;
                }
                RecordContent content = r.content();
                List<String> row = List.of(
                        RecordJson.formatTime(r.recordedAt()),
                        r.chainId(),
                        Long.toString(r.sequence()),
                        content.consentId() == null ? "" : content.consentId().toString(),
                        nullToEmpty(content.accountRef()),
                        content.event().jsonName(),
                        content.method().jsonName(),
                        content.collectionPoint().jsonName(),
                        content.actor().jsonName(),
                        Integer.toString(content.policyVersion()),
                        content.policyHash(),
                        nullToEmpty(content.locale()),
                        nullToEmpty(content.path()),
                        nullToEmpty(content.ipPrefix()),
                        String.join(" ", content.signals()),
                        states(content.categories(), true),
                        states(content.categories(), false),
                        states(content.services(), true),
                        states(content.services(), false),
                        r.hash(),
                        r.previousHash());
                StringBuilder line = new StringBuilder(512);
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    line.append(csv(row.get(i)));
                }
                out.write(line.append("\r\n").toString());
            }
        }
        VerificationReport report = verified.report();
        out.write("#verification," + (report.ok() ? "ok" : "failed") + ",records=" + report.records() + ",chains="
                + report.chains().size() + "," + csv(verified.summary()) + "\r\n");
    }

    /** The verification as JSON, with the export's scope. */
    static ObjectNode json(LedgerExport.Verified verified) {
        VerificationReport report = verified.report();
        ObjectNode node = Problem.JSON.createObjectNode();
        node.put("ok", report.ok());
        node.put("records", report.records());
        node.put("verifiedAt", report.verifiedAt().toString());
        node.put("start", verified.scope().fromLedgerStart() ? "ledger" : "range");
        node.put("end", verified.scope().toHead() ? "head" : "range");
        ArrayNode chains = node.putArray("chains");
        for (VerificationReport.ChainResult c : report.chains()) {
            ObjectNode chain = chains.addObject();
            chain.put("chain", c.chainId());
            chain.put("records", c.records());
            chain.put("firstSeq", c.firstSequence());
            chain.put("lastSeq", c.lastSequence());
            chain.put("headHash", c.headHash());
            chain.put("ok", c.ok());
            chain.put("detail", verified.scope().describe(c));
            if (!c.ok()) {
                chain.put("failedAt", c.failedAt());
                chain.put("failure", c.failure().name().toLowerCase(java.util.Locale.ROOT));
                chain.put("message", c.message());
            }
        }
        ArrayNode problems = node.putArray("problems");
        report.problems().forEach(problems::add);
        return node;
    }

    private static String states(Map<String, Boolean> states, boolean granted) {
        StringBuilder out = new StringBuilder();
        states.forEach((id, on) -> {
            if (on == granted) {
                out.append(out.length() == 0 ? "" : " ").append(id);
            }
        });
        return out.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A CSV field (RFC 4180), with formula-looking text defused for spreadsheets. */
    static String csv(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
