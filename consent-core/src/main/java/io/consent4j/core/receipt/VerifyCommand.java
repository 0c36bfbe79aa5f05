/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.receipt;

import io.consent4j.core.ledger.ChainAnchor;
import io.consent4j.core.ledger.ChainVerifier;
import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.LedgerExport;
import io.consent4j.core.ledger.LedgerExport.Scope;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.ledger.StoredRecord;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.signing.ReceiptVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an NDJSON export of consent records, and receipts, offline: without the server, with only
 * the site's public key.
 *
 * <pre>
 * java -jar consent-core-VERSION-verifier.jar --key public-key.jwk [--receipt receipt.jws]... [export.ndjson]
 * </pre>
 *
 * <p>An export (see {@link LedgerExport} for its lines) starts with a header that says its range and
 * scope. When the header says the export starts at the ledger's start, every chain must start at record
 * 1 or right after a purge anchor that a purge record in the export confirms; when it says the range
 * starts later, each chain is checked as a segment from its first record, and the output says so. When
 * the header says the export reaches the ledger's head, every signed checkpoint is held against its
 * chain, so records missing at the end are found. An export without a header is checked as the whole
 * ledger, from its start to its head.
 *
 * <p>A receipt must match its record in the export; when the record is missing although its time lies
 * inside the export's range (any time, without a header), and no purge anchor covers it, the receipt
 * fails. A receipt whose record lies outside the range passes on its signature, and the output says so.
 *
 * <p>Exit status 0 when everything verifies, 1 when something does not, 2 for bad usage.
 */
public final class VerifyCommand {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private VerifyCommand() {}

    /** Runs the command; see the type's documentation. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path key = null;
        Path export = null;
        List<String> receipts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--key" -> key = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--receipt" -> {
                    if (i + 1 < args.length) {
                        receipts.add(args[++i]);
                    }
                }
                case "-h", "--help" -> {
                    usage(out);
                    return 0;
                }
                default -> export = Path.of(args[i]);
            }
        }
        if (key == null || (export == null && receipts.isEmpty())) {
            usage(err);
            return 2;
        }
        ReceiptVerifier verifier;
        try {
            verifier = ReceiptVerifier.fromJwk(Files.readString(key, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            err.println("Cannot read the public key " + key + ": " + e.getMessage());
            return 2;
        }
        Contents contents = null;
        if (export != null) {
            try {
                contents = verifyExport(export, verifier, out);
            } catch (IOException e) {
                err.println("Cannot read the export " + export + ": " + e.getMessage());
                return 2;
            }
        }
        boolean ok = contents == null || contents.ok;
        for (String receipt : receipts) {
            ok &= verifyReceipt(receipt, verifier, contents, out);
        }
        out.println(ok ? "RESULT: OK" : "RESULT: FAILED");
        return ok ? 0 : 1;
    }

    private static void usage(PrintStream out) {
        out.println(
                "Usage: java -jar consent-core-verifier.jar --key public-key.jwk [--receipt FILE_OR_JWS]... [export.ndjson]");
        out.println("Verifies the hash chains, checkpoints and receipts of a consent4j export without the server.");
    }

    /** What the export holds, for checking receipts against it. */
    private static final class Contents {
        Scope scope = Scope.strict();
        boolean header;
        boolean ok;
        final Map<String, String> hashes = new HashMap<>();
        final Map<String, ChainAnchor> anchors = new LinkedHashMap<>();
    }

    private static Contents verifyExport(Path export, ReceiptVerifier verifier, PrintStream out) throws IOException {
        Contents contents = new Contents();
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<StoredRecord> purges = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int badCheckpoints = 0;
        // The first pass reads everything but the records, which the verifier needs before them.
        try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            boolean first = true;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                boolean firstLine = first;
                first = false;
                if (line.startsWith("{\"export\"")) {
                    if (!firstLine || contents.header) {
                        problems.add(
                                "line " + lineNumber + ": an export header must be the first line, and the only one");
                        continue;
                    }
                    try {
                        contents.scope = Scope.parseHeader(line);
                        contents.header = true;
                    } catch (IllegalArgumentException e) {
                        problems.add("line " + lineNumber + ": " + e.getMessage());
                    }
                } else if (line.startsWith("{\"checkpoint\"")) {
                    var checked = json(line)
                            .flatMap(node -> Checkpoint.verify(
                                    verifier, node.path("checkpoint").stringValue("")));
                    if (checked.isPresent()) {
                        checkpoints.add(checked.get());
                    } else {
                        badCheckpoints++;
                    }
                } else if (line.startsWith("{\"anchor\"")) {
                    try {
                        ChainAnchor anchor = LedgerExport.parseAnchorLine(line);
                        if (contents.anchors.put(anchor.chainId(), anchor) != null) {
                            problems.add("line " + lineNumber + ": a second anchor of chain " + anchor.chainId());
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add("line " + lineNumber + ": " + e.getMessage());
                    }
                } else if (line.startsWith("{\"purge\"")) {
                    StoredRecord purge = json(line)
                            .map(node -> storedRecord(node.path("purge")))
                            .orElse(null);
                    if (purge == null) {
                        problems.add("line " + lineNumber + ": the purge line does not hold a consent record");
                    } else {
                        purges.add(purge);
                    }
                }
            }
        }
        Scope scope = contents.scope;
        ChainVerifier chains = new ChainVerifier(contents.anchors.values(), scope.fromLedgerStart(), scope.toHead());
        checkpoints.forEach(chains::checkpoint);
        purges.forEach(chains::purgeRecord);
        problems.forEach(chains::problem);
        if (badCheckpoints > 0) {
            chains.problem(badCheckpoints + " checkpoint(s) have no valid signature for this key");
        }
        int lineNumber = 0;
        try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()
                        || line.startsWith("{\"export\"")
                        || line.startsWith("{\"checkpoint\"")
                        || line.startsWith("{\"anchor\"")
                        || line.startsWith("{\"purge\"")) {
                    continue;
                }
                JsonNode node = json(line).orElse(null);
                if (node == null) {
                    chains.problem("line " + lineNumber + " is not JSON");
                    continue;
                }
                StoredRecord record = storedRecord(node);
                if (record == null) {
                    chains.problem("line " + lineNumber + " is not a consent record");
                    continue;
                }
                chains.accept(record);
                contents.hashes.put(record.chainId() + "#" + record.sequence(), record.hash());
            }
        }
        VerificationReport report = chains.finish(Instant.now());
        if (contents.header) {
            out.printf(
                    "export: records from %s to %s, %s, %s%n",
                    scope.from(),
                    scope.to(),
                    scope.fromLedgerStart()
                            ? "from the ledger's start"
                            : "from a time after the ledger's start (chains are checked as segments)",
                    scope.toHead() ? "to the ledger's head" : "to a time before the ledger's head");
        } else {
            out.println("export: no header, so checked as the whole ledger, from its start to its head");
        }
        report.chains().forEach(chain -> out.println(scope.describe(chain)));
        report.problems().forEach(p -> out.println("problem: " + p));
        out.printf("checkpoints: %d valid, %d invalid%n", checkpoints.size(), badCheckpoints);
        contents.ok = report.ok();
        return contents;
    }

    private static Optional<JsonNode> json(String line) {
        try {
            return Optional.of(MAPPER.readTree(line));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The record in an export line, or null when the line is not one. */
    private static StoredRecord storedRecord(JsonNode node) {
        String chain = node.path("chain").stringValue(null);
        long sequence = node.path("seq").longValue();
        String previous = node.path("previousHash").stringValue(null);
        String hash = node.path("hash").stringValue(null);
        if (chain == null || previous == null || hash == null || sequence < 1 || !node.isObject()) {
            return null;
        }
        return new StoredRecord(chain, sequence, RecordJson.canonicalBodyOfLine(node), previous, hash);
    }

    private static boolean verifyReceipt(String receipt, ReceiptVerifier verifier, Contents export, PrintStream out) {
        String jws = receipt;
        try {
            Path file = Path.of(receipt);
            if (Files.isRegularFile(file)) {
                jws = Files.readString(file, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException | RuntimeException e) {
            // Not a readable file: treat the argument as the JWS itself.
        }
        var checked = ConsentReceipt.verify(verifier, jws);
        if (checked.isEmpty()) {
            out.println("receipt " + abbreviate(receipt) + ": INVALID signature or not a receipt");
            return false;
        }
        ConsentReceipt r = checked.get();
        String where = r.chainId() + "#" + r.sequence();
        if (export == null) {
            out.printf(
                    "receipt %s: valid, consent %s, %s at %s, record %s%n",
                    abbreviate(receipt), r.consentId(), r.event(), r.time(), where);
            return true;
        }
        String exported = export.hashes.get(where);
        if (exported != null) {
            if (!exported.equals(r.recordHash())) {
                out.printf(
                        "receipt %s: FAILED, record %s in the export differs from the receipt%n",
                        abbreviate(receipt), where);
                return false;
            }
            out.printf(
                    "receipt %s: valid, consent %s, record %s matches the export%n",
                    abbreviate(receipt), r.consentId(), where);
            return true;
        }
        ChainAnchor anchor = export.anchors.get(r.chainId());
        if (anchor != null && r.sequence() <= anchor.sequence()) {
            out.printf(
                    "receipt %s: valid signature, consent %s, record %s was removed by the retention purge"
                            + " (anchor at record %d)%n",
                    abbreviate(receipt), r.consentId(), where, anchor.sequence());
            return true;
        }
        Instant time = receiptTime(r);
        if (time == null || export.scope.contains(time)) {
            out.printf(
                    "receipt %s: FAILED, record %s (%s) is missing from the export although %s%n",
                    abbreviate(receipt),
                    where,
                    r.time(),
                    export.header ? "its time lies inside the export's range" : "the export holds the whole ledger");
            return false;
        }
        out.printf(
                "receipt %s: valid signature, consent %s, record %s (%s) lies outside the export's range"
                        + " (%s to %s), so it is not checked against it%n",
                abbreviate(receipt), r.consentId(), where, r.time(), export.scope.from(), export.scope.to());
        return true;
    }

    private static Instant receiptTime(ConsentReceipt receipt) {
        try {
            return Instant.parse(receipt.time());
        } catch (DateTimeParseException | NullPointerException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
