/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ConsentId;
import io.consent4j.core.Fixtures;
import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordDraft;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.policy.ConsentPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("site-2026");

    @TempDir
    Path dir;

    private final ConsentPolicy policy = Fixtures.policy();
    private final List<ConsentRecord> records = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private Path key;

    @BeforeEach
    void export() throws Exception {
        // Checkpoints only where the test writes them: the periodic ones are written on a thread of their own,
        // which keeps at most one waiting and drops an older one for a newer, so their number depends on timing.
        try (InMemoryConsentLedger ledger = new InMemoryConsentLedger(LedgerSettings.builder(SIGNER)
                .chainId("node-a")
                .clock(new Fixtures.MutableClock(Fixtures.NOW))
                .checkpointEvery(Integer.MAX_VALUE)
                .checkpointInterval(java.time.Duration.ofDays(365L * 1000))
                .build())) {
            ledger.archive(policy);
            for (int i = 1; i <= 12; i++) {
                records.add(ledger.append(RecordDraft.builder(policy, ConsentEvent.GIVEN)
                        .consentId(ConsentId.random())
                        .build()));
                if (i % 5 == 0) {
                    ledger.checkpoint();
                }
            }
            ledger.checkpoint();
            for (Checkpoint checkpoint : ledger.checkpoints()) {
                lines.add("{\"checkpoint\":\"" + checkpoint.jws() + "\"}");
            }
            try (Stream<ConsentRecord> all = ledger.stream(java.time.Instant.EPOCH, Fixtures.NOW.plusSeconds(60))) {
                all.forEach(r -> lines.add(RecordJson.line(r)));
            }
        }
        key = Files.writeString(dir.resolve("key.jwk"), SIGNER.publicJwk());
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
        Result result = run(lines);

        assertThat(result.status()).isZero();
        assertThat(result.output())
                .contains("chain node-a: 12 records (1..12) verified", "checkpoints: 3 valid, 0 invalid", "RESULT: OK");
    }

    @Test
    void changedRecordInTheExportFails_C24() throws Exception {
        List<String> tampered = new ArrayList<>(lines);
        int index = tampered.indexOf(RecordJson.line(records.get(6)));
        tampered.set(index, tampered.get(index).replace("\"method\":\"api\"", "\"method\":\"accept_all\""));

        Result result = run(tampered);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains("FAILED at record 7 (changed)", "RESULT: FAILED");
    }

    @Test
    void exportCutBeforeTheLastCheckpointFails_C24() throws Exception {
        List<String> truncated = new ArrayList<>(lines);
        truncated.remove(RecordJson.line(records.get(11)));

        Result result = run(truncated);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains("(truncated)");
    }

    @Test
    void exportOfALaterRangeVerifiesAsASegment_C25() throws Exception {
        List<String> range = new ArrayList<>(lines.subList(0, 3));
        records.subList(4, 9).forEach(r -> range.add(RecordJson.line(r)));

        Result result = run(range);

        assertThat(result.output()).contains("chain node-a: 5 records (5..9) verified");
        assertThat(result.status()).isZero();
    }

    @Test
    void receiptIsCheckedAgainstTheExport_C27() throws Exception {
        String receipt = ConsentReceipt.issue(SIGNER, records.get(3));
        Path file = Files.writeString(dir.resolve("receipt.jws"), receipt);

        Result valid = run(lines, "--receipt", file.toString());
        Result forged = run(lines, "--receipt", ConsentReceipt.issue(ReceiptSigner.generate("other"), records.get(3)));

        assertThat(valid.status()).isZero();
        assertThat(valid.output()).contains("record node-a#4 matches the export");
        assertThat(forged.status()).isEqualTo(1);
        assertThat(forged.output()).contains("INVALID signature");
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
