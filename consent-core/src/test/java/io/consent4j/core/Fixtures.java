/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core;

import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.AgeBand;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.ConsentId;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.SigningKey;
import io.consent4j.core.token.SigningKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/** Shared test data: a realistic learning-platform policy with 4 categories and 10 services. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private Fixtures() {}

    /** The JSON of the learning-platform policy. */
    public static String policyJson() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/io/consent4j/core/policy/learning-platform.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The learning-platform policy, version 2. */
    public static ConsentPolicy policy() {
        return ConsentPolicy.fromJson(policyJson());
    }

    /** A fixed 32-byte key with id {@code k1}. */
    public static SigningKey key(String id, int seed) {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (seed * 31 + i);
        }
        return SigningKey.of(id, secret);
    }

    /**
     * {@code signed} (a cookie, a parent link, anything ending in a base64url signature) with its fifth
     * character from the end changed. That character always carries signature bits, where the last ones
     * may carry only padding bits, so the forgery never verifies by chance.
     */
    public static String forged(String signed) {
        int at = signed.length() - 5;
        return signed.substring(0, at) + (signed.charAt(at) == 'A' ? 'B' : 'A') + signed.substring(at + 1);
    }

    public static CookieConsentCodec codec() {
        return new CookieConsentCodec(SigningKeys.of(key("k1", 1)));
    }

    /** A consent for the fixture policy, issued at {@link #NOW}, lasting 6 months. */
    public static Consent consent(ConsentPolicy policy, Set<String> categories, Set<String> services) {
        return new Consent(
                new ConsentId(0x0123456789abcdefL, 0x0fedcba987654321L),
                policy.version(),
                categories,
                services,
                NOW,
                NOW.atOffset(ZoneOffset.UTC).plusMonths(6).toInstant(),
                false,
                AgeBand.UNSPECIFIED,
                false);
    }

    /** The same consent with other marks: parental consent, age band, granted under a signal. */
    public static Consent withMarks(Consent base, boolean parental, AgeBand ageBand, boolean grantedUnderSignal) {
        return new Consent(
                base.id(),
                base.policyVersion(),
                base.grantedCategories(),
                base.grantedServices(),
                base.issuedAt(),
                base.expiresAt(),
                parental,
                ageBand,
                grantedUnderSignal);
    }

    /** A clock tests can move. */
    public static final class MutableClock extends Clock {
        private Instant now;

        public MutableClock(Instant now) {
            this.now = now;
        }

        public void advance(Duration duration) {
            now = now.plus(duration);
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
