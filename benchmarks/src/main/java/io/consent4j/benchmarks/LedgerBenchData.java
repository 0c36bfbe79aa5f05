/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Realistic consent records for the ledger benchmarks: the learning-platform policy, a typical choice. */
final class LedgerBenchData {

    private LedgerBenchData() {}

    /** The learning-platform policy with 4 categories and 10 services. */
    static ConsentPolicy policy() {
        try (InputStream in = LedgerBenchData.class.getResourceAsStream("ledger-bench-policy.json")) {
            return ConsentPolicy.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the banner's settings layer sends when a visitor allows analytics only. */
    static RecordContent draft(ConsentPolicy policy, ConsentId consentId) {
        return RecordContent.builder(policy, ConsentEvent.GIVEN)
                .consentId(consentId)
                .method(ConsentMethod.CUSTOM)
                .collectionPoint(CollectionPoint.SETTINGS)
                .granted(Set.of("analytics"), Set.of("matomo"))
                .locale("de")
                .path("/kurse/java-grundlagen/lektion-3")
                .userAgent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
                .clientAddress("203.0.113.77")
                .signal("gpc")
                .build();
    }

    /** The record a ledger would store for {@code draft} at that place in a chain, hashed. */
    static ConsentRecord place(
            RecordContent d, String chainId, long sequence, Instant time, String previous, Random random) {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        ConsentRecord unhashed = record(d, id, chainId, sequence, time, previous, "");
        return record(
                d,
                id,
                chainId,
                sequence,
                time,
                previous,
                RecordJson.hash(previous, RecordJson.canonicalBody(unhashed)));
    }

    private static ConsentRecord record(
            RecordContent d, String id, String chainId, long sequence, Instant time, String previous, String hash) {
        return new ConsentRecord(id, chainId, sequence, time, d, previous, hash);
    }
}
