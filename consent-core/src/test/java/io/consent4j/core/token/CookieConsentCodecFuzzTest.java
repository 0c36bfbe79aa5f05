/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.consent4j.core.decision.ConsentDecider;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.ConsentState;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.PolicyLinks;
import io.consent4j.core.policy.Service;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz tests for reading the consent cookie, the one input an attacker fully controls. Whatever a
 * browser sends, reading never throws, and only a cookie this codec signed can grant anything: silence,
 * garbage and tampering all mean refusal (C1, C3, C15).
 *
 * <p>{@code ./mvnw verify} runs each target on its committed seeds under
 * {@code src/test/resources/io/consent4j/core/token/CookieConsentCodecFuzzTestInputs/<method>/};
 * {@code benchmarks/fuzz.sh} runs a real fuzzing session. Keys, consent ids and the clock are fixed so
 * that committed seeds holding genuine cookie values stay genuine.
 */
class CookieConsentCodecFuzzTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final ConsentPolicy POLICY = policy();

    private static final Set<String> OPTIONAL_SERVICES = Set.of(
            "youtube",
            "vimeo",
            "chat",
            "matomo",
            "hotjar",
            "google-analytics",
            "meta-pixel",
            "linkedin-insight",
            "google-ads");

    /**
     * One signer per key-id length modulo 3: the length of the signed bytes modulo 3 decides whether the
     * base64 text ends in a character with unused bits, so each residue is exercised.
     */
    private static final List<CookieConsentCodec> SIGNERS = List.of(
            new CookieConsentCodec(SigningKeys.of(key("k1", 1))),
            new CookieConsentCodec(SigningKeys.of(key("a", 2))),
            new CookieConsentCodec(SigningKeys.of(key("old", 3))));

    /** Verifies with every signer's key, as a site does during key rotation. */
    private static final CookieConsentCodec READER =
            new CookieConsentCodec(SigningKeys.of(key("k1", 1), key("a", 2), key("old", 3)));

    /** The cached decider a site runs, and one without a cache, so that both paths are fuzzed. */
    private static final List<ConsentDecider> DECIDERS = List.of(
            ConsentDecider.builder(POLICY, READER).clock(CLOCK).cacheSize(1_000).build(),
            ConsentDecider.builder(POLICY, READER).clock(CLOCK).cacheSize(0).build());

    /** Signals never grant (C19): garbage must come out the same under each, genuine values with less. */
    private static final List<RequestSignals> SIGNALS = List.of(
            RequestSignals.NONE,
            new RequestSignals(true, false, AgeBand.UNSPECIFIED),
            new RequestSignals(false, true, AgeBand.UNDER_16),
            new RequestSignals(true, true, AgeBand.UNKNOWN));

    /**
     * Valid, current choices of every shape the codec writes: everything granted without a signal (so
     * GPC and DNT deny marketing), a refusal, a grant made while sending a signal, a parent's consent for
     * a child, and a child's grant without a parent (which allows nothing, C28).
     */
    private static final List<Consent> CONSENTS = List.of(
            consent(
                    1,
                    Set.of("functional", "analytics", "marketing"),
                    OPTIONAL_SERVICES,
                    false,
                    false,
                    AgeBand.UNSPECIFIED),
            consent(2, Set.of(), Set.of(), false, false, AgeBand.UNSPECIFIED),
            consent(3, Set.of("analytics"), Set.of("matomo"), true, false, AgeBand.AT_LEAST_16),
            consent(4, Set.of("functional"), Set.of("youtube", "vimeo"), false, true, AgeBand.UNDER_16),
            consent(
                    5,
                    Set.of("marketing"),
                    Set.of("meta-pixel", "linkedin-insight", "google-ads"),
                    true,
                    false,
                    AgeBand.UNKNOWN));

    /** Genuine choices that no longer count: one expired (C18), one for an earlier policy version (C17). */
    private static final List<Consent> LAPSED = List.of(
            new Consent(
                    new ConsentId(0x0123_4567_89ab_cdefL, 6),
                    POLICY.version(),
                    Set.of("analytics"),
                    Set.of("matomo"),
                    Instant.parse("2025-01-01T00:00:00Z"),
                    Instant.parse("2025-07-01T00:00:00Z"),
                    false,
                    AgeBand.UNSPECIFIED,
                    false),
            new Consent(
                    new ConsentId(0x0123_4567_89ab_cdefL, 7),
                    POLICY.version() - 1,
                    Set.of("marketing"),
                    Set.of("google-ads"),
                    NOW.minus(Duration.ofDays(3)),
                    NOW.plus(Duration.ofDays(179)),
                    false,
                    AgeBand.UNSPECIFIED,
                    false));

    /** Every cookie value this test produces by encoding, with the consent it carries. */
    private static final Map<String, Consent> GENUINE = genuineValues();

    /**
     * Any text as a cookie value: reading and deciding never throw, and unless the text is exactly a
     * value this test encoded, nothing beyond the required categories is allowed and the visitor stays
     * undecided, so the banner shows again (C1, C3). Values this test encoded grant what they carry,
     * unless expired (C18) or written for an earlier policy version (C17). Each input is read as ISO-8859-1, as servlet
     * containers decode header bytes, and as UTF-8, to reach characters beyond Latin-1.
     */
    @FuzzTest
    void garbageCookieNeverGrantsConsent(byte[] input) {
        checkCookieValue(new String(input, StandardCharsets.ISO_8859_1));
        checkCookieValue(new String(input, StandardCharsets.UTF_8));
    }

    /**
     * Flipping, inserting or deleting characters of a genuine cookie value, or bytes of what it
     * encodes, is always detected: the changed value is not genuine and grants nothing (C1, C3), while
     * an unchanged value still reads back as the consent it carries.
     *
     * <p>Input layout, so that seeds can be written by hand: byte 0 picks the signer, byte 1 the consent,
     * byte 2 bit 0 whether to mutate the base64 text (0) or the bytes it encodes (1); then up to eight
     * edits of three bytes each: kind (0 flip, 1 insert, 2 delete, modulo 3), position (below 128 from
     * the start, from 128 on counted from the end, 128 meaning the last), and the value to XOR or insert.
     */
    @FuzzTest
    void tamperedCookieIsRejected(byte[] input) {
        CookieConsentCodec signer = SIGNERS.get(unsigned(input, 0) % SIGNERS.size());
        Consent consent = CONSENTS.get(unsigned(input, 1) % CONSENTS.size());
        boolean binary = (unsigned(input, 2) & 1) != 0;
        String genuine = signer.encode(consent, POLICY);

        String tampered;
        if (binary) {
            byte[] bytes = Base64.getUrlDecoder().decode(genuine);
            tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(edit(bytes, input));
        } else {
            tampered =
                    new String(edit(genuine.getBytes(StandardCharsets.ISO_8859_1), input), StandardCharsets.ISO_8859_1);
        }

        DecodedCookie decoded = READER.decode(tampered, POLICY, NOW);
        if (tampered.equals(genuine)) {
            assertThat(decoded.status()).isEqualTo(DecodedCookie.Status.VALID);
            assertThat(decoded.consent()).isEqualTo(consent);
            return;
        }
        assertThat(decoded.status())
                .as("tampered value %s of genuine %s", tampered, genuine)
                .isNotEqualTo(DecodedCookie.Status.VALID);
        assertThat(decoded.isGenuine()).as("tampered value %s", tampered).isFalse();
        for (ConsentDecider decider : DECIDERS) {
            assertGrantsNothing(decider.decide(tampered, RequestSignals.NONE), tampered);
        }
    }

    private static void checkCookieValue(String value) {
        DecodedCookie decoded = READER.decode(value, POLICY, NOW);
        DecodedCookie verified = READER.verify(value, POLICY);
        ConsentDecision unsignalled = ConsentDecider.decide(POLICY, verified, RequestSignals.NONE, NOW);
        List<ConsentDecision> decisions = new ArrayList<>();
        for (RequestSignals signals : SIGNALS) {
            // The cached and uncached deciders agree with the pure function on every input.
            ConsentDecision pure = ConsentDecider.decide(POLICY, verified, signals, NOW);
            for (ConsentDecider decider : DECIDERS) {
                assertThat(decider.decide(value, signals))
                        .as("decision for cookie value '%s' under %s", value, signals)
                        .isEqualTo(pure);
            }
            // A signal is never read as consent (C19): it can only take away.
            assertThat(pure.allowedCategories()).isSubsetOf(unsignalled.allowedCategories());
            assertThat(pure.allowedServices()).isSubsetOf(unsignalled.allowedServices());
            decisions.add(pure);
        }
        Consent genuine = GENUINE.get(value);
        if (genuine == null && decoded.isGenuine()) {
            // Only a value one of the test's keys signed can be genuine. Such a value that this version
            // does not encode was encoded by an earlier version of the fixtures and kept in a fuzzing
            // corpus; re-signing what it carries must give it back byte for byte, which nothing forged,
            // tampered or non-canonical does.
            assertThat(SIGNERS.stream().map(signer -> signer.encode(decoded.consent(), POLICY)))
                    .as("cookie value '%s' read as %s", value, decoded)
                    .contains(value);
            return;
        }
        if (genuine == null) {
            assertThat(decoded.isGenuine())
                    .as("cookie value '%s' read as %s", value, decoded)
                    .isFalse();
            assertThat(decoded.validConsent()).isEmpty();
            for (ConsentDecision decision : decisions) {
                assertGrantsNothing(decision, value);
            }
            return;
        }
        boolean expired = genuine.isExpiredAt(NOW);
        assertThat(decoded.status()).isEqualTo(expired ? DecodedCookie.Status.EXPIRED : DecodedCookie.Status.VALID);
        assertThat(decoded.consent()).isEqualTo(genuine);
        ConsentDecision decision = unsignalled;
        if (expired || genuine.policyVersion() != POLICY.version()) {
            assertThat(decision.state()).isEqualTo(expired ? ConsentState.EXPIRED : ConsentState.OUTDATED);
            assertThat(decision.allowedCategories()).isEqualTo(POLICY.requiredCategoryIds());
            assertThat(decision.allowedServices()).isEqualTo(POLICY.requiredServiceIds());
            assertThat(decision.showBanner()).isTrue();
        } else {
            assertGrantsExactly(decision, genuine);
        }
    }

    private static void assertGrantsNothing(ConsentDecision decision, String value) {
        assertThat(decision.state()).as("state for cookie value '%s'", value).isEqualTo(ConsentState.UNDECIDED);
        assertThat(decision.allowedCategories())
                .as("categories for cookie value '%s'", value)
                .isEqualTo(POLICY.requiredCategoryIds());
        assertThat(decision.allowedServices())
                .as("services for cookie value '%s'", value)
                .isEqualTo(POLICY.requiredServiceIds());
        assertThat(decision.consent()).isNull();
        assertThat(decision.showBanner()).isTrue();
    }

    private static void assertGrantsExactly(ConsentDecision decision, Consent consent) {
        assertThat(decision.state()).isEqualTo(ConsentState.DECIDED);
        assertThat(decision.consent()).isEqualTo(consent);
        Set<String> categories = new HashSet<>(POLICY.requiredCategoryIds());
        Set<String> services = new HashSet<>(POLICY.requiredServiceIds());
        if (!consent.ageBand().needsParentalConsent() || consent.parentalConsent()) {
            categories.addAll(consent.grantedCategories());
            services.addAll(consent.grantedServices());
        }
        assertThat(decision.allowedCategories()).isEqualTo(categories);
        assertThat(decision.allowedServices()).isEqualTo(services);
    }

    /** Applies the edits described from byte 3 of {@code input} on; see {@link #tamperedCookieIsRejected}. */
    private static byte[] edit(byte[] original, byte[] input) {
        byte[] bytes = original;
        for (int at = 3, edits = 0; at + 2 < input.length && edits < 8; at += 3, edits++) {
            int kind = unsigned(input, at) % 3;
            int where = unsigned(input, at + 1);
            byte value = input[at + 2];
            if (kind == 1) {
                int position = position(where, bytes.length + 1);
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, position);
                longer[position] = value;
                System.arraycopy(bytes, position, longer, position + 1, bytes.length - position);
                bytes = longer;
            } else if (bytes.length > 0) {
                int position = position(where, bytes.length);
                if (kind == 0) {
                    bytes = bytes.clone();
                    bytes[position] ^= value;
                } else {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, position);
                    System.arraycopy(bytes, position + 1, shorter, position, bytes.length - position - 1);
                    bytes = shorter;
                }
            }
        }
        return bytes;
    }

    private static int position(int where, int length) {
        int position = where < 128 ? where : length - 1 - (where - 128);
        return Math.floorMod(position, length);
    }

    private static int unsigned(byte[] input, int index) {
        return index < input.length ? input[index] & 0xff : 0;
    }

    private static Map<String, Consent> genuineValues() {
        Map<String, Consent> values = new LinkedHashMap<>();
        for (CookieConsentCodec signer : SIGNERS) {
            for (Consent consent : CONSENTS) {
                values.put(signer.encode(consent, POLICY), consent);
            }
            for (Consent consent : LAPSED) {
                values.put(signer.encode(consent, POLICY), consent);
            }
        }
        return Map.copyOf(values);
    }

    private static SigningKey key(String id, int seed) {
        byte[] secret = new byte[SigningKey.MIN_SECRET_BYTES];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (seed * 31 + i * 7);
        }
        return SigningKey.of(id, secret);
    }

    private static Consent consent(
            int id,
            Set<String> categories,
            Set<String> services,
            boolean underSignal,
            boolean parental,
            AgeBand ageBand) {
        Instant issued = NOW.minus(Duration.ofDays(10L * id));
        return new Consent(
                new ConsentId(0x0123_4567_89ab_cdefL, id),
                POLICY.version(),
                categories,
                services,
                issued,
                issued.plus(Duration.ofDays(182)),
                parental,
                ageBand,
                underSignal);
    }

    /** A realistic policy: four categories, necessary required, and ten services. */
    private static ConsentPolicy policy() {
        ConsentPolicy.Builder b = ConsentPolicy.builder()
                .version(3)
                .links(PolicyLinks.of("/datenschutz", "/impressum"))
                .category(Category.builder("necessary").required(true).build())
                .category(Category.of("functional"))
                .category(Category.of("analytics"))
                .category(Category.of("marketing"))
                .service(Service.builder("session", "necessary")
                        .provider("Lernplattform GmbH")
                        .purpose("en", "Keeps you signed in")
                        .cookie(CookieDeclaration.builder("SESSION")
                                .description("en", "Session id for signing in")
                                .build())
                        .build());
        String[][] optional = {
            {"youtube", "functional", "Google Ireland Ltd."},
            {"vimeo", "functional", "Vimeo.com, Inc."},
            {"chat", "functional", "Lernplattform GmbH"},
            {"matomo", "analytics", "Lernplattform GmbH"},
            {"hotjar", "analytics", "Hotjar Ltd."},
            {"google-analytics", "analytics", "Google Ireland Ltd."},
            {"meta-pixel", "marketing", "Meta Platforms Ireland Ltd."},
            {"linkedin-insight", "marketing", "LinkedIn Ireland Unlimited Company"},
            {"google-ads", "marketing", "Google Ireland Ltd."}
        };
        for (String[] s : optional) {
            b.service(Service.builder(s[0], s[1])
                    .provider(s[2])
                    .purpose("en", "Purpose of " + s[0])
                    .build());
        }
        return b.build();
    }
}
