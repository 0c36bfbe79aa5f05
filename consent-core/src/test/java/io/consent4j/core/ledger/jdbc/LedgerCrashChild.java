/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.consent4j.core.Fixtures;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * The process {@link JdbcLedgerCrashTest} kills: appends from several threads until it dies, and prints
 * {@code ack <consent id>} for every append that returned, flushed at once, so that the parent knows what
 * was acknowledged.
 *
 * <p>The checkpoint key comes from the environment variable {@code CONSENT4J_CRASH_KEY}. Arguments: {@code h2 <file> <chain id> <threads>} or {@code postgresql <jdbc url> <chain id> <threads>}.
 */
public final class LedgerCrashChild {

    private LedgerCrashChild() {}

    public static void main(String[] args) {
        String kind = args[0];
        String where = args[1];
        LedgerSettings settings = LedgerSettings.builder(
                        ReceiptSigner.fromBase64("crash", System.getenv("CONSENT4J_CRASH_KEY")))
                .chainId(args[2])
                .checkpointEvery(100)
                .build();
        int threads = Integer.parseInt(args[3]);
        JdbcConsentLedger ledger;
        if (kind.equals("h2")) {
            ledger = JdbcConsentLedger.h2File(Path.of(where), settings);
        } else {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(where);
            config.setUsername("postgres");
            config.setMaximumPoolSize(4);
            ledger = new JdbcConsentLedger(new HikariDataSource(config), settings, JdbcDialect.POSTGRESQL);
        }
        ConsentPolicy policy = Fixtures.policy();
        ledger.archive(policy);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
        for (int i = 0; i < threads; i++) {
            Thread writer = new Thread(() -> {
                while (true) {
                    ConsentId id = ConsentId.random();
                    ledger.append(RecordContent.builder(policy, ConsentEvent.GIVEN)
                            .consentId(id)
                            .method(ConsentMethod.ACCEPT_ALL)
                            .collectionPoint(CollectionPoint.FIRST_LAYER)
                            .granted(Set.of("analytics", "marketing"), Set.of())
                            .path("/kurse")
                            .build());
                    synchronized (out) {
                        out.println("ack " + id);
                        out.flush();
                    }
                }
            });
            writer.start();
        }
    }
}
