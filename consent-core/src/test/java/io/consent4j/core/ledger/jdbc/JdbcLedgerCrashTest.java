/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that appends from several threads (SIGKILL, at a random moment) and checks that every
 * append it was told had returned is stored and that every chain still verifies: durability at commit
 * and atomic batches, against a real crash rather than a simulated one.
 */
class JdbcLedgerCrashTest {

    private static final Pattern ACK = Pattern.compile("ack ([A-Za-z0-9_-]{22})");
    private static final Instant END_OF_TIME = Instant.parse("2200-01-01T00:00:00Z");
    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("crash");

    /** Printed with every failure; replay a run's kill points with -Dconsent4j.crash.seed=that number. */
    private final long seed = Long.getLong("consent4j.crash.seed", System.nanoTime());

    private final Random random = new Random(seed);

    @TempDir
    Path directory;

    @Test
    void acknowledgedAppendsSurviveKillingTheProcess_h2File() throws Exception {
        Path file = directory.resolve("crash");
        Set<String> acknowledged = new HashSet<>();
        for (int round = 0; round < 5; round++) {
            // Even rounds continue chain "crash-a" after the crash; odd rounds start a chain of their own.
            String chain = round % 2 == 0 ? "crash-a" : "crash-" + round;
            acknowledged.addAll(crashOnce(List.of("h2", file.toString(), chain, "8"), round));

            try (JdbcConsentLedger reader = JdbcConsentLedger.h2File(file, readerSettings())) {
                checkEverythingAcknowledgedIsThere(reader, acknowledged, round);
            }
        }
    }

    @Test
    void acknowledgedAppendsSurviveKillingTheProcess_postgresql() throws Exception {
        String schema = EmbeddedPostgresServer.newSchema();
        Supplier<HikariDataSource> pool = () -> EmbeddedPostgresServer.pool(schema, 2);
        try (HikariDataSource dataSource = pool.get()) {
            new JdbcConsentLedger(dataSource, readerSettings(), JdbcDialect.POSTGRESQL).initializeSchema();
        }
        Set<String> acknowledged = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            String chain = "crash-a";
            acknowledged.addAll(
                    crashOnce(List.of("postgresql", EmbeddedPostgresServer.url(schema), chain, "8"), round));

            try (HikariDataSource dataSource = pool.get();
                    JdbcConsentLedger reader =
                            new JdbcConsentLedger(dataSource, readerSettings(), JdbcDialect.POSTGRESQL)) {
                checkEverythingAcknowledgedIsThere(reader, acknowledged, round);
            }
        }
        EmbeddedPostgresServer.dropSchema(schema);
    }

    private static LedgerSettings readerSettings() {
        return LedgerSettings.builder(SIGNER).chainId("reader").build();
    }

    private void checkEverythingAcknowledgedIsThere(ConsentLedger reader, Set<String> acknowledged, int round) {
        VerificationReport report = reader.verify();
        assertThat(report.ok())
                .as("round %d (seed %d): %s", round, seed, report)
                .isTrue();
        Set<String> stored;
        try (Stream<ConsentRecord> all = reader.stream(Instant.EPOCH, END_OF_TIME)) {
            stored = all.map(r -> r.content().consentId().toString()).collect(Collectors.toSet());
        }
        assertThat(stored)
                .as("round %d: acknowledged appends are stored", round)
                .containsAll(acknowledged);
        assertThat(report.records()).isEqualTo(stored.size());
    }

    /** Starts the child, lets it acknowledge a random number of appends, kills it; its acknowledgements. */
    private Set<String> crashOnce(List<String> arguments, int round) throws Exception {
        Path errors = directory.resolve("child-" + round + ".err");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(
                        Stream.of(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-Xmx256m",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                System.getProperty("java.class.path"),
                                LedgerCrashChild.class.getName()),
                        arguments.stream())
                .toList());
        builder.redirectError(errors.toFile());
        builder.environment().put("CONSENT4J_CRASH_KEY", SIGNER.privateKeyBase64());
        Process child = builder.start();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        int killAfter = 1 + random.nextInt(1_500);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    var ack = ACK.matcher(line);
                    if (ack.matches()) {
                        acknowledged.add(ack.group(1));
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acknowledged.size() < killAfter && child.isAlive() && System.nanoTime() < deadline) {
            reader.join(5);
        }
        boolean wasAlive = child.isAlive();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(30_000);
        assertThat(wasAlive)
                .as("round %d: the child ran until killed; its errors: %s", round, Files.readString(errors))
                .isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(acknowledged).as("round %d: the child appended", round).isNotEmpty();
        acknowledged.forEach(ConsentId::parse);
        return acknowledged;
    }
}
