/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.ledger.VerificationReport.ChainResult;
import io.consent4j.core.signing.ReceiptVerifier;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifies a time range of a ledger and writes it as an NDJSON export, without holding it in memory
 * (C24, C25): the auditor endpoint's export and verification, and the input of the offline verifier
 * ({@code VerifyCommand}).
 *
 * <p>{@link #verify} first settles the export's {@link Scope}: it starts at the ledger's start when no
 * record lies before {@code from}, and reaches the ledger's head when none lies at or after {@code to}.
 * Starting at the ledger's start, every chain must begin at record 1 or right after its purge anchor,
 * which a purge record must confirm; otherwise each chain is checked as a segment from its first record
 * in the range, because the auditor asked for a range that starts later. Reaching the head, every signed
 * checkpoint of a chain is held against it, so removing the newest records is found; otherwise only the
 * checkpoints up to its last record in the range. Then it streams the range once through a
 * {@link ChainVerifier}.
 *
 * <p>{@link #writeNdjson} streams the same range again and writes exactly the records the verification
 * saw (per chain up to the last one verified, so that records appended meanwhile are left out), in this
 * order, one JSON object per line:
 *
 * <ol>
 *   <li>the header {@code {"export":{"from":…,"to":…,"start":"ledger"|"range","end":"head"|"range"}}};
 *   <li>one {@code {"anchor":{"chain":…,"seq":…,"hash":…}}} line per purge anchor;
 *   <li>the records, oldest first, each as {@link RecordJson#line};
 *   <li>when the export starts at the ledger's start and the newest purge record lies outside it, that
 *       record as {@code {"purge":{…record…}}}, so that the anchors it names are confirmed offline;
 *   <li>one {@code {"checkpoint":"<jws>"}} line per signed checkpoint held against the records.
 * </ol>
 *
 * <p>Thread-safe: it keeps no state between calls.
 */
public final class LedgerExport {

    /** The earliest time an export may name: no store holds older records (MySQL's DATETIME starts here). */
    public static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");

    /** The latest time an export may name, as the end of a range: no store holds records from here on. */
    public static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private final ConsentLedger ledger;
    private final ReceiptVerifier verifier;

    /** An export of {@code ledger}, whose checkpoints {@code verifier} checks. */
    public LedgerExport(ConsentLedger ledger, ReceiptVerifier verifier) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * Verifies the records with {@code from <= time < to}.
     *
     * @param now the time the report names
     * @throws IllegalArgumentException when {@code from} is after {@code to}
     */
    public Verified verify(Instant from, Instant to, Instant now) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(now, "now");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
        // The checkpoints are read before the records, so each names records that exist by the time they are read.
        List<Checkpoint> valid = new ArrayList<>();
        List<Checkpoint> bad = new ArrayList<>();
        for (Checkpoint stored : ledger.checkpoints()) {
            Checkpoint checked = Checkpoint.verify(verifier, stored.jws()).orElse(null);
            if (checked == null
                    || !checked.chainId().equals(stored.chainId())
                    || checked.sequence() != stored.sequence()
                    || !checked.headHash().equals(stored.headHash())) {
                bad.add(stored);
            } else {
                valid.add(checked);
            }
        }
        Scope scope = new Scope(from, to, !ledger.hasRecords(Instant.MIN, from), !ledger.hasRecords(to, Instant.MAX));
        PurgeableConsentLedger purgeable = ledger instanceof PurgeableConsentLedger p ? p : null;
        List<ChainAnchor> anchors = purgeable == null ? List.of() : purgeable.anchors();
        ChainVerifier chains = new ChainVerifier(anchors, scope.fromLedgerStart(), scope.toHead());
        valid.forEach(chains::checkpoint);
        ConsentRecord purge = null;
        if (scope.fromLedgerStart() && !anchors.isEmpty()) {
            // The purge record that confirms the anchors may lie after the range; the newest names every anchor.
            purge = purgeable.latestPurge().orElse(null);
            if (purge != null) {
                chains.purgeRecord(StoredRecord.of(purge));
            }
        }
        Map<String, long[]> ranges = new LinkedHashMap<>();
        try (Stream<ConsentRecord> records = ledger.stream(from, to)) {
            records.forEach(record -> {
                long[] range = ranges.computeIfAbsent(
                        record.chainId(), chain -> new long[] {record.sequence(), record.sequence()});
                range[0] = Math.min(range[0], record.sequence());
                range[1] = Math.max(range[1], record.sequence());
                chains.accept(StoredRecord.of(record));
            });
        }
        Map<String, Long> anchored = new LinkedHashMap<>();
        anchors.forEach(a -> anchored.put(a.chainId(), a.sequence()));
        List<Checkpoint> held = new ArrayList<>();
        for (Checkpoint checkpoint : bad) {
            if (ranges.containsKey(checkpoint.chainId()) || scope.wholeLedger()) {
                chains.problem("the checkpoint of chain " + checkpoint.chainId() + " at record " + checkpoint.sequence()
                        + " has no valid signature");
                held.add(checkpoint);
            }
        }
        // The export carries exactly the checkpoints the verifier held against the records, so that the offline
        // verifier finds what the server found.
        for (Checkpoint checkpoint : valid) {
            long[] range = ranges.get(checkpoint.chainId());
            long anchor = anchored.getOrDefault(checkpoint.chainId(), 0L);
            boolean atAnchor = anchor > 0 && checkpoint.sequence() == anchor;
            boolean holds = range == null
                    ? scope.wholeLedger() && checkpoint.sequence() >= Math.max(1, anchor)
                    : atAnchor
                            || checkpoint.sequence() >= range[0]
                                    && (scope.toHead() || checkpoint.sequence() <= range[1]);
            if (holds) {
                held.add(checkpoint);
            }
        }
        ConsentRecord carried = purge == null || covers(ranges, purge) ? null : purge;
        return new Verified(scope, chains.finish(now), ranges, held, anchors, carried);
    }

    /** Writes the verified records as NDJSON, in the order the type's documentation gives. */
    public void writeNdjson(Verified verified, Writer out) throws IOException {
        Objects.requireNonNull(verified, "verified");
        Objects.requireNonNull(out, "out");
        Scope scope = verified.scope();
        out.write(scope.headerLine());
        out.write('\n');
        for (ChainAnchor anchor : verified.anchors) {
            out.write(anchorLine(anchor));
            out.write('\n');
        }
        try (Stream<ConsentRecord> records = ledger.stream(scope.from(), scope.to())) {
            for (ConsentRecord record : (Iterable<ConsentRecord>) records::iterator) {
                if (verified.covers(record)) {
                    out.write(RecordJson.line(record));
                    out.write('\n');
                }
            }
        }
        if (verified.carriedPurge != null) {
            out.write("{\"purge\":" + RecordJson.line(verified.carriedPurge) + "}\n");
        }
        for (Checkpoint checkpoint : verified.checkpoints) {
            ObjectNode line = RecordJson.MAPPER.createObjectNode();
            line.put("checkpoint", checkpoint.jws());
            out.write(RecordJson.MAPPER.writeValueAsString(line));
            out.write('\n');
        }
    }

    private static boolean covers(Map<String, long[]> ranges, ConsentRecord record) {
        long[] range = ranges.get(record.chainId());
        return range != null && record.sequence() >= range[0] && record.sequence() <= range[1];
    }

    /** The export line of a purge anchor: {@code {"anchor":{"chain":…,"seq":…,"hash":…}}}. */
    public static String anchorLine(ChainAnchor anchor) {
        ObjectNode line = RecordJson.MAPPER.createObjectNode();
        ObjectNode inner = line.putObject("anchor");
        inner.put("chain", anchor.chainId());
        inner.put("seq", anchor.sequence());
        inner.put("hash", anchor.hash());
        return RecordJson.MAPPER.writeValueAsString(line);
    }

    /**
     * Reads an anchor line.
     *
     * @throws IllegalArgumentException when the line is not an anchor line
     */
    public static ChainAnchor parseAnchorLine(String line) {
        try {
            JsonNode anchor = RecordJson.MAPPER.readTree(line).path("anchor");
            if (!anchor.path("chain").isString()
                    || !anchor.path("seq").canConvertToExactIntegral()
                    || anchor.path("seq").longValue() < 1
                    || !anchor.path("hash").isString()) {
                throw new IllegalArgumentException(
                        "an anchor line is {\"anchor\":{\"chain\":…,\"seq\":…,\"hash\":…}} with seq from 1");
            }
            return new ChainAnchor(
                    anchor.path("chain").stringValue(),
                    anchor.path("seq").longValue(),
                    anchor.path("hash").stringValue());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("an anchor line is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Where an export starts and ends: its time range, and whether that range holds the ledger from its
     * start and to its head.
     *
     * @param from the start of the range, inclusive
     * @param to the end of the range, exclusive
     * @param fromLedgerStart whether no record of the ledger lies before {@code from}: then every chain
     *     is checked from its start; otherwise each is checked as a segment from its first record
     * @param toHead whether no record of the ledger lies at or after {@code to}: then every signed
     *     checkpoint is held against its chain
     */
    public record Scope(Instant from, Instant to, boolean fromLedgerStart, boolean toHead) {

        /** Checks that the times are present and in order. */
        public Scope {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("scope 'from' (" + from + ") is after 'to' (" + to + ")");
            }
        }

        /**
         * The scope of an export without a header: the whole ledger, checked as strictly as the server
         * checks its own.
         */
        public static Scope strict() {
            return new Scope(EARLIEST, LATEST, true, true);
        }

        /** Whether the export holds the whole ledger, from its start to its head. */
        public boolean wholeLedger() {
            return fromLedgerStart && toHead;
        }

        /** The export's first line. */
        public String headerLine() {
            return "{\"export\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"start\":\""
                    + (fromLedgerStart ? "ledger" : "range") + "\",\"end\":\"" + (toHead ? "head" : "range")
                    + "\"}}";
        }

        /**
         * Reads a header line.
         *
         * @throws IllegalArgumentException when the line is not a valid header
         */
        public static Scope parseHeader(String line) {
            try {
                JsonNode export = RecordJson.MAPPER.readTree(line).path("export");
                String start = export.path("start").stringValue(null);
                String end = export.path("end").stringValue(null);
                String from = export.path("from").stringValue(null);
                String to = export.path("to").stringValue(null);
                if (from == null
                        || to == null
                        || !"ledger".equals(start) && !"range".equals(start)
                        || !"head".equals(end) && !"range".equals(end)) {
                    throw new IllegalArgumentException("an export header is {\"export\":{\"from\":…,\"to\":…,"
                            + "\"start\":\"ledger\"|\"range\",\"end\":\"head\"|\"range\"}}");
                }
                return new Scope(Instant.parse(from), Instant.parse(to), "ledger".equals(start), "head".equals(end));
            } catch (JacksonException e) {
                throw new IllegalArgumentException("the export header is not JSON: " + e.getOriginalMessage(), e);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("the export header's times are not ISO-8601 instants", e);
            }
        }

        /** Whether {@code time} lies in the range. */
        public boolean contains(Instant time) {
            return !time.isBefore(from) && time.isBefore(to);
        }

        /**
         * One sentence on a chain's result in this scope: where it was checked from and to, or where it
         * failed. The server's verification and the offline verifier say the same.
         */
        public String describe(ChainResult chain) {
            if (!chain.ok()) {
                return "chain " + chain.chainId() + ": FAILED at record " + chain.failedAt() + " ("
                        + chain.failure().name().toLowerCase(Locale.ROOT) + "): " + chain.message();
            }
            if (chain.records() == 0) {
                return "chain " + chain.chainId() + ": no records to check";
            }
            String start;
            if (chain.firstSequence() == 1) {
                start = "checked from the chain's start";
            } else if (fromLedgerStart) {
                start = "checked from the chain's start after the purge anchor at record "
                        + (chain.firstSequence() - 1);
            } else {
                start = "checked as a segment from record " + chain.firstSequence() + ": the export starts at " + from;
            }
            return "chain " + chain.chainId() + ": " + chain.records() + " records (" + chain.firstSequence() + ".."
                    + chain.lastSequence() + ") verified, " + start
                    + (toHead ? " to the ledger's head" : " to the end of the export's range");
        }
    }

    /** What {@link #verify} found, and what {@link #writeNdjson} writes. */
    public static final class Verified {
        private final Scope scope;
        private final VerificationReport report;
        private final Map<String, long[]> ranges;
        private final List<Checkpoint> checkpoints;
        private final List<ChainAnchor> anchors;
        private final ConsentRecord carriedPurge;

        Verified(
                Scope scope,
                VerificationReport report,
                Map<String, long[]> ranges,
                List<Checkpoint> checkpoints,
                List<ChainAnchor> anchors,
                ConsentRecord carriedPurge) {
            this.scope = scope;
            this.report = report;
            this.ranges = ranges;
            this.checkpoints = List.copyOf(checkpoints);
            this.anchors = List.copyOf(anchors);
            this.carriedPurge = carriedPurge;
        }

        /** Where the export starts and ends. */
        public Scope scope() {
            return scope;
        }

        /** The verification's result. */
        public VerificationReport report() {
            return report;
        }

        /** The checkpoints held against the records, which the export carries. */
        public List<Checkpoint> checkpoints() {
            return checkpoints;
        }

        /** Whether {@code record} lies in the verified part of its chain, so an export writes it. */
        public boolean covers(ConsentRecord record) {
            return LedgerExport.covers(ranges, record);
        }

        /** One sentence per chain and problem, joined by {@code "; "}, for headers and trailers. */
        public String summary() {
            List<String> parts = new ArrayList<>();
            report.chains().forEach(chain -> parts.add(scope.describe(chain)));
            parts.addAll(report.problems());
            return parts.isEmpty() ? "no records in range" : String.join("; ", parts);
        }
    }
}
