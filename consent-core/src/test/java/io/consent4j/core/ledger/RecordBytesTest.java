/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of two records: their canonical bodies, hashes and export lines. The expected values were
 * computed by the code that wrote the first ledgers; a change to any of them means that existing ledgers
 * and exports no longer verify, so they are never to be edited to make a test pass.
 */
class RecordBytesTest {

    /** A small policy of its own, so that a change to the shared test policy leaves these values alone. */
    static final ConsentPolicy POLICY = ConsentPolicy.fromJson("{\"version\":3,"
            + "\"links\":{\"privacyPolicy\":\"/privacy\",\"imprint\":\"/imprint\"},"
            + "\"categories\":[{\"id\":\"necessary\",\"required\":true},{\"id\":\"analytics\"},"
            + "{\"id\":\"marketing\"}],"
            + "\"services\":[{\"id\":\"session\",\"category\":\"necessary\",\"provider\":\"Example\","
            + "\"purpose\":{\"en\":\"Sign-in\"}},"
            + "{\"id\":\"matomo\",\"category\":\"analytics\",\"provider\":\"Example\","
            + "\"purpose\":{\"en\":\"Statistics\"}},"
            + "{\"id\":\"ads\",\"category\":\"marketing\",\"provider\":\"Example\","
            + "\"purpose\":{\"en\":\"Ads\"}}]}");

    static final String VISITOR_BODY =
            "{\"accountRef\":\"74d3fbf40c769c1584db349b1e0e020cbca0a3a51d609de247efcbc64e6098fd\",\"actor\":\"parent\",\"categories\":{\"analytics\":true,\"marketing\":false,\"necessary\":true},\"chain\":\"node-a\",\"consentId\":\"ASNFZ4mrze8P7cuph2VDIQ\",\"details\":{\"note\":\"ü \\\\ ok\"},\"event\":\"updated\",\"id\":\"7d1c0c4e-0c2a-4f4e-9d57-6b1a8c1f2e3d\",\"ip\":\"203.0.113.0/24\",\"locale\":\"de-AT\",\"method\":\"custom\",\"path\":\"/kurse/ä\",\"point\":\"settings\",\"policyHash\":\"902662bfd21fa9215c85e4e64afc75fd7fc96d0de0cda661492968b6dae28a13\",\"policyVersion\":3,\"seq\":42,\"services\":{\"ads\":false,\"matomo\":true,\"session\":true},\"signals\":[\"dnt\",\"gpc\"],\"time\":\"2026-11-22T10:00:00.120Z\",\"userAgent\":\"Mozilla/5.0 \\\"quoted\\\" tab ✓\"}";
    static final String VISITOR_HASH = "3124fbf85a6dccff1343e7f36477e0f8eac27635e03b7d16e3f84c730e4d66b3";
    static final String VISITOR_LINE =
            "{\"hash\":\"3124fbf85a6dccff1343e7f36477e0f8eac27635e03b7d16e3f84c730e4d66b3\",\"previousHash\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"accountRef\":\"74d3fbf40c769c1584db349b1e0e020cbca0a3a51d609de247efcbc64e6098fd\",\"actor\":\"parent\",\"categories\":{\"analytics\":true,\"marketing\":false,\"necessary\":true},\"chain\":\"node-a\",\"consentId\":\"ASNFZ4mrze8P7cuph2VDIQ\",\"details\":{\"note\":\"ü \\\\ ok\"},\"event\":\"updated\",\"id\":\"7d1c0c4e-0c2a-4f4e-9d57-6b1a8c1f2e3d\",\"ip\":\"203.0.113.0/24\",\"locale\":\"de-AT\",\"method\":\"custom\",\"path\":\"/kurse/ä\",\"point\":\"settings\",\"policyHash\":\"902662bfd21fa9215c85e4e64afc75fd7fc96d0de0cda661492968b6dae28a13\",\"policyVersion\":3,\"seq\":42,\"services\":{\"ads\":false,\"matomo\":true,\"session\":true},\"signals\":[\"dnt\",\"gpc\"],\"time\":\"2026-11-22T10:00:00.120Z\",\"userAgent\":\"Mozilla/5.0 \\\"quoted\\\" tab ✓\"}";
    static final String PURGE_BODY =
            "{\"actor\":\"system\",\"categories\":{\"analytics\":false,\"marketing\":false,\"necessary\":true},\"chain\":\"node-b\",\"details\":{\"anchor.node-a\":\"41:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\",\"cutoff\":\"2026-05-22T10:00:00.000Z\"},\"event\":\"purge\",\"id\":\"0b5f8e1e-3f1a-4c1e-8a0e-2d9c7b6a5f40\",\"method\":\"retention\",\"point\":\"system\",\"policyHash\":\"902662bfd21fa9215c85e4e64afc75fd7fc96d0de0cda661492968b6dae28a13\",\"policyVersion\":3,\"seq\":7,\"services\":{\"ads\":false,\"matomo\":false,\"session\":true},\"signals\":[],\"time\":\"2026-11-22T10:00:01.000Z\"}";
    static final String PURGE_HASH = "d5a5856270fb5253522c0c478e6f3a91843dcd87fd9e3df89443a1a81b5017ae";
    static final String PURGE_LINE =
            "{\"hash\":\"d5a5856270fb5253522c0c478e6f3a91843dcd87fd9e3df89443a1a81b5017ae\",\"previousHash\":\"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\",\"actor\":\"system\",\"categories\":{\"analytics\":false,\"marketing\":false,\"necessary\":true},\"chain\":\"node-b\",\"details\":{\"anchor.node-a\":\"41:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\",\"cutoff\":\"2026-05-22T10:00:00.000Z\"},\"event\":\"purge\",\"id\":\"0b5f8e1e-3f1a-4c1e-8a0e-2d9c7b6a5f40\",\"method\":\"retention\",\"point\":\"system\",\"policyHash\":\"902662bfd21fa9215c85e4e64afc75fd7fc96d0de0cda661492968b6dae28a13\",\"policyVersion\":3,\"seq\":7,\"services\":{\"ads\":false,\"matomo\":false,\"session\":true},\"signals\":[],\"time\":\"2026-11-22T10:00:01.000Z\"}";

    /**
     * The policy hash the pinned records were made with. A policy's own hash covers the built-in banner
     * texts, which grow with releases; a stored record keeps the hash it was made with, so the records here
     * carry this one whatever the test policy hashes to today.
     */
    private static final String PINNED_POLICY_HASH = "902662bfd21fa9215c85e4e64afc75fd7fc96d0de0cda661492968b6dae28a13";

    private static RecordContent withPinnedPolicyHash(RecordContent c) {
        return new RecordContent(
                c.consentId(),
                c.accountRef(),
                c.actor(),
                c.event(),
                c.method(),
                c.collectionPoint(),
                c.categories(),
                c.services(),
                c.policyVersion(),
                PINNED_POLICY_HASH,
                c.locale(),
                c.path(),
                c.userAgent(),
                c.ipPrefix(),
                c.signals(),
                c.details());
    }

    /** A visitor's choice with every member set, texts that need escapes, and input the builder cleans. */
    private static ConsentRecord visitor(String hash) {
        RecordContent content = withPinnedPolicyHash(RecordContent.builder(POLICY, ConsentEvent.UPDATED)
                .consentId(new ConsentId(0x0123456789abcdefL, 0x0fedcba987654321L))
                .accountRef(new AccountReferences(new byte[32]).of("student@example.org"))
                .actor(Actor.PARENT)
                .method(ConsentMethod.CUSTOM)
                .collectionPoint(CollectionPoint.SETTINGS)
                .granted(Set.of("analytics"), Set.of("matomo"))
                .locale("de-AT")
                .path("/kurse/ä?x=1#top")
                .userAgent("Mozilla/5.0 \"quoted\"\ttab ✓")
                .clientAddress("203.0.113.77")
                .signal("gpc")
                .signal("dnt")
                .detail("note", "ü \\ ok")
                .build());
        return new ConsentRecord(
                "7d1c0c4e-0c2a-4f4e-9d57-6b1a8c1f2e3d",
                "node-a",
                42,
                Instant.parse("2026-11-22T10:00:00.120Z"),
                content,
                "a".repeat(64),
                hash);
    }

    /** A retention purge: no consent id, no visitor's facts, details naming an anchor. */
    private static ConsentRecord purge(String hash) {
        RecordContent content = withPinnedPolicyHash(RecordContent.builder(POLICY, ConsentEvent.PURGE)
                .actor(Actor.SYSTEM)
                .method(ConsentMethod.RETENTION)
                .collectionPoint(CollectionPoint.SYSTEM)
                .detail("cutoff", "2026-05-22T10:00:00.000Z")
                .detail("anchor.node-a", "41:" + "c".repeat(64))
                .build());
        return new ConsentRecord(
                "0b5f8e1e-3f1a-4c1e-8a0e-2d9c7b6a5f40",
                "node-b",
                7,
                Instant.parse("2026-11-22T10:00:01Z"),
                content,
                "d".repeat(64),
                hash);
    }

    @Test
    void newRecordsHaveThePinnedBodiesHashesAndExportLines_C24() {
        assertThat(RecordJson.canonicalBody(visitor(""))).isEqualTo(VISITOR_BODY);
        assertThat(RecordJson.hash("a".repeat(64), VISITOR_BODY)).isEqualTo(VISITOR_HASH);
        assertThat(RecordJson.line(visitor(VISITOR_HASH))).isEqualTo(VISITOR_LINE);
        assertThat(StoredRecord.of(visitor(VISITOR_HASH)))
                .isEqualTo(new StoredRecord("node-a", 42, VISITOR_BODY, "a".repeat(64), VISITOR_HASH));

        assertThat(RecordJson.canonicalBody(purge(""))).isEqualTo(PURGE_BODY);
        assertThat(RecordJson.hash("d".repeat(64), PURGE_BODY)).isEqualTo(PURGE_HASH);
        assertThat(RecordJson.line(purge(PURGE_HASH))).isEqualTo(PURGE_LINE);
    }

    @Test
    void storedRecordsReadBackToTheSameRecordAndBytes_C24() {
        assertThat(RecordJson.parse(VISITOR_LINE)).isEqualTo(visitor(VISITOR_HASH));
        assertThat(RecordJson.parse(VISITOR_BODY, "a".repeat(64), VISITOR_HASH)).isEqualTo(visitor(VISITOR_HASH));
        assertThat(RecordJson.line(RecordJson.parse(VISITOR_LINE))).isEqualTo(VISITOR_LINE);
        assertThat(new StoredRecord("node-a", 42, VISITOR_BODY, "a".repeat(64), VISITOR_HASH).toRecord())
                .isEqualTo(visitor(VISITOR_HASH));

        assertThat(RecordJson.parse(PURGE_LINE)).isEqualTo(purge(PURGE_HASH));
        assertThat(RecordJson.line(RecordJson.parse(PURGE_LINE))).isEqualTo(PURGE_LINE);
        assertThat(RecordJson.canonicalBody(RecordJson.parse(PURGE_BODY, "d".repeat(64), PURGE_HASH)))
                .isEqualTo(PURGE_BODY);
    }
}
