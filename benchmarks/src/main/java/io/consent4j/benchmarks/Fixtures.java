/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.PolicyLinks;
import io.consent4j.core.policy.Service;
import io.consent4j.core.token.AgeBand;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.ConsentId;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.SigningKey;
import io.consent4j.core.token.SigningKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.Set;

/** The policy, keys and choices the benchmarks share: what a typical learning site runs. */
final class Fixtures {

    /** The optional categories of {@link #policy()}. */
    static final Set<String> OPTIONAL_CATEGORIES = Set.of("functional", "analytics", "marketing");

    /** The services of {@link #policy()} outside the required category. */
    static final Set<String> OPTIONAL_SERVICES = Set.of(
            "youtube",
            "vimeo",
            "chat",
            "matomo",
            "hotjar",
            "google-analytics",
            "meta-pixel",
            "linkedin-insight",
            "google-ads");

    private Fixtures() {}

    /** Four categories (necessary required, functional, analytics, marketing) and ten services. */
    static ConsentPolicy policy() {
        ConsentPolicy.Builder b = ConsentPolicy.builder()
                .version(3)
                .defaultLocale("de")
                .links(PolicyLinks.of("/datenschutz", "/impressum"))
                .category(Category.builder("necessary").required(true).build())
                .category(Category.of("functional"))
                .category(Category.of("analytics"))
                .category(Category.of("marketing"))
                .service(Service.builder("session", "necessary")
                        .provider("Lernplattform GmbH")
                        .purpose("de", "Hält Sie angemeldet")
                        .cookie(CookieDeclaration.builder("SESSION")
                                .description("de", "Sitzungskennung")
                                .build())
                        .build());
        String[][] optional = {
            {"youtube", "functional", "Google Ireland Ltd.", "www.youtube-nocookie.com"},
            {"vimeo", "functional", "Vimeo.com, Inc.", "player.vimeo.com"},
            {"chat", "functional", "Lernplattform GmbH", "chat.lernplattform.example"},
            {"matomo", "analytics", "Lernplattform GmbH", "stats.lernplattform.example"},
            {"hotjar", "analytics", "Hotjar Ltd.", "*.hotjar.com"},
            {"google-analytics", "analytics", "Google Ireland Ltd.", "www.google-analytics.com"},
            {"meta-pixel", "marketing", "Meta Platforms Ireland Ltd.", "connect.facebook.net"},
            {"linkedin-insight", "marketing", "LinkedIn Ireland Unlimited Company", "px.ads.linkedin.com"},
            {"google-ads", "marketing", "Google Ireland Ltd.", "www.googleadservices.com"}
        };
        for (String[] s : optional) {
            b.service(Service.builder(s[0], s[1])
                    .provider(s[2])
                    .purpose("de", "Zweck von " + s[0])
                    .host(s[3])
                    .cookie(CookieDeclaration.builder("_" + s[0].replace('-', '_') + "_*")
                            .lifetime("P13M")
                            .build())
                    .build());
        }
        return b.build();
    }

    /** A codec signing with a fixed key, so that runs are comparable. */
    static CookieConsentCodec codec() {
        byte[] secret = new byte[SigningKey.MIN_SECRET_BYTES];
        new Random(42).nextBytes(secret);
        return new CookieConsentCodec(SigningKeys.of(SigningKey.of("2026-01", secret)));
    }

    /**
     * A returning visitor's choice, made a day ago and valid for six months: {@code granted} says
     * whether everything optional was accepted (the largest cookie) or everything rejected.
     */
    static Consent consent(long id, boolean granted) {
        Instant issued = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        return new Consent(
                new ConsentId(0x5EED_0000_0000_0000L, id),
                3,
                granted ? OPTIONAL_CATEGORIES : Set.of(),
                granted ? OPTIONAL_SERVICES : Set.of(),
                issued,
                issued.plus(Duration.ofDays(182)),
                false,
                AgeBand.UNSPECIFIED,
                false);
    }

    /** A returning visitor's consent that grants analytics (its three services) and nothing else optional. */
    static Consent analyticsOnly() {
        Consent granted = consent(1, false);
        return new Consent(
                granted.id(),
                granted.policyVersion(),
                Set.of("analytics"),
                Set.of("matomo", "google-analytics", "hotjar"),
                granted.issuedAt(),
                granted.expiresAt(),
                false,
                AgeBand.UNSPECIFIED,
                false);
    }
}
