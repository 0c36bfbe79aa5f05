/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.Fixtures;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerExport;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline verifier as a command: its output, exit status and receipts. The tampering it finds in export
 * files is tested for every store in {@code ConsentLedgerContract}.
 */
class VerifyCommandTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("site-2026");

    @TempDir
    Path dir;

    private final ConsentPolicy policy = Fixtures.policy();
    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.NOW);
    private final List<ConsentRecord> records = new ArrayList<>();
    private InMemoryConsentLedger ledger;
    private Path key;

    @BeforeEach
    void appendTwelveRecords() throws Exception {
        // Checkpoints only where the test writes them: the periodic ones are written on a thread of their own,
        // which keeps at most one waiting, so their number would depend on timing.
        ledger = new InMemoryConsentLedger(LedgerSettings.builder(SIGNER)
                .chainId("node-a")
                .clock(clock)
                .checkpointEvery(Integer.MAX_VALUE)
                .checkpointInterval(Duration.ofDays(365L * 1000))
                .build());
        ledger.archive(policy);
        for (int i = 1; i <= 12; i++) {
            clock.advance(Duration.ofSeconds(1));
            records.add(ledger.append(RecordContent.builder(policy, ConsentEvent.GIVEN)
                    .consentId(ConsentId.random())
                    .build()));
            if (i % 5 == 0) {
                ledger.checkpoint();
            }
        }
        ledger.checkpoint();
        key = Files.writeString(dir.resolve("key.jwk"), SIGNER.publicJwk());
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private List<String> export(Instant from, Instant to) throws Exception {
        LedgerExport export = new LedgerExport(ledger, SIGNER.verifier());
        StringWriter out = new StringWriter();
        export.writeNdjson(export.verify(from, to, clock.instant()), out);
        return new ArrayList<>(out.toString().lines().toList());
    }

    private List<String> wholeExport() throws Exception {
        return export(Fixtures.NOW, clock.instant().plusSeconds(1));
    }

    private Result run(List<String> exportLines, String... extra) throws Exception {
        Path file = Files.write(dir.resolve("export.ndjson"), exportLines);
        List<String> args = new ArrayList<>(List.of("--key", key.toString()));
        args.addAll(List.of(extra));
        args.add(file.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifyCommand.run(
                args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return new Result(status, out.toString(StandardCharsets.UTF_8));
    }

    private record Result(int status, String output) {}

    @Test
    void intactExportVerifies_C24_C25() throws Exception {
        Result result = run(wholeExport());

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output())
                .contains(
                        "export: records from " + Fixtures.NOW + " to ",
                        "from the ledger's start, to the ledger's head",
                        "chain node-a: 12 records (1..12) verified, checked from the chain's start to the ledger's head",
                        "checkpoints: 3 valid, 0 invalid",
                        "RESULT: OK");
    }

    @Test
    void changedRecordInTheExportFails_C24() throws Exception {
        List<String> tampered = wholeExport();
        int index = tampered.indexOf(RecordJson.line(records.get(6)));
        tampered.set(index, tampered.get(index).replace("\"method\":\"api\"", "\"method\":\"accept_all\""));

        Result result = run(tampered);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains("FAILED at record 7 (changed)", "RESULT: FAILED");
    }

    @Test
    void exportCutBeforeTheLastCheckpointFails_C24() throws Exception {
        List<String> truncated = wholeExport();
        truncated.remove(RecordJson.line(records.get(11)));

        Result result = run(truncated);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains("FAILED at record 12 (truncated)");
    }

    @Test
    void exportOfALaterRangeVerifiesAsASegmentAndSaysWhereItStarts_C25() throws Exception {
        Instant from = records.get(4).recordedAt();
        List<String> range = export(from, records.get(9).recordedAt());

        Result result = run(range);

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("from a time after the ledger's start (chains are checked as segments)")
                .contains("chain node-a: 5 records (5..9) verified, checked as a segment from record 5: the export"
                        + " starts at " + from + " to the end of the export's range")
                .contains("checkpoints: 1 valid, 0 invalid");
    }

    @Test
    void headerThatIsNotTheFirstLineFails_C24() throws Exception {
        List<String> lines = wholeExport();
        lines.add(lines.remove(0));

        Result result = run(lines);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains("an export header must be the first line");
    }

    @Test
    void lineThatIsNotJsonFailsWithoutAStackTrace_C24() throws Exception {
        List<String> lines = wholeExport();
        lines.add("{\"checkpoint\":");
        lines.add("{\"purge\":[");

        Result result = run(lines);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains("1 checkpoint(s) have no valid signature", "the purge line does not hold");
    }

    @Test
    void receiptIsCheckedAgainstTheExport_C27() throws Exception {
        String receipt = ConsentReceipt.issue(SIGNER, records.get(3));
        Path file = Files.writeString(dir.resolve("receipt.jws"), receipt);

        Result valid = run(wholeExport(), "--receipt", file.toString());
        Result forged =
                run(wholeExport(), "--receipt", ConsentReceipt.issue(ReceiptSigner.generate("other"), records.get(3)));

        assertThat(valid.status()).isZero();
        assertThat(valid.output()).contains("record node-a#4 matches the export");
        assertThat(forged.status()).isEqualTo(1);
        assertThat(forged.output()).contains("INVALID signature");
    }

    @Test
    void receiptOfARecordMissingFromAnExportWithoutHeaderFails_C27() throws Exception {
        List<String> lines = wholeExport();
        lines.remove(0);
        lines.remove(RecordJson.line(records.get(3)));

        Result result = run(lines, "--receipt", ConsentReceipt.issue(SIGNER, records.get(3)));

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output())
                .contains(
                        "FAILED, record node-a#4",
                        "missing from the export although the export holds the whole ledger");
    }

    @Test
    void missingKeyIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = VerifyCommand.run(
                new String[] {"export.ndjson"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage:");
    }
}
