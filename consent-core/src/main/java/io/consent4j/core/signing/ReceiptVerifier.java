/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.signing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies receipts and checkpoints signed by {@link ReceiptSigner}, with nothing but the public key:
 * offline, without the server. Thread-safe.
 *
 * <p>It accepts exactly the form the signer writes: a compact JWS whose protected header holds
 * {@code alg} {@code EdDSA} and a {@code kid} that is a {@linkplain ReceiptSigner#checkKeyId plain token},
 * and no other member. A {@code crit} header, any other
 * algorithm (such as {@code none} or {@code HS256}), a repeated member, or members such as {@code jwk},
 * {@code jku} or {@code b64} that would change how the token is to be read, make it invalid: this
 * verifier never has to know what they mean, and a receipt has one form only.
 */
public final class ReceiptVerifier {

    /** Refuses repeated members, which parsers resolve differently, and anything after the object. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** The DER prefix of an X.509 Ed25519 public key; the 32-byte key follows it. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /**
     * The only header members accepted. RFC 7515 lets a verifier ignore members it does not know unless
     * {@code crit} lists them; this one refuses them all, because it only reads what its own signer writes.
     */
    private static final Set<String> HEADER_MEMBERS = Set.of("alg", "kid");

    private final String keyId;
    private final PublicKey publicKey;
    private final byte[] raw;

    private ReceiptVerifier(String keyId, byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + raw.length);
        }
        this.keyId = keyId;
        this.raw = raw.clone();
        byte[] der = Arrays.copyOf(X509_PREFIX, 44);
        System.arraycopy(raw, 0, der, 12, 32);
        try {
            // X.509 SubjectPublicKeyInfo is the standard encoding every provider's Ed25519 KeyFactory reads.
            this.publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key", e);
        }
    }

    /** A verifier of the encoded public key {@code raw} (32 bytes, RFC 8032). */
    static ReceiptVerifier of(String keyId, byte[] raw) {
        return new ReceiptVerifier(keyId, raw);
    }

    /**
     * A verifier from a JSON Web Key ({@code kty} OKP, {@code crv} Ed25519), as
     * {@link ReceiptSigner#publicJwk()} exports it. A {@code kid}, when present, must be a
     * {@linkplain ReceiptSigner#checkKeyId plain token}.
     *
     * @throws IllegalArgumentException when the text is not an Ed25519 JWK
     */
    public static ReceiptVerifier fromJwk(String jwk) {
        JsonNode node;
        try {
            node = MAPPER.readTree(jwk);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON Web Key: " + e.getOriginalMessage(), e);
        }
        if (!"OKP".equals(text(node, "kty")) || !"Ed25519".equals(text(node, "crv")) || text(node, "x") == null) {
            throw new IllegalArgumentException("not an Ed25519 JSON Web Key: expected kty OKP, crv Ed25519 and x");
        }
        byte[] x;
        try {
            x = Base64.getUrlDecoder().decode(text(node, "x"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JSON Web Key's x is not base64url", e);
        }
        String kid = null;
        if (node.has("kid")) {
            kid = text(node, "kid");
            try {
                ReceiptSigner.checkKeyId(kid);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the JSON Web Key's kid: " + e.getMessage(), e);
            }
        }
        return new ReceiptVerifier(kid == null ? "" : kid, x);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** The key id. */
    public String keyId() {
        return keyId;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as a JSON Web Key. */
    public String jwk() {
        // The key id is a plain token (checked where it was made), so it needs no escaping.
        return "{\"crv\":\"Ed25519\"," + (keyId.isEmpty() ? "" : "\"kid\":\"" + keyId + "\",")
                + "\"kty\":\"OKP\",\"use\":\"sig\",\"alg\":\"EdDSA\",\"x\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\"}";
    }

    /**
     * Checks a compact JWS and returns its payload when the signature is valid for this key; empty for
     * anything else (bad format, a header other than the one described above, another key, a changed
     * byte). Never throws.
     */
    public Optional<String> verify(String jws) {
        if (jws == null || jws.length() > 1 << 20) {
            return Optional.empty();
        }
        int first = jws.indexOf('.');
        int second = jws.indexOf('.', first + 1);
        if (first <= 0 || second <= first || jws.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            if (!acceptable(MAPPER.readTree(new String(b64.decode(jws.substring(0, first)), StandardCharsets.UTF_8)))) {
                return Optional.empty();
            }
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(jws.substring(0, second).getBytes(StandardCharsets.US_ASCII));
            String encodedSignature = jws.substring(second + 1);
            byte[] signatureBytes = b64.decode(encodedSignature);
            // The header and payload are signed as written, so only the signature's text could vary: other
            // values in its last character's padding bits, or '=' padding, decode to the same bytes. One
            // receipt has one text; those variants are refused.
            if (!Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(signatureBytes)
                            .equals(encodedSignature)
                    || !signature.verify(signatureBytes)) {
                return Optional.empty();
            }
            return Optional.of(new String(b64.decode(jws.substring(first + 1, second)), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean acceptable(JsonNode header) {
        if (!header.isObject() || !HEADER_MEMBERS.containsAll(header.propertyNames())) {
            return false;
        }
        // The kid must be there and plain, but need not be this verifier's: the signature decides whose
        // key it is, and a site that renames its key id keeps the same key, whose earlier receipts and
        // checkpoints must still verify.
        return "EdDSA".equals(text(header, "alg")) && ReceiptSigner.isValidKeyId(text(header, "kid"));
    }

    @Override
    public String toString() {
        return "ReceiptVerifier[kid=" + keyId + ", x=" + new BigInteger(1, raw).toString(16) + "]";
    }
}
