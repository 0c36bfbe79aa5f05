/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.signing.ReceiptSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that closes its H2 file ledger in a shutdown hook, as Spring and servlet containers do, gets
 * its final checkpoint written: H2 must not close the database in a shutdown hook of its own first.
 */
class H2LedgerShutdownTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("shutdown");

    @TempDir
    Path directory;

    @Test
    void closingTheLedgerInAShutdownHookWritesTheFinalCheckpoint() throws Exception {
        Path file = directory.resolve("ledger");
        Path errors = directory.resolve("child.err");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                LedgerShutdownChild.class.getName(),
                file.toString(),
                "node-a",
                "3");
        builder.redirectErrorStream(true).redirectOutput(errors.toFile());
        builder.environment().put("CONSENT4J_CRASH_KEY", SIGNER.privateKeyBase64());
        Process child = builder.start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(errors);
        assertThat(child.exitValue()).as(output).isZero();

        try (JdbcConsentLedger reader = JdbcConsentLedger.h2File(
                file, LedgerSettings.builder(SIGNER).chainId("reader").build())) {
            List<Checkpoint> checkpoints = reader.checkpoints();
            assertThat(checkpoints)
                    .as("checkpoints after a normal exit; the child's output: %s", output)
                    .anySatisfy(c -> {
                        assertThat(c.chainId()).isEqualTo("node-a");
                        assertThat(c.sequence()).isEqualTo(3);
                    });
            assertThat(reader.verify().ok()).isTrue();
        }
    }
}
