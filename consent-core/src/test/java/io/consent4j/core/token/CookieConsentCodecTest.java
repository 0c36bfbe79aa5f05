/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.token;

import static io.consent4j.core.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.Fixtures;
import io.consent4j.core.policy.ConsentPolicy;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CookieConsentCodecTest {

    private static final Set<String> ALL_OPTIONAL = Set.of("functional", "analytics", "marketing");
    private static final Set<String> ALL_SERVICES = Set.of(
            "session",
            "payment",
            "video",
            "chat",
            "fonts",
            "matomo",
            "google-analytics",
            "hotjar",
            "newsletter",
            "meta-pixel");

    private final ConsentPolicy policy = Fixtures.policy();
    private final CookieConsentCodec codec = Fixtures.codec();

    @Test
    void roundTripsEveryField() {
        Consent consent = new Consent(
                ConsentId.random(new Random(7)),
                policy.version(),
                Set.of("analytics", "marketing"),
                Set.of("matomo", "newsletter"),
                NOW,
                NOW.plus(180, ChronoUnit.DAYS),
                true,
                AgeBand.UNDER_16,
                true);

        DecodedCookie decoded = codec.decode(codec.encode(consent, policy), policy, NOW.plusSeconds(5));

        assertThat(decoded.status()).isEqualTo(DecodedCookie.Status.VALID);
        assertThat(decoded.validConsent()).contains(consent);
    }

    @Test
    void valueStaysUnder200BytesForFourCategoriesAndTenServices() {
        Consent everything = Fixtures.consent(policy, ALL_OPTIONAL, ALL_SERVICES);

        String value = codec.encode(everything, policy);

        assertThat(policy.categories()).hasSize(4);
        assertThat(policy.services()).hasSize(10);
        assertThat(value.getBytes(StandardCharsets.US_ASCII)).hasSizeLessThan(200);
        assertThat(value).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void requiredCategoriesAreImpliedNotWritten() {
        Consent consent = Fixtures.consent(policy, Set.of("necessary", "analytics"), Set.of());

        Consent decoded = codec.decode(codec.encode(consent, policy), policy, NOW)
                .validConsent()
                .orElseThrow();

        assertThat(decoded.grantedCategories()).containsExactly("analytics");
    }

    @Test
    void everySingleChangedCharacterIsRejected() {
        String value = codec.encode(Fixtures.consent(policy, ALL_OPTIONAL, ALL_SERVICES), policy);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        for (int i = 0; i < value.length(); i++) {
            char replacement = alphabet.charAt((alphabet.indexOf(value.charAt(i)) + 17) % alphabet.length());
            String tampered = value.substring(0, i) + replacement + value.substring(i + 1);
            DecodedCookie decoded = codec.decode(tampered, policy, NOW);
            assertThat(decoded.validConsent()).as("position %d", i).isEmpty();
            assertThat(decoded.isGenuine()).as("position %d", i).isFalse();
        }
    }

    @Test
    void truncatedOrExtendedValueIsRejected() {
        String value = codec.encode(Fixtures.consent(policy, ALL_OPTIONAL, ALL_SERVICES), policy);

        for (int length = 0; length < value.length(); length++) {
            assertThat(codec.decode(value.substring(0, length), policy, NOW).validConsent())
                    .isEmpty();
        }
        assertThat(codec.decode(value + "A", policy, NOW).validConsent()).isEmpty();
        assertThat(codec.decode(value + "AAAA", policy, NOW).validConsent()).isEmpty();
    }

    @Test
    void cookieSignedWithUnknownKeyIdIsRejected() {
        CookieConsentCodec other = new CookieConsentCodec(SigningKeys.of(Fixtures.key("k9", 1)));
        String value = other.encode(Fixtures.consent(policy, ALL_OPTIONAL, Set.of()), policy);

        assertThat(codec.decode(value, policy, NOW).status()).isEqualTo(DecodedCookie.Status.UNKNOWN_KEY);
    }

    @Test
    void cookieForgedWithAnotherSecretUnderAKnownKeyIdIsRejected() {
        CookieConsentCodec forger = new CookieConsentCodec(SigningKeys.of(Fixtures.key("k1", 2)));
        String value = forger.encode(Fixtures.consent(policy, ALL_OPTIONAL, Set.of()), policy);

        assertThat(codec.decode(value, policy, NOW).status()).isEqualTo(DecodedCookie.Status.BAD_SIGNATURE);
    }

    @Test
    void rotatedKeysStillVerifyOldCookiesAndSignNewOnesWithTheCurrentKey() {
        String old = codec.encode(Fixtures.consent(policy, Set.of("analytics"), Set.of()), policy);
        CookieConsentCodec rotated =
                new CookieConsentCodec(SigningKeys.of(Fixtures.key("k2", 2), Fixtures.key("k1", 1)));

        String fresh = rotated.encode(Fixtures.consent(policy, Set.of("analytics"), Set.of()), policy);

        assertThat(rotated.decode(old, policy, NOW).status()).isEqualTo(DecodedCookie.Status.VALID);
        assertThat(rotated.decode(fresh, policy, NOW).status()).isEqualTo(DecodedCookie.Status.VALID);
        assertThat(codec.decode(fresh, policy, NOW).status()).isEqualTo(DecodedCookie.Status.UNKNOWN_KEY);
    }

    @Test
    void expiredCookieIsNoConsentButStaysGenuine_C18() {
        Consent consent = Fixtures.consent(policy, ALL_OPTIONAL, Set.of());
        String value = codec.encode(consent, policy);

        DecodedCookie decoded = codec.decode(value, policy, consent.expiresAt());

        assertThat(decoded.status()).isEqualTo(DecodedCookie.Status.EXPIRED);
        assertThat(decoded.validConsent()).isEmpty();
        assertThat(decoded.consent()).isEqualTo(consent);
    }

    @Test
    void cookieIssuedFarInTheFutureIsNotYetValid() {
        String value = codec.encode(Fixtures.consent(policy, ALL_OPTIONAL, Set.of()), policy);

        assertThat(codec.decode(value, policy, NOW.minusSeconds(CookieConsentCodec.CLOCK_SKEW_SECONDS + 1))
                        .status())
                .isEqualTo(DecodedCookie.Status.NOT_YET_VALID);
        assertThat(codec.decode(value, policy, NOW.minusSeconds(60)).status()).isEqualTo(DecodedCookie.Status.VALID);
    }

    @Test
    void oversizedValueIsMalformedWithoutFurtherWork() {
        String value = "A".repeat(CookieConsentCodec.MAX_VALUE_LENGTH + 1);

        assertThat(codec.decode(value, policy, NOW).status()).isEqualTo(DecodedCookie.Status.MALFORMED);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingValueIsAbsent(String value) {
        assertThat(codec.decode(value, policy, NOW).status()).isEqualTo(DecodedCookie.Status.ABSENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "AQ", "AQJrMQ", "not a cookie", "AQJrMQ==", "\u0000\u0001", "ÄÖÜ", "a.b.c", "="})
    void garbageIsMalformedNeverAGrant(String value) {
        DecodedCookie decoded = codec.decode(value, policy, NOW);

        assertThat(decoded.validConsent()).isEmpty();
        assertThat(decoded.isGenuine()).isFalse();
    }

    @Test
    void randomBytesNeverDecodeToAConsent() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            if (bytes.length > 1) {
                bytes[0] = 1;
                bytes[1] = 2;
            }
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            assertThat(codec.decode(value, policy, NOW).validConsent()).isEmpty();
        }
    }

    @Test
    void grantsOfRemovedServicesAreDroppedAndTheRestKept() {
        String value = codec.encode(Fixtures.consent(policy, Set.of("analytics"), Set.of("matomo", "hotjar")), policy);
        ConsentPolicy withoutHotjar = policy.toBuilder().removeService("hotjar").build();

        Consent decoded = codec.decode(value, withoutHotjar, NOW).validConsent().orElseThrow();

        assertThat(decoded.grantedServices()).containsExactly("matomo");
        assertThat(decoded.grantedCategories()).containsExactly("analytics");
    }

    @Test
    void encodingAGrantThePolicyDoesNotHaveFailsNamingIt() {
        Consent consent = Fixtures.consent(policy, Set.of(), Set.of("youtube"));

        assertThatThrownBy(() -> codec.encode(consent, policy))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'youtube'");
    }

    @Test
    void signingKeysRejectShortSecretsAndExplainHowToMakeOne() {
        assertThatThrownBy(() -> SigningKey.of("k1", new byte[16]))
                .hasMessageContaining("at least 32")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> SigningKey.fromBase64("k1", "not base64!")).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> SigningKey.of("key id with spaces", new byte[32]))
                .hasMessageContaining("'key id with spaces'");
        assertThatThrownBy(() -> SigningKeys.of(Fixtures.key("k1", 1), Fixtures.key("k1", 2)))
                .hasMessageContaining("'k1'");
    }

    @Test
    void signingKeyNeverPrintsItsSecret() {
        SigningKey key = SigningKey.fromBase64("k1", Base64.getEncoder().encodeToString(new byte[32]));

        assertThat(key.toString()).isEqualTo("SigningKey[id=k1, secret=(hidden)]");
    }

    @Test
    void consentIdRoundTripsThroughItsTextForm() {
        ConsentId id = ConsentId.random();

        assertThat(ConsentId.parse(id.toString())).isEqualTo(id);
        assertThat(id.toString()).hasSize(22);
        assertThatThrownBy(() -> ConsentId.parse("short")).hasMessageContaining("22 base64url characters");
    }
}
