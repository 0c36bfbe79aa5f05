/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.signing;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The Ed25519 public key of a private key (its 32-byte seed), computed as RFC 8032 section 5.1.5 says:
 * {@code A = [s]B}, where {@code s} is the clamped first half of {@code SHA-512(seed)} and {@code B} the
 * base point, encoded as in section 5.1.2.
 *
 * <p>Java 17 has no public API for this, and asking a {@code KeyPairGenerator} to regenerate a key from
 * a fixed "random" source only works for providers that happen to draw exactly the seed from it. This
 * arithmetic is the same on every runtime. It runs once per key at start-up on plain {@link BigInteger}s
 * (not in constant time, which a single computation at start-up does not need), and the signer then
 * proves the result by verifying a signature of the runtime's own {@code Signature} with it.
 */
final class Ed25519PublicKey {

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P))
            .mod(P);
    private static final BigInteger BASE_Y =
            BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
    /** The base point's x (RFC 8032 section 5.1), the even root that goes with BASE_Y. */
    private static final BigInteger BASE_X =
            new BigInteger("15112221349535400772501151409588531511454012693041857206046113283949847762202");

    private Ed25519PublicKey() {}

    /** The 32-byte encoded public key of a 32-byte private key. */
    static byte[] of(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, got " + seed.length);
        }
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-512").digest(seed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is part of every Java runtime", e);
        }
        byte[] low = Arrays.copyOf(h, 32);
        low[0] &= (byte) 0xf8;
        low[31] &= 0x7f;
        low[31] |= 0x40;
        BigInteger s = littleEndian(low);
        Arrays.fill(h, (byte) 0);
        Arrays.fill(low, (byte) 0);
        return encode(multiply(s, new BigInteger[] {
            BASE_X, BASE_Y, BigInteger.ONE, BASE_X.multiply(BASE_Y).mod(P)
        }));
    }

    /** Double-and-add in extended coordinates (X, Y, Z, T), x = X/Z, y = Y/Z, x*y = T/Z. */
    private static BigInteger[] multiply(BigInteger s, BigInteger[] point) {
        BigInteger[] q = {BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
        BigInteger[] p = point;
        for (int i = 0; i < s.bitLength(); i++) {
            if (s.testBit(i)) {
                q = add(q, p);
            }
            p = add(p, p);
        }
        return q;
    }

    /** RFC 8032 section 5.1.4, the addition that is complete for every pair of points. */
    private static BigInteger[] add(BigInteger[] p, BigInteger[] q) {
        BigInteger a = p[1].subtract(p[0]).multiply(q[1].subtract(q[0])).mod(P);
        BigInteger b = p[1].add(p[0]).multiply(q[1].add(q[0])).mod(P);
        BigInteger c = BigInteger.TWO.multiply(p[3]).multiply(q[3]).multiply(D).mod(P);
        BigInteger d = BigInteger.TWO.multiply(p[2]).multiply(q[2]).mod(P);
        BigInteger e = b.subtract(a);
        BigInteger f = d.subtract(c);
        BigInteger g = d.add(c);
        BigInteger h = b.add(a);
        return new BigInteger[] {
            e.multiply(f).mod(P),
            g.multiply(h).mod(P),
            f.multiply(g).mod(P),
            e.multiply(h).mod(P)
        };
    }

    /** RFC 8032 section 5.1.2: y in little-endian order, the lowest bit of x in the top bit. */
    private static byte[] encode(BigInteger[] point) {
        BigInteger zInverse = point[2].modInverse(P);
        BigInteger x = point[0].multiply(zInverse).mod(P);
        BigInteger y = point[1].multiply(zInverse).mod(P);
        byte[] out = new byte[32];
        byte[] big = y.toByteArray();
        for (int i = 0; i < big.length && i < 32; i++) {
            out[i] = big[big.length - 1 - i];
        }
        if (x.testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] big = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            big[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, big);
    }
}
