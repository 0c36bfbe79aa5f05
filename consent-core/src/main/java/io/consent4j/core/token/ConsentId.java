/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.token;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;

/**
 * A visitor's pseudonymous consent id: 128 bits, written as 22 base64url characters. It names a
 * visitor's consent in records and receipts without identifying the person.
 *
 * <p>{@link #generate()} makes the ids of new visitors: the time in milliseconds in the first 48 bits,
 * then 80 bits from a {@link SecureRandom}, in the manner of a version 7 UUID (RFC 9562). Ids made close
 * together in time then share a prefix, so a ledger's index on the consent id takes a group of new
 * visitors' records into a few neighbouring pages instead of one page each, and 80 random bits keep an id
 * as hard to guess as ever. The time an id carries is the time of its first record, which that record
 * states anyway. Ids of any other make, such as those of {@link #random()}, remain valid.
 *
 * @param high the first 64 bits
 * @param low the last 64 bits
 */
public record ConsentId(long high, long low) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new id for a new visitor, made now: see {@link #generate(long, Random)}. */
    public static ConsentId generate() {
        return generate(System.currentTimeMillis());
    }

    /** A new id for a new visitor, made at {@code epochMillis}: see {@link #generate(long, Random)}. */
    public static ConsentId generate(long epochMillis) {
        return generate(epochMillis, RANDOM);
    }

    /**
     * A new id whose first 48 bits are the low 48 bits of {@code epochMillis} (the milliseconds since 1970
     * fit until the year 10889) and whose other 80 bits come from {@code random}; tests pass a seeded one.
     */
    public static ConsentId generate(long epochMillis, Random random) {
        return new ConsentId(epochMillis << 16 | random.nextInt() & 0xFFFFL, random.nextLong());
    }

    /** A new id of 128 random bits from a {@link SecureRandom}. */
    public static ConsentId random() {
        return random(RANDOM);
    }

    /** A new random id from {@code random}; tests pass a seeded one. */
    public static ConsentId random(Random random) {
        return new ConsentId(random.nextLong(), random.nextLong());
    }

    /**
     * Parses the 22-character form.
     *
     * @throws IllegalArgumentException when {@code text} is not a consent id
     */
    public static ConsentId parse(String text) {
        if (text == null || text.length() != 22) {
            throw new IllegalArgumentException(
                    "a consent id has 22 base64url characters, got '" + abbreviate(text) + "'");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a consent id: not base64url", e);
        }
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a consent id: not in canonical form");
        }
        return fromBytes(bytes, 0);
    }

    /** Reads an id from 16 bytes at {@code offset}. */
    public static ConsentId fromBytes(byte[] bytes, int offset) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, 16);
        return new ConsentId(buffer.getLong(), buffer.getLong());
    }

    /** The 16 bytes of this id. */
    public byte[] toBytes() {
        return ByteBuffer.allocate(16).putLong(high).putLong(low).array();
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** The 22-character base64url form. */
    @Override
    public String toString() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(toBytes());
    }
}
