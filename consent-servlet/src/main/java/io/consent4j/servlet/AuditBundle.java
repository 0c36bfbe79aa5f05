/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.LedgerExport;
import io.consent4j.core.signing.ReceiptSigner;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The audit bundle of {@code GET PATH/bundle?from=…&to=…}: one zip an outside auditor checks on their own
 * machine, holding {@code export.ndjson} (the export of {@code GET PATH/export}), {@code policies/HASH.json}
 * (every archived policy text the export's records name), {@code public-key.jwk}, the offline verifier
 * ({@link VerifierJar}), a {@code README.md} in English and German with the exact commands, and
 * {@code SHA256SUMS} of all of them. Streamed: the export is never held in memory.
 */
final class AuditBundle {

    /** A record's policy hash in an export line. */
    private static final Pattern POLICY_HASH = Pattern.compile("\"policyHash\":\"([0-9a-f]{64})\"");

    private final ConsentLedger ledger;
    private final ReceiptSigner signer;
    private final AuditExport export;

    AuditBundle(ConsentLedger ledger, ReceiptSigner signer, AuditExport export) {
        this.ledger = ledger;
        this.signer = signer;
        this.export = export;
    }

    /** Verifies {@code range} at {@code now} and writes its bundle as the response. */
    void write(AuditRange range, Instant now, HttpServletResponse response) throws IOException {
        LedgerExport.Verified verified = export.verify(range.from(), range.to(), now);
        // Everything that can fail before the first byte is made first: a failure is then still a problem answer.
        byte[] verifier = VerifierJar.bytes();
        String verifierName = VerifierJar.fileName();
        String readme = readme(verified, now, verifierName);
        LedgerExport.Scope scope = verified.scope();
        AuditExport.download(
                response, verified, "consent-audit-" + scope.from().toString().replace(':', '-') + ".zip");
        response.setContentType("application/zip");
        Map<String, String> sums = new TreeMap<>();
        // The servlet's stream stays open: closing it would complete the response before the endpoint logs
        // the download, so an auditor could hold the bundle while the access line is not yet written (C23).
        OutputStream body = new FilterOutputStream(response.getOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        try (ZipOutputStream zip = new ZipOutputStream(body)) {
            TreeSet<String> policies = new TreeSet<>();
            Entry ndjson = new Entry(zip, "export.ndjson");
            Writer out = new PolicyHashes(new OutputStreamWriter(ndjson, StandardCharsets.UTF_8), policies);
            export.writeNdjson(verified, out);
            out.flush();
            sums.put(ndjson.name, ndjson.finish());
            StringBuilder missing = new StringBuilder();
            for (String hash : policies) {
                Optional<String> text = ledger.findPolicy(hash);
                if (text.isPresent()) {
                    put(zip, "policies/" + hash + ".json", text.get().getBytes(StandardCharsets.UTF_8), sums);
                } else {
                    missing.append(hash).append('\n');
                }
            }
            if (!missing.isEmpty()) {
                put(zip, "policies/MISSING.txt", missing.toString().getBytes(StandardCharsets.UTF_8), sums);
            }
            put(zip, "public-key.jwk", signer.publicJwk().getBytes(StandardCharsets.UTF_8), sums);
            put(zip, verifierName, verifier, sums);
            put(zip, "README.md", readme.getBytes(StandardCharsets.UTF_8), sums);
            StringBuilder lines = new StringBuilder();
            sums.forEach(
                    (file, sum) -> lines.append(sum).append("  ").append(file).append('\n'));
            ZipEntry entry = new ZipEntry("SHA256SUMS");
            zip.putNextEntry(entry);
            zip.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content, Map<String, String> sums)
            throws IOException {
        Entry entry = new Entry(zip, name);
        entry.write(content);
        sums.put(name, entry.finish());
    }

    private static String readme(LedgerExport.Verified verified, Instant now, String verifierName) {
        String template;
        try (InputStream in = AuditBundle.class.getResourceAsStream("audit-bundle-README.md")) {
            if (in == null) {
                throw new IllegalStateException("audit-bundle-README.md is missing from the consent4j servlet jar");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit-bundle-README.md", e);
        }
        return template.replace("{{FROM}}", verified.scope().from().toString())
                .replace("{{TO}}", verified.scope().to().toString())
                .replace("{{MADE}}", now.toString())
                .replace("{{RESULT}}", verified.report().ok() ? "OK" : "FAILED")
                .replace("{{RECORDS}}", Long.toString(verified.report().records()))
                .replace("{{DETAIL}}", verified.summary())
                .replace("{{VERIFIER}}", verifierName)
                .replace("{{VERSION}}", ModuleVersion.read());
    }

    /** One zip entry, written through a SHA-256; closing it ends the entry and leaves the zip open. */
    private static final class Entry extends FilterOutputStream {
        private final ZipOutputStream zip;
        private final String name;
        private final MessageDigest digest;

        Entry(ZipOutputStream zip, String name) throws IOException {
            super(zip);
            this.zip = zip;
            this.name = name;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
            zip.putNextEntry(new ZipEntry(name));
        }

        @Override
        public void write(int b) throws IOException {
            zip.write(b);
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            zip.write(b, off, len);
            digest.update(b, off, len);
        }

        @Override
        public void close() {
            // The zip stays open for the next entry; finish() ends this one.
        }

        /** Ends the entry; returns the hex SHA-256 of what was written. */
        String finish() throws IOException {
            zip.closeEntry();
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** Passes text on, and collects the policy hashes of the complete lines that pass. */
    private static final class PolicyHashes extends Writer {
        private final Writer out;
        private final TreeSet<String> hashes;
        private final StringBuilder line = new StringBuilder();

        PolicyHashes(Writer out, TreeSet<String> hashes) {
            this.out = out;
            this.hashes = hashes;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    Matcher matcher = POLICY_HASH.matcher(line);
                    while (matcher.find()) {
                        hashes.add(matcher.group(1));
                    }
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
