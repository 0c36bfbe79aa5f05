/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.consent4j.core.Fixtures;
import io.consent4j.core.ledger.Checkpoint;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Receipts and checkpoints verify with Nimbus JOSE+JWT (Ed25519 through Google Tink) from nothing but the
 * published JWK, as an auditor's own tools would verify them: no part of consent4j on the verifying side.
 */
class StandardJoseVerifierTest {

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
                    .granted(Set.of("functional", "analytics"), Set.of("video"))
                    .build());
        }
    }

    private static OctetKeyPair publishedKey() throws Exception {
        return OctetKeyPair.parse(SIGNER.publicJwk());
    }

    private static JWSObject verifiedByNimbus(String jws) throws Exception {
        JWSObject object = JWSObject.parse(jws);
        assertThat(object.verify(new Ed25519Verifier(publishedKey())))
                .as("Nimbus verifies %s", jws)
                .isTrue();
        return object;
    }

    @Test
    void publishedJwkIsAValidEd25519KeyWithTheKeyId_C24() throws Exception {
        JWK parsed = JWK.parse(SIGNER.publicJwk());

        assertThat(parsed).isInstanceOf(OctetKeyPair.class);
        OctetKeyPair key = (OctetKeyPair) parsed;
        assertThat(key.getKeyType()).isEqualTo(KeyType.OKP);
        assertThat(key.getCurve()).isEqualTo(Curve.Ed25519);
        assertThat(key.getKeyID()).isEqualTo("site-2026");
        assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.getDecodedX()).hasSize(32);
        assertThat(key.toPublicJWK()).isEqualTo(key);
    }

    @Test
    void receiptVerifiesWithNimbusFromThePublishedJwk_C24_C27() throws Exception {
        ConsentRecord record = record();
        String jws = ConsentReceipt.issue(SIGNER, record);

        JWSObject object = verifiedByNimbus(jws);

        assertThat(object.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(object.getHeader().getKeyID()).isEqualTo("site-2026");
        assertThat(object.getHeader().getCriticalParams()).isNull();
        assertThat(object.getHeader().toJSONObject()).containsOnlyKeys("alg", "kid");
        assertThat(object.getPayload().toString())
                .isEqualTo(ConsentReceipt.of(record).payload());
        assertThat(object.getPayload().toJSONObject())
                .containsEntry("typ", "consent4j-receipt")
                .containsEntry("recordHash", record.hash())
                .containsEntry("consentId", record.content().consentId().toString());
    }

    @Test
    void checkpointVerifiesWithNimbusFromThePublishedJwk_C24() throws Exception {
        Checkpoint checkpoint = Checkpoint.sign(SIGNER, "node-a", 42, "ab".repeat(32), Fixtures.NOW);

        JWSObject object = verifiedByNimbus(checkpoint.jws());

        assertThat(object.getHeader().getKeyID()).isEqualTo("site-2026");
        assertThat(object.getPayload().toJSONObject())
                .containsEntry("typ", "consent4j-checkpoint")
                .containsEntry("chain", "node-a")
                .containsEntry("seq", 42L)
                .containsEntry("head", "ab".repeat(32))
                .containsEntry("time", "2026-11-22T10:00:00.000Z");
    }

    @Test
    void tamperedReceiptFailsInNimbus_C24() throws Exception {
        String jws = ConsentReceipt.issue(SIGNER, record());
        String[] parts = jws.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"marketing\":false", "\"marketing\":true");
        assertThat(payload).contains("\"marketing\":true");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        char first = parts[2].charAt(0);
        String badSignature = parts[0] + "." + parts[1] + "." + (first == 'A' ? 'B' : 'A') + parts[2].substring(1);
        String otherKey = ConsentReceipt.issue(ReceiptSigner.generate("site-2026"), record());

        Ed25519Verifier nimbus = new Ed25519Verifier(publishedKey());
        assertThat(JWSObject.parse(jws).verify(nimbus)).isTrue();
        assertThat(JWSObject.parse(forged).verify(nimbus)).isFalse();
        assertThat(JWSObject.parse(badSignature).verify(nimbus)).isFalse();
        assertThat(JWSObject.parse(otherKey).verify(nimbus)).isFalse();
        assertThat(ConsentReceipt.verify(SIGNER.verifier(), forged)).isEmpty();
    }

    /**
     * Tink computes the public key of a private key with its own Ed25519; it must be the one we publish,
     * and a JWS that Nimbus signs with the private key alone must verify with our verifier.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void publishedKeyIsTheOneAnIndependentEd25519Derives_C24(long n) throws Exception {
        byte[] seed = new byte[32];
        new Random(n).nextBytes(seed);
        ReceiptSigner signer =
                ReceiptSigner.fromBase64("k" + n, Base64.getEncoder().encodeToString(seed));
        OctetKeyPair published = OctetKeyPair.parse(signer.publicJwk());

        assertThat(published.getDecodedX())
                .isEqualTo(Ed25519Sign.KeyPair.newKeyPairFromSeed(seed).getPublicKey());

        OctetKeyPair privateKey = new OctetKeyPair.Builder(published)
                .d(Base64URL.encode(Arrays.copyOf(seed, 32)))
                .build();
        JWSObject byNimbus = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("k" + n).build(), new Payload("{\"x\":1}"));
        byNimbus.sign(new Ed25519Signer(privateKey));
        assertThat(signer.verifier().verify(byNimbus.serialize())).contains("{\"x\":1}");
    }
}
