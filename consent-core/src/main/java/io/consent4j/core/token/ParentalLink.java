/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a parental-consent link carries (C28): the child's consent id, when the link was made, until when
 * it counts, and a random nonce, signed with the consent cookie's HMAC keys. Nothing else: no name, no
 * e-mail address, no account, so the link holds no personal data beyond the pseudonymous consent id.
 *
 * <p>The token is {@code base64url(payload) "." base64url(HMAC-SHA256)}; the payload is a version byte,
 * the key id (length-prefixed), the consent id (16 bytes), the two times (epoch seconds, 8 bytes each)
 * and the nonce (16 bytes). The MAC covers a label of its own before the payload, so a link can never be
 * taken for a consent cookie or the reverse. Single use is not the token's business: the ledger knows
 * whether a parent's record names the nonce (see {@code ConsentManager}).
 *
 * @param consentId the child's consent id
 * @param issuedAt when the link was made
 * @param expiresAt when the link stops counting
 * @param nonce 32 lower-case hex digits, unique per link
 */
public record ParentalLink(ConsentId consentId, Instant issuedAt, Instant expiresAt, String nonce) {

    private static final byte VERSION = 1;
    private static final byte[] LABEL = "consent4j-parental-link\n".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TOKEN_CHARS = 200;

    /** Validates the link and truncates its times to seconds. */
    public ParentalLink {
        Objects.requireNonNull(consentId, "consentId");
        issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(ChronoUnit.SECONDS);
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " must be after issuedAt " + issuedAt);
        }
        if (nonce == null || !nonce.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("nonce must be 32 lower-case hex digits, was " + nonce);
        }
    }

    /** A new link for {@code consentId}, made at {@code now}, counting until {@code expiresAt}. */
    public static ParentalLink issue(ConsentId consentId, Instant now, Instant expiresAt) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return new ParentalLink(consentId, now, expiresAt, HexFormat.of().formatHex(nonce));
    }

    /** Whether the link no longer counts at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The signed token, with the current key of {@code keys}; URL-safe as it is. */
    public String encode(SigningKeys keys) {
        SigningKey key = keys.current();
        byte[] id = key.id().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer payload = ByteBuffer.allocate(2 + id.length + 16 + 16 + 16);
        payload.put(VERSION)
                .put((byte) id.length)
                .put(id)
                .put(consentId.toBytes())
                .putLong(issuedAt.getEpochSecond())
                .putLong(expiresAt.getEpochSecond())
                .put(HexFormat.of().parseHex(nonce));
        byte[] body = payload.array();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(body) + "." + base64.encodeToString(mac(key, body));
    }

    /**
     * The link a token carries, when one of {@code keys} signed it; empty for anything else (forged,
     * altered, truncated, unknown key, not a token at all). Expiry is the caller's to judge.
     */
    public static Optional<ParentalLink> verify(String token, SigningKeys keys) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            byte[] body = base64.decode(token.substring(0, dot));
            byte[] mac = base64.decode(token.substring(dot + 1));
            if (body.length < 2 || body[0] != VERSION) {
                return Optional.empty();
            }
            int idLength = body[1] & 0xff;
            if (body.length != 2 + idLength + 48) {
                return Optional.empty();
            }
            String keyId = new String(body, 2, idLength, StandardCharsets.US_ASCII);
            Optional<SigningKey> key = keys.find(keyId);
            if (key.isEmpty() || !MessageDigest.isEqual(mac, mac(key.get(), body))) {
                return Optional.empty();
            }
            ByteBuffer rest = ByteBuffer.wrap(body, 2 + idLength, 48);
            byte[] id = new byte[16];
            rest.get(id);
            Instant issued = Instant.ofEpochSecond(rest.getLong());
            Instant expires = Instant.ofEpochSecond(rest.getLong());
            byte[] nonce = new byte[16];
            rest.get(nonce);
            return Optional.of(new ParentalLink(
                    ConsentId.fromBytes(id, 0), issued, expires, HexFormat.of().formatHex(nonce)));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(SigningKey key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            mac.update(LABEL);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
