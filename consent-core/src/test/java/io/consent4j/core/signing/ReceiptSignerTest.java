/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The signer's and the verifier's keys: how they are read, written, checked and refused. */
class ReceiptSignerTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("site-2026");

    @Test
    void privateKeyRoundTripsThroughItsConfigurationForm() {
        ReceiptSigner again = ReceiptSigner.fromBase64("site-2026", SIGNER.privateKeyBase64());
        String jws = again.sign("{\"x\":1}");

        assertThat(again.publicJwk()).isEqualTo(SIGNER.publicJwk());
        assertThat(SIGNER.verifier().verify(jws)).contains("{\"x\":1}");
        assertThat(SIGNER.toString()).doesNotContain(SIGNER.privateKeyBase64());
    }

    @Test
    void publicJwkHasTheStandardShape() {
        assertThat(SIGNER.publicJwk())
                .contains("\"kty\":\"OKP\"", "\"crv\":\"Ed25519\"", "\"kid\":\"site-2026\"")
                .containsPattern("\"x\":\"[A-Za-z0-9_-]{43}\"");
    }

    @Test
    void signerWhosePublicKeyDoesNotFitItsPrivateKeyIsRefused_C24() {
        byte[] seed = new byte[32];
        byte[] other = new byte[32];
        other[0] = 1;

        assertThatThrownBy(() -> new ReceiptSigner("site-2026", seed, Ed25519PublicKey.of(other)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'site-2026'")
                .hasMessageContaining("does not verify with its public key");
        assertThat(new ReceiptSigner("site-2026", seed, Ed25519PublicKey.of(seed)).keyId())
                .isEqualTo("site-2026");
    }

    @Test
    void keyIdsThatAreNotPlainTokensAreRefused_C24() {
        assertThat(ReceiptSigner.checkKeyId("receipts-1")).isEqualTo("receipts-1");
        assertThat(ReceiptSigner.checkKeyId("a.B_9-z")).isEqualTo("a.B_9-z");
        assertThat(ReceiptSigner.checkKeyId("k".repeat(64))).hasSize(64);
        for (String bad :
                new String[] {"", "k".repeat(65), "a b", "a\"b", "a\\b", "a/b", "k\n", "k\u0000", "schl\u00fcssel"}) {
            assertThatThrownBy(() -> ReceiptSigner.checkKeyId(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a valid key id")
                    .hasMessageContaining("1 to 64 letters, digits");
            assertThatThrownBy(() -> ReceiptSigner.fromBase64(bad, SIGNER.privateKeyBase64()))
                    .hasMessageContaining("is not a valid key id");
            assertThatThrownBy(() -> ReceiptSigner.generate(bad)).hasMessageContaining("is not a valid key id");
        }
        assertThatThrownBy(() -> ReceiptSigner.checkKeyId(null)).hasMessageContaining("(none) is not a valid key id");
        // The bad value is shown, with what a terminal would not show escaped.
        assertThatThrownBy(() -> ReceiptSigner.checkKeyId("k\ney")).hasMessageStartingWith("'k\\u000aey'");
    }

    @Test
    void jwkWithAnOddKeyIdIsRefusedAndOneWithoutIsAccepted_C24() {
        String x = SIGNER.publicJwk().replaceAll(".*\"x\":\"([^\"]+)\".*", "$1");

        assertThatThrownBy(() -> ReceiptVerifier.fromJwk(
                        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"a\\\"b\",\"x\":\"" + x + "\"}"))
                .hasMessageContaining("kid")
                .hasMessageContaining("is not a valid key id");
        assertThatThrownBy(() ->
                        ReceiptVerifier.fromJwk("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":7,\"x\":\"" + x + "\"}"))
                .hasMessageContaining("is not a valid key id");
        ReceiptVerifier anonymous =
                ReceiptVerifier.fromJwk("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\"}");
        assertThat(anonymous.jwk()).doesNotContain("kid").contains("\"x\":\"" + x + "\"");
        assertThat(anonymous.verify(SIGNER.sign("{}"))).contains("{}");
    }

    @Test
    void badKeysAreRejectedWithAHint() {
        assertThatThrownBy(() -> ReceiptSigner.fromBase64("k", ""))
                .hasMessageContaining("openssl genpkey -algorithm ed25519");
        assertThatThrownBy(() -> ReceiptSigner.fromBase64("k", "AAAA"))
                .hasMessageContaining("not an Ed25519 private key");
        assertThatThrownBy(() -> ReceiptVerifier.fromJwk("{\"kty\":\"RSA\"}")).hasMessageContaining("Ed25519");
    }
}
