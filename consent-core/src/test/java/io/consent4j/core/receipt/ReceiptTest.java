/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.Fixtures;
import io.consent4j.core.internal.CanonicalJson;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.signing.ReceiptVerifier;
import io.consent4j.core.token.ConsentId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ReceiptTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("site-2026");

    private final ConsentPolicy policy = Fixtures.policy();

    private ConsentRecord record() {
        try (InMemoryConsentLedger ledger = new InMemoryConsentLedger(
                LedgerSettings.builder(SIGNER).chainId("node-a").build())) {
            ledger.archive(policy);
            return ledger.append(RecordContent.builder(policy, ConsentEvent.GIVEN)
                    .consentId(ConsentId.random())
                    .method(ConsentMethod.ACCEPT_ALL)
                    .collectionPoint(CollectionPoint.FIRST_LAYER)
                    .granted(Set.of("functional", "analytics", "marketing"), Set.of("video", "matomo"))
                    .build());
        }
    }

    @Test
    void receiptVerifiesOfflineWithThePublicJwk_C24_C27() {
        ConsentRecord record = record();
        String jws = ConsentReceipt.issue(SIGNER, record);

        ReceiptVerifier offline = ReceiptVerifier.fromJwk(SIGNER.publicJwk());
        ConsentReceipt receipt = ConsentReceipt.verify(offline, jws).orElseThrow();

        assertThat(receipt.matches(record)).isTrue();
        assertThat(receipt.consentId()).isEqualTo(record.content().consentId().toString());
        assertThat(receipt.categories()).containsEntry("marketing", true).containsEntry("necessary", true);
        assertThat(receipt.recordHash()).isEqualTo(record.hash());
        assertThat(jws.split("\\.")).hasSize(3);
    }

    @Test
    void payloadIsTheCanonicalJsonOfItsFields_C24() {
        ConsentReceipt ofRecord = ConsentReceipt.of(record());
        Map<String, Boolean> odd = new LinkedHashMap<>();
        odd.put("zeta", true);
        odd.put("Zeta", false);
        odd.put("\u00e9t\u00e9", true);
        odd.put("a\"b\\c\n\u0001", false);
        odd.put("\ud83d\ude00", true);
        odd.put("", false);
        ConsentReceipt written = new ConsentReceipt(
                "id \"quoted\" \\ \t",
                "chain-\u00fc",
                9_007_199_254_740_993L,
                "h\u0000",
                "2026-01-01T00:00:00.000Z",
                "given",
                "custom",
                odd,
                Map.of(),
                Integer.MAX_VALUE,
                "\u2028");

        for (ConsentReceipt receipt : List.of(ofRecord, written)) {
            assertThat(receipt.payload()).isEqualTo(CanonicalJson.string(tree(receipt)));
            String jws = SIGNER.sign(receipt.payload());
            assertThat(ConsentReceipt.verify(SIGNER.verifier(), jws)).contains(receipt);
        }
    }

    /** The payload as a JSON tree, the way it was built before it was written by hand. */
    private static ObjectNode tree(ConsentReceipt r) {
        ObjectNode node = JsonMapper.builder().build().createObjectNode();
        node.put("typ", "consent4j-receipt");
        node.put("consentId", r.consentId());
        node.put("chain", r.chainId());
        node.put("seq", r.sequence());
        node.put("recordHash", r.recordHash());
        node.put("time", r.time());
        node.put("event", r.event());
        node.put("method", r.method());
        ObjectNode categories = node.putObject("categories");
        new TreeMap<>(r.categories()).forEach(categories::put);
        ObjectNode services = node.putObject("services");
        new TreeMap<>(r.services()).forEach(services::put);
        node.put("policyVersion", r.policyVersion());
        node.put("policyHash", r.policyHash());
        return node;
    }

    @Test
    void receiptWithAChangedByteIsRejected_C24() {
        String jws = ConsentReceipt.issue(SIGNER, record());
        String[] parts = jws.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]))
                .replace("\"marketing\":true", "\"marketing\":false");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];

        assertThat(ConsentReceipt.verify(SIGNER.verifier(), forged)).isEmpty();
        // The signature's first character carries the top six bits of its first byte, so changing it always
        // changes the signature. Its last two characters are no such place: they encode the last byte, which in
        // an Ed25519 signature is below 16, so about one signature in sixteen already ends in "AA".
        char first = parts[2].charAt(0);
        String badSignature = parts[0] + "." + parts[1] + "." + (first == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThat(ConsentReceipt.verify(SIGNER.verifier(), badSignature)).isEmpty();
        assertThat(ConsentReceipt.verify(SIGNER.verifier(), "not.a.jws")).isEmpty();
        assertThat(ConsentReceipt.verify(SIGNER.verifier(), null)).isEmpty();
    }

    @Test
    void receiptWhoseSignatureIsWrittenDifferentlyIsRejected_C24() {
        String jws = ConsentReceipt.issue(SIGNER, record());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        // 64 bytes take 86 characters; the last one carries 2 bits of the signature and 4 padding bits.
        int last = alphabet.indexOf(jws.charAt(jws.length() - 1));
        char samePayloadBits = alphabet.charAt((last & 0b110000) | ((last & 0b001111) ^ 0b000001));
        String otherPadding = jws.substring(0, jws.length() - 1) + samePayloadBits;

        assertThat(Base64.getUrlDecoder().decode(otherPadding.substring(otherPadding.lastIndexOf('.') + 1)))
                .isEqualTo(Base64.getUrlDecoder().decode(jws.substring(jws.lastIndexOf('.') + 1)));
        assertThat(ConsentReceipt.verify(SIGNER.verifier(), otherPadding)).isEmpty();
        assertThat(ConsentReceipt.verify(SIGNER.verifier(), jws + "==")).isEmpty();
        assertThat(ConsentReceipt.verify(SIGNER.verifier(), jws)).isPresent();
    }

    @Test
    void receiptOfAnotherKeyIsRejected() {
        String jws = ConsentReceipt.issue(ReceiptSigner.generate("attacker"), record());

        assertThat(ConsentReceipt.verify(SIGNER.verifier(), jws)).isEmpty();
    }

    @Test
    void receiptOfAStoredRecordHasThePinnedPayload_C24_C27() {
        // A stored record's export line and its receipt payload as the first ledgers wrote them; never edit these.
        ConsentRecord stored = RecordJson.parse(
                "{\"hash\":\"3124fbf85a6dccff1343e7f36477e0f8eac27635e03b7d16e3f84c730e4d66b3\",\"previousHash\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"accountRef\":\"74d3fbf40c769c1584db349b1e0e020cbca0a3a51d609de247efcbc64e6098fd\",\"actor\":\"parent\",\"categories\":{\"analytics\":true,\"marketing\":false,\"necessary\":true},\"chain\":\"node-a\",\"consentId\":\"ASNFZ4mrze8P7cuph2VDIQ\",\"details\":{\"note\":\"ü \\\\ ok\"},\"event\":\"updated\",\"id\":\"7d1c0c4e-0c2a-4f4e-9d57-6b1a8c1f2e3d\",\"ip\":\"203.0.113.0/24\",\"locale\":\"de-AT\",\"method\":\"custom\",\"path\":\"/kurse/ä\",\"point\":\"settings\",\"policyHash\":\"902662bfd21fa9215c85e4e64afc75fd7fc96d0de0cda661492968b6dae28a13\",\"policyVersion\":3,\"seq\":42,\"services\":{\"ads\":false,\"matomo\":true,\"session\":true},\"signals\":[\"dnt\",\"gpc\"],\"time\":\"2026-11-22T10:00:00.120Z\",\"userAgent\":\"Mozilla/5.0 \\\"quoted\\\" tab ✓\"}");

        assertThat(ConsentReceipt.of(stored).payload())
                .isEqualTo(
                        "{\"categories\":{\"analytics\":true,\"marketing\":false,\"necessary\":true},\"chain\":\"node-a\",\"consentId\":\"ASNFZ4mrze8P7cuph2VDIQ\",\"event\":\"updated\",\"method\":\"custom\",\"policyHash\":\"902662bfd21fa9215c85e4e64afc75fd7fc96d0de0cda661492968b6dae28a13\",\"policyVersion\":3,\"recordHash\":\"3124fbf85a6dccff1343e7f36477e0f8eac27635e03b7d16e3f84c730e4d66b3\",\"seq\":42,\"services\":{\"ads\":false,\"matomo\":true,\"session\":true},\"time\":\"2026-11-22T10:00:00.120Z\",\"typ\":\"consent4j-receipt\"}");
    }
}
