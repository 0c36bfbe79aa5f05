/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.Fixtures;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordDraft;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.signing.ReceiptVerifier;
import io.consent4j.core.token.ConsentId;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReceiptTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("site-2026");

    private final ConsentPolicy policy = Fixtures.policy();

    private ConsentRecord record() {
        try (InMemoryConsentLedger ledger = new InMemoryConsentLedger(
                LedgerSettings.builder(SIGNER).chainId("node-a").build())) {
            ledger.archive(policy);
            return ledger.append(RecordDraft.builder(policy, ConsentEvent.GIVEN)
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
        assertThat(receipt.consentId()).isEqualTo(record.consentId().toString());
        assertThat(receipt.categories()).containsEntry("marketing", true).containsEntry("necessary", true);
        assertThat(receipt.recordHash()).isEqualTo(record.hash());
        assertThat(jws.split("\\.")).hasSize(3);
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
}
