/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JWS whose payload and Ed25519 signature are right, made by hand with the signer's own private key, so
 * that only the protected header is at fault.
 */
class ReceiptHeaderTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("site-2026");
    private static final String PAYLOAD = "{\"typ\":\"consent4j-checkpoint\"}";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** A compact JWS of {@link #PAYLOAD} under {@code header}, signed with the signer's Ed25519 key. */
    private static String signed(String header) throws Exception {
        String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(SIGNER.privateKeyBase64()))));
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(signature.sign());
    }

    @Test
    void handMadeJwsWithTheSignersHeaderVerifies() throws Exception {
        // The control: the same construction with the header the signer writes passes.
        assertThat(SIGNER.verifier().verify(signed("{\"alg\":\"EdDSA\",\"kid\":\"site-2026\"}")))
                .contains(PAYLOAD);
        assertThat(SIGNER.verifier().verify(signed("{\"kid\":\"site-2026\",\"alg\":\"EdDSA\"}")))
                .contains(PAYLOAD);
        assertThat(SIGNER.verifier().verify(signed(" { \"alg\" : \"EdDSA\" , \"kid\" : \"site-2026\" } ")))
                .contains(PAYLOAD);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // crit: members the verifier would have to understand
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026\",\"crit\":[\"exp\"],\"exp\":1}",
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026\",\"crit\":[]}",
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026\",\"b64\":false,\"crit\":[\"b64\"]}",
                // other algorithms, however the signature is made
                "{\"alg\":\"none\",\"kid\":\"site-2026\"}",
                "{\"alg\":\"HS256\",\"kid\":\"site-2026\"}",
                "{\"alg\":\"Ed25519\",\"kid\":\"site-2026\"}",
                "{\"alg\":\"eddsa\",\"kid\":\"site-2026\"}",
                "{\"alg\":[\"EdDSA\"],\"kid\":\"site-2026\"}",
                "{\"kid\":\"site-2026\"}",
                // key ids that are not plain tokens, or missing
                "{\"alg\":\"EdDSA\"}",
                "{\"alg\":\"EdDSA\",\"kid\":\"\"}",
                "{\"alg\":\"EdDSA\",\"kid\":\"../site-2026\"}",
                "{\"alg\":\"EdDSA\",\"kid\":\"site 2026\"}",
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026\\u0000\"}",
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026\\\"}\"}",
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026-site-2026-site-2026-site-2026-site-2026-site-2026-site-20\"}",
                "{\"alg\":\"EdDSA\",\"kid\":7}",
                "{\"alg\":\"EdDSA\",\"kid\":null}",
                // repeated members, which other parsers would read differently
                "{\"alg\":\"none\",\"alg\":\"EdDSA\",\"kid\":\"site-2026\"}",
                "{\"alg\":\"EdDSA\",\"alg\":\"EdDSA\",\"kid\":\"site-2026\"}",
                "{\"alg\":\"EdDSA\",\"kid\":\"other\",\"kid\":\"site-2026\"}",
                // members that change how the token is read, or that are simply unknown
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026\",\"jku\":\"https://attacker.example/keys\"}",
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026\",\"jwk\":{\"kty\":\"OKP\"}}",
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026\",\"b64\":false}",
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026\",\"typ\":\"JWT\"}",
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026\",\"zip\":\"DEF\"}",
                // not a JSON object, or more than one
                "[\"EdDSA\"]",
                "\"EdDSA\"",
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026\"}{}",
                "{\"alg\":\"EdDSA\",\"kid\":\"site-2026\"",
            })
    void jwsWithAnUnacceptableHeaderIsRejected_C24(String header) throws Exception {
        assertThat(SIGNER.verifier().verify(signed(header))).isEmpty();
        assertThat(ReceiptVerifier.fromJwk(SIGNER.publicJwk()).verify(signed(header)))
                .isEmpty();
    }

    @Test
    void algNoneWithoutASignatureIsRejected_C24() {
        String header = B64.encodeToString("{\"alg\":\"none\",\"kid\":\"site-2026\"}".getBytes(StandardCharsets.UTF_8));
        String body = B64.encodeToString(PAYLOAD.getBytes(StandardCharsets.UTF_8));

        assertThat(SIGNER.verifier().verify(header + "." + body + ".")).isEmpty();
        assertThat(SIGNER.verifier().verify(header + "." + body)).isEmpty();
    }

    /** The classic confusion: an HMAC keyed with the public key, which anyone has. */
    @Test
    void hs256KeyedWithThePublicKeyIsRejected_C24() throws Exception {
        String header =
                B64.encodeToString("{\"alg\":\"HS256\",\"kid\":\"site-2026\"}".getBytes(StandardCharsets.UTF_8));
        String input = header + "." + B64.encodeToString(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        for (byte[] key : new byte[][] {
            SIGNER.publicKey().getEncoded(),
            SIGNER.publicJwk().getBytes(StandardCharsets.UTF_8),
            Base64.getUrlDecoder().decode(SIGNER.publicJwk().replaceAll(".*\"x\":\"([^\"]+)\".*", "$1"))
        }) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String jws = input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));

            assertThat(SIGNER.verifier().verify(jws)).isEmpty();
        }
    }

    /** The signature decides whose key it is; a key id renamed in the configuration keeps the same key. */
    @Test
    void aPlainKidOtherThanTheVerifiersIsAcceptedWhenTheKeyIsRight_C24() throws Exception {
        assertThat(SIGNER.verifier().verify(signed("{\"alg\":\"EdDSA\",\"kid\":\"site-2025\"}")))
                .contains(PAYLOAD);
        assertThat(ReceiptSigner.generate("site-2026")
                        .verifier()
                        .verify(signed("{\"alg\":\"EdDSA\",\"kid\":\"site-2026\"}")))
                .isEmpty();
    }

    @Test
    void verifierOfAJwkWithoutKidAcceptsAnyPlainKid() throws Exception {
        String x = SIGNER.publicJwk().replaceAll(".*\"x\":\"([^\"]+)\".*", "$1");
        ReceiptVerifier anonymous =
                ReceiptVerifier.fromJwk("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\"}");

        assertThat(anonymous.verify(signed("{\"alg\":\"EdDSA\",\"kid\":\"site-2026\"}")))
                .contains(PAYLOAD);
        assertThat(anonymous.verify(signed("{\"alg\":\"EdDSA\",\"kid\":\"a b\"}")))
                .isEmpty();
        assertThat(anonymous.verify(signed("{\"alg\":\"EdDSA\"}"))).isEmpty();
    }
}
