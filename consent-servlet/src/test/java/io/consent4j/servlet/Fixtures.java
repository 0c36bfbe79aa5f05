/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.decision.ConsentDecider;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;

/**
 * A learning site's policy, keys and a fixed clock, and genuine consent cookies made with the real
 * codec.
 */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final SigningKeys KEYS = SigningKeys.of(SigningKey.of("test1", secret()));
    static final CookieConsentCodec CODEC = new CookieConsentCodec(KEYS);

    /**
     * Categories necessary, functional, analytics and marketing (GPC and DNT object to marketing).
     * Cookies: XSRF-TOKEN and lang (necessary); yt_pref (functional); {@code _pk_id.*} and
     * {@code _pk_ses.*} of matomo and {@code _ga} and {@code _ga_*} of ga (analytics); nl_track on two
     * paths and two domains, and {@code __Secure-nl} of newsletter, and the third-party ad_id of adnet
     * (marketing).
     */
    static final ConsentPolicy POLICY = ConsentPolicy.builder()
            .version(1)
            .links(PolicyLinks.of("/privacy", "/imprint"))
            .category(Category.builder("necessary").required(true).build())
            .category(Category.of("functional"))
            .category(Category.of("analytics"))
            .category(Category.of("marketing"))
            .service(Service.builder("platform", "necessary")
                    .provider("Learning Platform GmbH")
                    .purpose("en", "Runs the learning platform")
                    .cookie(CookieDeclaration.builder("XSRF-TOKEN")
                            .description("en", "Protects forms against cross-site request forgery")
                            .build())
                    .cookie(CookieDeclaration.builder("lang")
                            .lifetime("P1Y")
                            .description("en", "Remembers the language the visitor chose")
                            .build())
                    .build())
            .service(Service.builder("video", "functional")
                    .provider("Video Host Inc.")
                    .purpose("en", "Embedded course videos")
                    .cookie(CookieDeclaration.of("yt_pref", "P6M"))
                    .build())
            .service(Service.builder("matomo", "analytics")
                    .provider("Learning Platform GmbH")
                    .purpose("en", "Reach measurement with truncated IP addresses")
                    .cookie(CookieDeclaration.of("_pk_id.*", "P13M"))
                    .cookie(CookieDeclaration.of("_pk_ses.*", "PT30M"))
                    .build())
            .service(Service.builder("ga", "analytics")
                    .provider("Google Ireland Ltd.")
                    .purpose("en", "Web analytics")
                    .cookie(CookieDeclaration.builder("_ga")
                            .lifetime("P2Y")
                            .domain(".learn.example")
                            .build())
                    .cookie(CookieDeclaration.of("_ga_*", "P2Y"))
                    .build())
            .service(Service.builder("newsletter", "marketing")
                    .provider("Mail Tool GmbH")
                    .purpose("en", "Measures newsletter success")
                    .cookie(CookieDeclaration.builder("nl_track")
                            .lifetime("P6M")
                            .domain(".example.org")
                            .domain("learn.example.org")
                            .path("/")
                            .path("/courses")
                            .build())
                    .cookie(CookieDeclaration.of("__Secure-nl", "P6M"))
                    .build())
            .service(Service.builder("adnet", "marketing")
                    .provider("Ad Network Ltd.")
                    .purpose("en", "Advertising")
                    .cookie(CookieDeclaration.builder("ad_id")
                            .lifetime("P1Y")
                            .thirdParty(true)
                            .build())
                    .build())
            .build();

    private Fixtures() {}

    /** A decider of {@link #POLICY} at {@link #NOW}, with its own cache. */
    static ConsentDecider decider() {
        return ConsentDecider.builder(POLICY, CODEC).clock(CLOCK).build();
    }

    /** A genuine consent granting {@code categories} and {@code services}, given without a signal. */
    static Consent consent(Set<String> categories, Set<String> services) {
        return consent(categories, services, false);
    }

    /** A genuine consent, issued a day ago, that lasts six months. */
    static Consent consent(Set<String> categories, Set<String> services, boolean grantedUnderSignal) {
        Instant issued = NOW.minus(Duration.ofDays(1));
        return new Consent(
                ConsentId.random(new Random(42)),
                POLICY.version(),
                categories,
                services,
                issued,
                issued.plus(Duration.ofDays(182)),
                false,
                AgeBand.UNSPECIFIED,
                grantedUnderSignal);
    }

    /** The signed cookie value of {@code consent}. */
    static String cookieValue(Consent consent) {
        return CODEC.encode(consent, POLICY);
    }

    /** The signed cookie value of a consent granting {@code categories} and {@code services}. */
    static String cookieValue(Set<String> categories, Set<String> services) {
        return cookieValue(consent(categories, services));
    }

    /** The signed cookie value of a refusal: the visitor decided and granted nothing. */
    static String refusal() {
        return cookieValue(Set.of(), Set.of());
    }

    static byte[] secret() {
        byte[] secret = new byte[SigningKey.MIN_SECRET_BYTES];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (i * 7 + 3);
        }
        return secret;
    }
}
