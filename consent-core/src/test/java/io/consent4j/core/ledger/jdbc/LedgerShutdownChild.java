/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import io.consent4j.core.Fixtures;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The process {@link H2LedgerShutdownTest} lets end normally: appends a few records to an H2 file ledger
 * and exits, closing the ledger in a shutdown hook as Spring and servlet containers do when the JVM
 * stops. No checkpoint is due before the close.
 *
 * <p>The checkpoint key comes from the environment variable {@code CONSENT4J_CRASH_KEY}. Arguments:
 * {@code <file> <chain id> <records>}.
 */
public final class LedgerShutdownChild {

    private LedgerShutdownChild() {}

    public static void main(String[] args) {
        LedgerSettings settings = LedgerSettings.builder(
                        ReceiptSigner.fromBase64("shutdown", System.getenv("CONSENT4J_CRASH_KEY")))
                .chainId(args[1])
                .checkpointEvery(1_000)
                .checkpointInterval(Duration.ofHours(1))
                .build();
        JdbcConsentLedger ledger = JdbcConsentLedger.h2File(Path.of(args[0]), settings);
        Runtime.getRuntime().addShutdownHook(new Thread(ledger::close, "close-ledger"));
        ConsentPolicy policy = Fixtures.policy();
        ledger.archive(policy);
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            ledger.append(RecordContent.builder(policy, ConsentEvent.GIVEN)
                    .consentId(ConsentId.random())
                    .method(ConsentMethod.ACCEPT_ALL)
                    .collectionPoint(CollectionPoint.FIRST_LAYER)
                    .granted(Set.of("analytics", "marketing"), Set.of())
                    .path("/kurse")
                    .build());
        }
        System.exit(0);
    }
}
