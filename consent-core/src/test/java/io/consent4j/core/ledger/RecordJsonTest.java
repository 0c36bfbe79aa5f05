/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.Fixtures;
import io.consent4j.core.internal.CanonicalJson;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class RecordJsonTest {

    private final ConsentPolicy policy = Fixtures.policy();

    private ConsentRecord record(String userAgent, Map<String, String> details, String accountRef) {
        RecordContent.Builder builder = RecordContent.builder(policy, ConsentEvent.UPDATED)
                .consentId(new ConsentId(1, 2))
                .accountRef(accountRef)
                .method(ConsentMethod.ACCEPT_ALL)
                .collectionPoint(CollectionPoint.FIRST_LAYER)
                .granted(Set.of("analytics", "marketing"), Set.of("matomo"))
                .locale("de-AT")
                .path("/kurse/ä?x=1#top")
                .userAgent(userAgent)
                .clientAddress("2001:db8:abcd:12::1")
                .signal("dnt")
                .signal("gpc");
        details.forEach(builder::detail);
        return new ConsentRecord(
                "7d1c0c4e-0c2a-4f4e-9d57-6b1a8c1f2e3d",
                "node-a",
                42,
                Instant.parse("2026-11-22T10:00:00.120Z"),
                builder.build(),
                "a".repeat(64),
                "b".repeat(64));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"Mozilla/5.0", "quote \" back\\slash", "tab\tand\u0001control", "Ünïcødé 🎓 „“", "</script>"})
    void handWrittenBodyIsExactlyRfc8785CanonicalJson_C24(String userAgent) {
        ConsentRecord record = record(userAgent, Map.of("z", "last", "a", "first \" quoted"), "c".repeat(64));

        String body = RecordJson.canonicalBody(record);

        assertThat(body)
                .isEqualTo(CanonicalJson.string(JsonMapper.builder().build().readTree(body)));
        assertThat(RecordJson.parse(RecordJson.line(record))).isEqualTo(record);
    }

    @Test
    void absentFieldsAreLeftOut() {
        ConsentRecord record = record(null, Map.of(), null);

        String body = RecordJson.canonicalBody(record);

        assertThat(body).doesNotContain("userAgent", "accountRef", "details", "null");
        assertThat(body)
                .isEqualTo(CanonicalJson.string(JsonMapper.builder().build().readTree(body)));
        assertThat(RecordJson.parse(RecordJson.line(record))).isEqualTo(record);
    }

    @Test
    void hashIsSha256OfPreviousHashNewlineAndBody_C24() throws Exception {
        ConsentRecord record = record("UA", Map.of(), null);
        String body = RecordJson.canonicalBody(record);

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        String expected = HexFormat.of()
                .formatHex(sha.digest((record.previousHash() + "\n" + body).getBytes(StandardCharsets.UTF_8)));

        assertThat(RecordJson.hash(record.previousHash(), body)).isEqualTo(expected);
    }

    @Test
    void recordStoresPathWithoutQueryAndTruncatedAddress_C22_C23() {
        ConsentRecord record = record("UA", Map.of(), null);

        assertThat(record.content().path()).isEqualTo("/kurse/ä");
        assertThat(record.content().ipPrefix()).isEqualTo("2001:db8:abcd::/48");
        assertThat(record.content().signals()).containsExactly("dnt", "gpc");
        assertThat(RecordJson.canonicalBody(record)).contains("\"time\":\"2026-11-22T10:00:00.120Z\"");
    }

    @Test
    void builderCutsLongTextsAndReplacesControlCharacters_C22() {
        RecordContent content = RecordContent.builder(policy, ConsentEvent.GIVEN)
                .consentId(new ConsentId(1, 2))
                .path("/kurse/" + "x".repeat(2000))
                .userAgent("Mozilla\u0000/5.0 " + "y".repeat(600))
                .build();

        assertThat(content.path()).hasSize(RecordContent.MAX_PATH).startsWith("/kurse/x");
        assertThat(content.userAgent()).hasSize(RecordContent.MAX_USER_AGENT).startsWith("Mozilla /5.0 y");
    }

    @Test
    void readingAStoredRecordChangesNoValue_C24() {
        // A path whose last character is a question mark, as a database that stores a cut-off surrogate pair as
        // "?" keeps it: the builder would have removed it as a query, but a stored record is read as it is.
        String body = RecordJson.canonicalBody(record("UA", Map.of(), null)).replace("/kurse/ä", "/kurse/ä?");
        String hash = RecordJson.hash("a".repeat(64), body);

        ConsentRecord read = RecordJson.parse(body, "a".repeat(64), hash);

        assertThat(read.content().path()).isEqualTo("/kurse/ä?");
        assertThat(RecordJson.canonicalBody(read)).isEqualTo(body);
        assertThat(StoredRecord.of(read)).isEqualTo(new StoredRecord("node-a", 42, body, "a".repeat(64), hash));
    }

    @Test
    void contentIsImmutableWhetherBuiltOrRead() {
        ConsentRecord built = record("UA", Map.of("a", "b"), null);
        ConsentRecord read = RecordJson.parse(RecordJson.line(built));

        for (RecordContent content : List.of(built.content(), read.content())) {
            assertThatThrownBy(() -> content.categories().put("x", true))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> content.services().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> content.signals().add("x")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> content.details().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "203.0.113.77|203.0.113.0/24",
                "10.1.2.3|10.1.2.0/24",
                "0.0.0.0|0.0.0.0/24",
                "255.255.255.255|255.255.255.0/24",
                " 198.51.100.9 |198.51.100.0/24",
                "2001:db8:1234:5678::1|2001:db8:1234::/48",
                "[2001:db8::1]|2001:db8:0::/48",
                "fe80::1%eth0|fe80:0:0::/48",
                "::ffff:192.0.2.128|192.0.2.0/24"
            })
    void addressesAreTruncatedBeforeAnythingIsStored_C23(String address, String expected) {
        assertThat(IpPrefix.of(address)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "localhost",
                "example.org",
                "999.1.1.1",
                "256.1.1.1",
                "1.2.3.1234",
                "1.2.3",
                "1.2.3.",
                ".1.2.3",
                "1..2.3",
                "1.2.3.4.5",
                "1.2.3.x",
                "not an ip",
                "::g"
            })
    void nonAddressesAreNotStored_C23(String address) {
        assertThat(IpPrefix.of(address)).isEmpty();
    }

    @Test
    void accountReferenceIsStableKeyedAndNotTheAccountId_C23() {
        AccountReferences references = new AccountReferences(new byte[32]);
        AccountReferences otherKey = new AccountReferences(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32
        });

        assertThat(references.of("student@example.org"))
                .isEqualTo(references.of("student@example.org"))
                .matches("[0-9a-f]{64}")
                .isNotEqualTo(otherKey.of("student@example.org"))
                .doesNotContain("student");
    }
}
