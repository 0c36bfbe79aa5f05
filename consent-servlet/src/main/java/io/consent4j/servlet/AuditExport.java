/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.ChainVerifier;
import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.ledger.StoredRecord;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.receipt.ReceiptVerifier;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifies and writes a time range of the ledger without holding it in memory (C24, C25).
 *
 * <p>{@link #verify} streams the range once and checks every chain from its first record in the range
 * (a chain that starts mid-range is checked as a segment from there, as the offline verifier does),
 * against the signed checkpoints that fall inside it. The export then streams the same range again and
 * writes exactly the records the verification saw (per chain up to the last one verified, so that
 * records appended meanwhile are left out), followed, in NDJSON, by the checkpoint lines of those
 * records. The output is what {@code VerifyCommand} reads.
 */
final class AuditExport {

    private final ConsentLedger ledger;
    private final ReceiptVerifier verifier;

    AuditExport(ConsentLedger ledger, ReceiptVerifier verifier) {
        this.ledger = ledger;
        this.verifier = verifier;
    }

    /** What the first pass found. */
    record Verified(VerificationReport report, Map<String, long[]> ranges, Map<String, List<Checkpoint>> inside) {

        /** Whether {@code record} lies in the verified part of its chain. */
        boolean covers(ConsentRecord record) {
            long[] range = ranges.get(record.chainId());
            return range != null && record.sequence() >= range[0] && record.sequence() <= range[1];
        }
    }

    Verified verify(Instant from, Instant to, Instant now) {
        Map<String, List<Checkpoint>> checkpoints = new HashMap<>();
        List<String> badCheckpoints = new ArrayList<>();
        for (Checkpoint stored : ledger.checkpoints()) {
            Checkpoint checked = Checkpoint.verify(verifier, stored.jws()).orElse(null);
            if (checked == null
                    || !checked.chainId().equals(stored.chainId())
                    || checked.sequence() != stored.sequence()
                    || !checked.headHash().equals(stored.headHash())) {
                badCheckpoints.add(stored.chainId() + ":" + stored.sequence());
                continue;
            }
            checkpoints
                    .computeIfAbsent(checked.chainId(), c -> new ArrayList<>())
                    .add(checked);
        }
        ChainVerifier chains = new ChainVerifier(List.of());
        Map<String, long[]> ranges = new LinkedHashMap<>();
        try (Stream<ConsentRecord> records = ledger.stream(from, to)) {
            records.forEach(record -> {
                long[] range = ranges.get(record.chainId());
                if (range == null) {
                    // Every chain counts as a segment from its first record in the range: checkpoints past
                    // its last record in the range are not held against it.
                    chains.segment(
                            record.chainId(),
                            record.sequence(),
                            record.sequence() == 1 ? ConsentRecord.GENESIS_HASH : record.previousHash());
                    checkpoints.getOrDefault(record.chainId(), List.of()).forEach(chains::checkpoint);
                    range = new long[] {record.sequence(), record.sequence()};
                    ranges.put(record.chainId(), range);
                }
                range[1] = record.sequence();
                chains.accept(StoredRecord.of(record));
            });
        }
        Map<String, List<Checkpoint>> inside = new LinkedHashMap<>();
        ranges.forEach((chain, range) -> inside.put(
                chain,
                checkpoints.getOrDefault(chain, List.of()).stream()
                        .filter(c -> c.sequence() >= range[0] && c.sequence() <= range[1])
                        .toList()));
        for (String bad : badCheckpoints) {
            String chain = bad.substring(0, bad.lastIndexOf(':'));
            if (ranges.containsKey(chain)) {
                chains.problem("the checkpoint of chain " + chain + " at record " + bad.substring(chain.length() + 1)
                        + " has no valid signature");
            }
        }
        return new Verified(chains.finish(now), ranges, inside);
    }

    /** Writes the verified records as NDJSON, then their checkpoints. */
    void writeNdjson(Instant from, Instant to, Verified verified, Writer out) throws IOException {
        try (Stream<ConsentRecord> records = ledger.stream(from, to)) {
            for (ConsentRecord record : (Iterable<ConsentRecord>) records::iterator) {
                if (verified.covers(record)) {
                    out.write(RecordJson.line(record));
                    out.write('\n');
                }
            }
        }
        for (List<Checkpoint> checkpoints : verified.inside().values()) {
            for (Checkpoint checkpoint : checkpoints) {
                ObjectNode line = Problem.JSON.createObjectNode();
                line.put("checkpoint", checkpoint.jws());
                out.write(Problem.JSON.writeValueAsString(line));
                out.write('\n');
            }
        }
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
    void writeCsv(Instant from, Instant to, Verified verified, Writer out) throws IOException {
        out.write(String.join(",", CSV_COLUMNS));
        out.write("\r\n");
        try (Stream<ConsentRecord> records = ledger.stream(from, to)) {
            for (ConsentRecord r : (Iterable<ConsentRecord>) records::iterator) {
                if (!verified.covers(r)) {
                    continue;
                }
                List<String> row = List.of(
                        RecordJson.formatTime(r.recordedAt()),
                        r.chainId(),
                        Long.toString(r.sequence()),
                        r.consentId() == null ? "" : r.consentId().toString(),
                        nullToEmpty(r.accountRef()),
                        r.event().jsonName(),
                        r.method().jsonName(),
                        r.collectionPoint().jsonName(),
                        r.actor().jsonName(),
                        Integer.toString(r.policyVersion()),
                        r.policyHash(),
                        nullToEmpty(r.locale()),
                        nullToEmpty(r.path()),
                        nullToEmpty(r.ipPrefix()),
                        String.join(" ", r.signals()),
                        states(r.categories(), true),
                        states(r.categories(), false),
                        states(r.services(), true),
                        states(r.services(), false),
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
                + report.chains().size() + "," + csv(summary(report)) + "\r\n");
    }

    /** One sentence per chain and problem, for headers and the CSV trailer. */
    static String summary(VerificationReport report) {
        List<String> parts = new ArrayList<>();
        for (VerificationReport.ChainResult chain : report.chains()) {
            parts.add(
                    chain.ok()
                            ? "chain " + chain.chainId() + " records " + chain.firstSequence() + ".."
                                    + chain.lastSequence() + " verified"
                            : "chain " + chain.chainId() + " FAILED at record " + chain.failedAt() + ": "
                                    + chain.message());
        }
        parts.addAll(report.problems());
        return parts.isEmpty() ? "no records in range" : String.join("; ", parts);
    }

    /** The report as JSON. */
    static ObjectNode json(VerificationReport report) {
        ObjectNode node = Problem.JSON.createObjectNode();
        node.put("ok", report.ok());
        node.put("records", report.records());
        node.put("verifiedAt", report.verifiedAt().toString());
        ArrayNode chains = node.putArray("chains");
        for (VerificationReport.ChainResult c : report.chains()) {
            ObjectNode chain = chains.addObject();
            chain.put("chain", c.chainId());
            chain.put("records", c.records());
            chain.put("firstSeq", c.firstSequence());
            chain.put("lastSeq", c.lastSequence());
            chain.put("headHash", c.headHash());
            chain.put("ok", c.ok());
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
