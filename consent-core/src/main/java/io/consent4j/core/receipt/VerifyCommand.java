/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.receipt;

import io.consent4j.core.ledger.ChainAnchor;
import io.consent4j.core.ledger.ChainVerifier;
import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.ledger.StoredRecord;
import io.consent4j.core.ledger.VerificationReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>An export holds one JSON object per line: records (with {@code hash} and {@code previousHash}),
 * {@code {"checkpoint":"<jws>"}} lines and {@code {"anchor":{"chain":…,"seq":…,"hash":…}}} lines. Every
 * chain is checked from its first exported record; a chain whose export starts after record 1 is checked
 * as a segment from there. Exit status 0 when everything verifies, 1 when something does not, 2 for
 * bad usage.
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
        boolean ok = true;
        Map<String, String> exportedHashes = new HashMap<>();
        if (export != null) {
            try {
                ok = verifyExport(export, verifier, exportedHashes, out);
            } catch (IOException e) {
                err.println("Cannot read the export " + export + ": " + e.getMessage());
                return 2;
            }
        }
        for (String receipt : receipts) {
            ok &= verifyReceipt(receipt, verifier, export == null ? null : exportedHashes, out);
        }
        out.println(ok ? "RESULT: OK" : "RESULT: FAILED");
        return ok ? 0 : 1;
    }

    private static void usage(PrintStream out) {
        out.println(
                "Usage: java -jar consent-core-verifier.jar --key public-key.jwk [--receipt FILE_OR_JWS]... [export.ndjson]");
        out.println("Verifies the hash chains, checkpoints and receipts of a consent4j export without the server.");
    }

    private static boolean verifyExport(
            Path export, ReceiptVerifier verifier, Map<String, String> hashes, PrintStream out) throws IOException {
        List<ChainAnchor> anchors = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>();
        int badCheckpoints = 0;
        try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("{\"checkpoint\"")) {
                    var checked = Checkpoint.verify(
                            verifier, MAPPER.readTree(line).path("checkpoint").stringValue(""));
                    if (checked.isPresent()) {
                        checkpoints.add(checked.get());
                    } else {
                        badCheckpoints++;
                    }
                } else if (line.startsWith("{\"anchor\"")) {
                    JsonNode a = MAPPER.readTree(line).path("anchor");
                    anchors.add(new ChainAnchor(
                            a.path("chain").stringValue(""),
                            a.path("seq").longValue(),
                            a.path("hash").stringValue("")));
                }
            }
        }
        ChainVerifier chains = new ChainVerifier(anchors);
        checkpoints.forEach(chains::checkpoint);
        if (badCheckpoints > 0) {
            chains.problem(badCheckpoints + " checkpoint(s) have no valid signature for this key");
        }
        Set<String> started = new HashSet<>();
        anchors.forEach(a -> started.add(a.chainId()));
        int lineNumber = 0;
        try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("{\"checkpoint\"") || line.startsWith("{\"anchor\"")) {
                    continue;
                }
                JsonNode node;
                try {
                    node = MAPPER.readTree(line);
                } catch (RuntimeException e) {
                    chains.problem("line " + lineNumber + " is not JSON");
                    continue;
                }
                String chain = node.path("chain").stringValue(null);
                long sequence = node.path("seq").longValue();
                String previous = node.path("previousHash").stringValue(null);
                String hash = node.path("hash").stringValue(null);
                if (chain == null || previous == null || hash == null || sequence < 1) {
                    chains.problem("line " + lineNumber + " is not a consent record");
                    continue;
                }
                if (started.add(chain) && sequence > 1) {
                    chains.segment(chain, sequence, previous);
                }
                chains.accept(new StoredRecord(chain, sequence, RecordJson.canonicalBodyOfLine(node), previous, hash));
                hashes.put(chain + "#" + sequence, hash);
            }
        }
        VerificationReport report = chains.finish(Instant.now());
        for (VerificationReport.ChainResult chain : report.chains()) {
            if (chain.ok()) {
                out.printf(
                        "chain %s: %d records (%d..%d) verified%n",
                        chain.chainId(), chain.records(), chain.firstSequence(), chain.lastSequence());
            } else {
                out.printf(
                        "chain %s: FAILED at record %d (%s): %s%n",
                        chain.chainId(),
                        chain.failedAt(),
                        chain.failure().name().toLowerCase(java.util.Locale.ROOT),
                        chain.message());
            }
        }
        report.problems().forEach(p -> out.println("problem: " + p));
        out.printf("checkpoints: %d valid, %d invalid%n", checkpoints.size(), badCheckpoints);
        return report.ok();
    }

    private static boolean verifyReceipt(
            String receipt, ReceiptVerifier verifier, Map<String, String> hashes, PrintStream out) {
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
        if (hashes != null) {
            String exported = hashes.get(where);
            if (exported == null) {
                out.printf(
                        "receipt %s: valid signature, consent %s, record %s not in the export%n",
                        abbreviate(receipt), r.consentId(), where);
                return true;
            }
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
        out.printf(
                "receipt %s: valid, consent %s, %s at %s, record %s%n",
                abbreviate(receipt), r.consentId(), r.event(), r.time(), where);
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
