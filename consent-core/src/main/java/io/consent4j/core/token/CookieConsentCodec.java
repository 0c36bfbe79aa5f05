/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.token;

import io.consent4j.core.internal.IdTags;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.Service;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a {@link Consent} into a compact, signed cookie value and back.
 *
 * <p>The value is base64url (no padding) of: a format byte ({@code 1}); the key id as a length byte
 * and ASCII; the 16-byte consent id; the policy version as an unsigned LEB128 varint; issued-at and
 * expires-at as 5-byte big-endian epoch seconds; a flag byte (bit 0 parental consent, bit 1 granted
 * under a GPC/DNT signal, bits 2-3 the age band); the granted optional categories and then the
 * granted services, each as a count byte followed by 3-byte tags (the first three bytes of the
 * SHA-256 of the id); and finally the 32-byte HMAC-SHA256 of everything before it under the key named
 * by the key id. Tags keep the value small (about 140 characters for 4 categories and 10 services)
 * and do not depend on the policy's order, so editorial changes such as removing a service do not
 * invalidate cookies.
 *
 * <p>Reading never throws: anything malformed, too large, tampered with, signed with an unknown key
 * or expired comes back as a {@link DecodedCookie} without a valid consent. Instances are thread-safe.
 */
public final class CookieConsentCodec {

    /** The longest cookie value read; anything longer is malformed without further work. */
    public static final int MAX_VALUE_LENGTH = 512;

    /** How far in the future an issued-at time may be, to allow for clock differences between nodes. */
    public static final long CLOCK_SKEW_SECONDS = 300;

    private static final int FORMAT = 1;
    private static final int MAC_BYTES = 32;
    private static final long MAX_EPOCH_SECOND = (1L << 40) - 1;

    private final SigningKeys keys;
    private final Map<String, ThreadLocal<Mac>> macs = new HashMap<>();
    private volatile TagTable tagTable;

    /** A codec that signs with the current key of {@code keys} and verifies with any of them. */
    public CookieConsentCodec(SigningKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
        for (String id : keys.ids()) {
            byte[] secret = keys.find(id).orElseThrow().secret();
            macs.put(id, ThreadLocal.withInitial(() -> newMac(secret)));
        }
    }

    private static Mac newMac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The keys this codec signs and verifies with. */
    public SigningKeys keys() {
        return keys;
    }

    /**
     * Encodes and signs {@code consent} with the current key. Required categories are implied and not
     * written.
     *
     * @throws IllegalArgumentException when the consent grants a category or service {@code policy}
     *     does not have
     */
    public String encode(Consent consent, ConsentPolicy policy) {
        Objects.requireNonNull(consent, "consent");
        long issued = consent.issuedAt().getEpochSecond();
        long expires = consent.expiresAt().getEpochSecond();
        if (issued < 0 || expires > MAX_EPOCH_SECOND) {
            throw new IllegalArgumentException(
                    "consent times " + consent.issuedAt() + " to " + consent.expiresAt() + " are out of range");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(FORMAT);
        byte[] kid = keys.current().id().getBytes(StandardCharsets.US_ASCII);
        out.write(kid.length);
        out.writeBytes(kid);
        out.writeBytes(consent.id().toBytes());
        writeVarint(out, consent.policyVersion());
        write40(out, issued);
        write40(out, expires);
        int flags = (consent.parentalConsent() ? 1 : 0)
                | (consent.grantedUnderSignal() ? 2 : 0)
                | (consent.ageBand().ordinal() << 2);
        out.write(flags);
        Set<String> categories = new LinkedHashSet<>();
        for (String id : consent.grantedCategories()) {
            Category category = policy.category(id)
                    .orElseThrow(() -> new IllegalArgumentException("consent grants category '" + id
                            + "', which policy version " + policy.version() + " does not have"));
            if (!category.required()) {
                categories.add(id);
            }
        }
        for (String id : consent.grantedServices()) {
            policy.service(id)
                    .orElseThrow(() -> new IllegalArgumentException("consent grants service '" + id
                            + "', which policy version " + policy.version() + " does not have"));
        }
        writeTags(out, categories);
        writeTags(out, consent.grantedServices());
        byte[] body = out.toByteArray();
        byte[] mac = macs.get(keys.current().id()).get().doFinal(body);
        byte[] all = new byte[body.length + MAC_BYTES];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(mac, 0, all, body.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    /**
     * Reads and judges a cookie value at {@code now}: only a genuine, unexpired cookie comes back
     * {@link DecodedCookie.Status#VALID}. Never throws.
     */
    public DecodedCookie decode(String value, ConsentPolicy policy, Instant now) {
        return verify(value, policy).at(now, CLOCK_SKEW_SECONDS);
    }

    /**
     * Checks a cookie value's structure and signature without looking at the time: a genuine cookie
     * comes back {@link DecodedCookie.Status#VALID} (judge it with {@link DecodedCookie#at}); this is
     * the part worth caching. Never throws. Grants are resolved against {@code policy}: ids it does not
     * know are dropped.
     */
    public DecodedCookie verify(String value, ConsentPolicy policy) {
        if (value == null || value.isEmpty()) {
            return DecodedCookie.ABSENT;
        }
        if (value.length() > MAX_VALUE_LENGTH || policy == null) {
            return DecodedCookie.MALFORMED;
        }
        try {
            return verifyUnchecked(value, policy);
        } catch (RuntimeException e) {
            // Bad base64, truncated structure or anything else an attacker can make: never a grant.
            return DecodedCookie.MALFORMED;
        }
    }

    private DecodedCookie verifyUnchecked(String value, ConsentPolicy policy) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return DecodedCookie.MALFORMED;
            }
        }
        byte[] all = Base64.getUrlDecoder().decode(value);
        // The decoder ignores the unused low bits of the last character, so up to 16 texts read as the
        // same signed bytes. Only the canonical one is genuine: any change to a cookie value is rejected.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(all).equals(value)) {
            return DecodedCookie.MALFORMED;
        }
        if (all.length < 2 + MAC_BYTES || all[0] != FORMAT) {
            return DecodedCookie.MALFORMED;
        }
        int kidLength = all[1] & 0xff;
        if (kidLength == 0 || kidLength > 16 || all.length < 2 + kidLength + MAC_BYTES) {
            return DecodedCookie.MALFORMED;
        }
        String kid = new String(all, 2, kidLength, StandardCharsets.US_ASCII);
        ThreadLocal<Mac> mac = macs.get(kid);
        if (mac == null) {
            return DecodedCookie.UNKNOWN_KEY;
        }
        int bodyLength = all.length - MAC_BYTES;
        Mac hmac = mac.get();
        hmac.update(all, 0, bodyLength);
        byte[] expected = hmac.doFinal();
        byte[] actual = new byte[MAC_BYTES];
        System.arraycopy(all, bodyLength, actual, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(expected, actual)) {
            return DecodedCookie.BAD_SIGNATURE;
        }
        return parse(all, 2 + kidLength, bodyLength, policy);
    }

    private DecodedCookie parse(byte[] b, int start, int end, ConsentPolicy policy) {
        Cursor in = new Cursor(b, start, end);
        ConsentId id = ConsentId.fromBytes(b, in.skip(16));
        long version = in.varint();
        long issued = in.uint40();
        long expires = in.uint40();
        int flags = in.u8();
        if (version < 1 || version > Integer.MAX_VALUE || expires <= issued || (flags >> 4) != 0) {
            return DecodedCookie.MALFORMED;
        }
        TagTable table = tags(policy);
        Set<String> categories = in.tags(table.categories);
        Set<String> services = in.tags(table.services);
        if (in.position != end) {
            return DecodedCookie.MALFORMED;
        }
        Consent consent = new Consent(
                id,
                (int) version,
                categories,
                services,
                Instant.ofEpochSecond(issued),
                Instant.ofEpochSecond(expires),
                (flags & 1) != 0,
                AgeBand.values()[(flags >> 2) & 3],
                (flags & 2) != 0);
        return new DecodedCookie(DecodedCookie.Status.VALID, consent);
    }

    private TagTable tags(ConsentPolicy policy) {
        TagTable table = tagTable;
        if (table == null || table.policy != policy) {
            table = new TagTable(policy);
            tagTable = table;
        }
        return table;
    }

    private static void writeTags(ByteArrayOutputStream out, Set<String> ids) {
        if (ids.size() > 255) {
            throw new IllegalArgumentException("a consent can grant at most 255 categories and 255 services");
        }
        out.write(ids.size());
        for (String id : ids) {
            int tag = IdTags.tag(id);
            out.write(tag >> 16);
            out.write(tag >> 8);
            out.write(tag);
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void write40(ByteArrayOutputStream out, long value) {
        for (int shift = 32; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }

    /** Tag-to-id lookups for one policy: optional categories and all services. */
    private static final class TagTable {
        final ConsentPolicy policy;
        final Map<Integer, String> categories = new HashMap<>();
        final Map<Integer, String> services = new HashMap<>();

        TagTable(ConsentPolicy policy) {
            this.policy = policy;
            for (Category category : policy.categories()) {
                if (!category.required()) {
                    categories.put(IdTags.tag(category.id()), category.id());
                }
            }
            for (Service service : policy.services()) {
                services.put(IdTags.tag(service.id()), service.id());
            }
        }
    }

    /** A bounds-checked reader; running past the end throws, which {@link #verify} turns into MALFORMED. */
    private static final class Cursor {
        final byte[] bytes;
        final int end;
        int position;

        Cursor(byte[] bytes, int position, int end) {
            this.bytes = bytes;
            this.position = position;
            this.end = end;
        }

        int skip(int n) {
            if (position + n > end) {
                throw new IndexOutOfBoundsException("truncated");
            }
            int at = position;
            position += n;
            return at;
        }

        int u8() {
            return bytes[skip(1)] & 0xff;
        }

        long uint40() {
            int at = skip(5);
            long v = 0;
            for (int i = 0; i < 5; i++) {
                v = v << 8 | (bytes[at + i] & 0xff);
            }
            return v;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        Set<String> tags(Map<Integer, String> known) {
            int count = u8();
            int at = skip(count * IdTags.BYTES);
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                int p = at + i * IdTags.BYTES;
                int tag = (bytes[p] & 0xff) << 16 | (bytes[p + 1] & 0xff) << 8 | (bytes[p + 2] & 0xff);
                String id = known.get(tag);
                if (id != null) {
                    ids.add(id);
                }
            }
            return ids;
        }
    }
}
