/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Signs receipts and ledger checkpoints with Ed25519 as compact JWS ({@code alg} {@code EdDSA}, RFC
 * 8037) whose protected header is exactly {@code {"alg":"EdDSA","kid":…}}. Anyone with the
 * {@linkplain #publicJwk() public key} can verify them offline, with {@link ReceiptVerifier} or any JOSE
 * library that supports Ed25519. Thread-safe.
 *
 * <p>The public key is computed from the private key as RFC 8032 defines it, with no help from a
 * particular security provider, and every signer proves at construction that a signature of its private
 * key verifies with that public key.
 */
public final class ReceiptSigner {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows it. */
    private static final byte[] PKCS8_PREFIX = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
    };
    /** What every signer signs and verifies once when it is made. */
    private static final String SELF_CHECK = "{\"typ\":\"consent4j-key-check\"}";

    private final String keyId;
    private final PrivateKey privateKey;
    private final byte[] seed;
    private final ReceiptVerifier verifier;
    private final String encodedHeader;

    private ReceiptSigner(String keyId, byte[] seed) {
        this(keyId, seed, Ed25519PublicKey.of(seed));
    }

    /**
     * A signer of {@code seed} whose published key is {@code publicKey}; both must belong together, which
     * is checked here. Package-private so that a test can hand it a public key that does not fit.
     */
    ReceiptSigner(String keyId, byte[] seed, byte[] publicKey) {
        checkKeyId(keyId);
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, got " + seed.length);
        }
        this.keyId = keyId;
        this.seed = seed.clone();
        this.privateKey = privateKey(pkcs8(this.seed));
        this.verifier = ReceiptVerifier.of(keyId, publicKey);
        this.encodedHeader = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"alg\":\"EdDSA\",\"kid\":\"" + keyId + "\"}").getBytes(StandardCharsets.UTF_8));
        // A runtime whose Ed25519 disagrees with RFC 8032, or a provider that cannot use this key, would
        // otherwise sign receipts and checkpoints that nobody can verify; find out now, not at an audit.
        String provider = "?";
        boolean verified;
        try {
            provider = Signature.getInstance("Ed25519").getProvider().getName();
            verified =
                    verifier.verify(sign(SELF_CHECK)).filter(SELF_CHECK::equals).isPresent();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException(
                    "receipt key '" + keyId + "' cannot sign with Ed25519 (provider " + provider + "): "
                            + e.getMessage(),
                    e);
        }
        if (!verified) {
            throw new IllegalStateException("receipt key '" + keyId + "': a signature made with its private key"
                    + " does not verify with its public key (Ed25519 of provider " + provider + ")");
        }
    }

    /**
     * Checks that {@code keyId} is a plain token that can be written into a JWS header and a JWK as it
     * is: 1 to 64 ASCII letters, digits, {@code .}, {@code -} or {@code _}.
     *
     * @return {@code keyId}
     * @throws IllegalArgumentException naming the bad value and the rule
     */
    public static String checkKeyId(String keyId) {
        if (!isValidKeyId(keyId)) {
            throw new IllegalArgumentException(
                    quote(keyId) + " is not a valid key id: use 1 to 64 letters, digits, '.', '-' or '_'");
        }
        return keyId;
    }

    static boolean isValidKeyId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }

    /** The value in quotes, with anything but printable ASCII escaped, so that an error message shows it. */
    private static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < value.length() && i < 100; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return out.append(value.length() > 100 ? "...'" : "'").toString();
    }

    /** A new random key, for tests and development. */
    public static ReceiptSigner generate(String keyId) {
        checkKeyId(keyId);
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return new ReceiptSigner(keyId, seed);
    }

    /**
     * A signer from a private key in base64: either the 32-byte raw key or PKCS#8 DER, as
     * {@code openssl genpkey -algorithm ed25519 -outform DER | base64} prints it; PEM armour is allowed.
     *
     * @throws IllegalArgumentException when the key id is not {@linkplain #checkKeyId valid} or the text is
     *     not an Ed25519 private key
     * @throws IllegalStateException when the runtime cannot sign with the key so that its public key
     *     verifies the signature
     */
    public static ReceiptSigner fromBase64(String keyId, String privateKey) {
        checkKeyId(keyId);
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
        return Base64.getEncoder().encodeToString(pkcs8(seed));
    }

    private static byte[] pkcs8(byte[] seed) {
        byte[] der = Arrays.copyOf(PKCS8_PREFIX, 48);
        System.arraycopy(seed, 0, der, 16, 32);
        return der;
    }

    private static PrivateKey privateKey(byte[] pkcs8) {
        try {
            // PKCS#8 is the standard encoding every provider's Ed25519 KeyFactory reads.
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ runtime", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
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
        String input = encodedHeader + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
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
}
