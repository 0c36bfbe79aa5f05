/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.token;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A secret key for signing consent cookies with HMAC-SHA256, with a short id that is written into
 * every cookie so that keys can be rotated. The secret is never printed.
 */
public final class SigningKey {

    /** The shortest secret accepted, in bytes: HMAC-SHA256 needs 256 bits to be at full strength. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    private final String id;
    private final byte[] secret;

    private SigningKey(String id, byte[] secret) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "signing key id '" + id + "' is invalid: use 1 to 16 letters, digits, '-' or '_'");
        }
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("signing key '" + id + "' has " + secret.length + " bytes; at least "
                    + MIN_SECRET_BYTES + " are needed. Generate one with: openssl rand -base64 32");
        }
        this.id = id;
        this.secret = secret.clone();
    }

    /** A key with the given id and secret bytes (at least 32). */
    public static SigningKey of(String id, byte[] secret) {
        return new SigningKey(id, secret);
    }

    /**
     * A key whose secret is given in base64 or base64url, as {@code openssl rand -base64 32} prints it.
     *
     * @throws IllegalArgumentException when the text is not base64 or too short
     */
    public static SigningKey fromBase64(String id, String base64Secret) {
        if (base64Secret == null || base64Secret.isBlank()) {
            throw new IllegalArgumentException(
                    "signing key '" + id + "' has no secret. Generate one with: openssl rand -base64 32");
        }
        String text = base64Secret.strip();
        byte[] bytes;
        try {
            bytes = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signing key '" + id + "' is not valid base64: " + e.getMessage(), e);
        }
        return new SigningKey(id, bytes);
    }

    /**
     * A key written as {@code id:base64-secret}, the form configuration files use.
     *
     * @throws IllegalArgumentException when the entry has no id, or its secret is not base64 or too short
     */
    public static SigningKey parse(String entry) {
        String text = entry == null ? "" : entry.strip();
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("signing keys are written id:base64-secret, and this one has no id."
                    + " Generate a secret with: openssl rand -base64 32");
        }
        return fromBase64(
                text.substring(0, colon).strip(), text.substring(colon + 1).strip());
    }

    /** A new random key, for tests and throwaway development setups. */
    public static SigningKey generate(String id) {
        byte[] bytes = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new SigningKey(id, bytes);
    }

    /** The key id written into cookies. */
    public String id() {
        return id;
    }

    byte[] secret() {
        return secret;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey other && id.equals(other.id) && Arrays.equals(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "SigningKey[id=" + id + ", secret=(hidden)]";
    }
}
