/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.receipt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Signs receipts and ledger checkpoints with Ed25519 (the JDK's own implementation) as compact JWS
 * ({@code alg} {@code EdDSA}, RFC 8037). Anyone with the {@linkplain #publicJwk() public key} can
 * verify them offline with {@link ReceiptVerifier}. Thread-safe.
 */
public final class ReceiptSigner {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** The DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows it. */
    private static final byte[] PKCS8_PREFIX = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
    };

    private final String keyId;
    private final PrivateKey privateKey;
    private final byte[] seed;
    private final ReceiptVerifier verifier;

    private ReceiptSigner(String keyId, byte[] seed) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException(
                    "receipt key id '" + keyId + "' is invalid: use 1 to 64 letters, digits, '.', '-' or '_'");
        }
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, got " + seed.length);
        }
        this.keyId = keyId;
        this.seed = seed.clone();
        KeyPair pair = fromSeed(this.seed);
        this.privateKey = pair.getPrivate();
        this.verifier = ReceiptVerifier.of(keyId, pair.getPublic());
    }

    /** A new random key, for tests and development. */
    public static ReceiptSigner generate(String keyId) {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return new ReceiptSigner(keyId, seed);
    }

    /**
     * A signer from a private key in base64: either the 32-byte raw key or PKCS#8 DER, as
     * {@code openssl genpkey -algorithm ed25519 -outform DER | base64} prints it; PEM armour is allowed.
     *
     * @throws IllegalArgumentException when the text is not an Ed25519 private key
     */
    public static ReceiptSigner fromBase64(String keyId, String privateKey) {
        if (privateKey == null || privateKey.isBlank()) {
            throw new IllegalArgumentException("receipt key '" + keyId + "' is empty. Generate one with:"
                    + " openssl genpkey -algorithm ed25519 -outform DER | base64");
        }
        String text = privateKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("receipt key '" + keyId + "' is not base64", e);
        }
        if (bytes.length == 48 && Arrays.equals(Arrays.copyOf(bytes, 16), PKCS8_PREFIX)) {
            return new ReceiptSigner(keyId, Arrays.copyOfRange(bytes, 16, 48));
        }
        if (bytes.length == 32) {
            return new ReceiptSigner(keyId, bytes);
        }
        throw new IllegalArgumentException("receipt key '" + keyId + "' is not an Ed25519 private key (" + bytes.length
                + " bytes; expected 32 raw or 48 PKCS#8)");
    }

    /** The private key as base64 PKCS#8 DER, for storing a generated key in configuration. */
    public String privateKeyBase64() {
        byte[] der = Arrays.copyOf(PKCS8_PREFIX, 48);
        System.arraycopy(seed, 0, der, 16, 32);
        return Base64.getEncoder().encodeToString(der);
    }

    private static KeyPair fromSeed(byte[] seed) {
        try {
            // The JDK offers no "public key from private key" for EdDSA; generating with the seed as the
            // only randomness yields exactly the key pair of that private key.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] der = Arrays.copyOf(PKCS8_PREFIX, 48);
            System.arraycopy(seed, 0, der, 16, 32);
            PrivateKey reread = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new KeyPair(pair.getPublic(), reread);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ runtime", e);
        }
    }

    /** The key id written into every signature's header. */
    public String keyId() {
        return keyId;
    }

    /** The verifier for this key. */
    public ReceiptVerifier verifier() {
        return verifier;
    }

    /** The public key as a JSON Web Key: {@code {"kty":"OKP","crv":"Ed25519","x":…,"kid":…}}. */
    public String publicJwk() {
        return verifier.jwk();
    }

    /** The public key. */
    public PublicKey publicKey() {
        return verifier.publicKey();
    }

    /** Signs {@code payload} (UTF-8 JSON) as a compact JWS. */
    public String sign(String payload) {
        Objects.requireNonNull(payload, "payload");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header =
                b64.encodeToString(("{\"alg\":\"EdDSA\",\"kid\":\"" + keyId + "\"}").getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        String input = header + "." + body;
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519", e);
        }
    }

    @Override
    public String toString() {
        return "ReceiptSigner[kid=" + keyId + ", private key hidden]";
    }

    /** A "random" source that returns the seed, so that key generation reproduces a given key. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
