/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.decision.ConsentDecider;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.PolicyLinks;
import io.consent4j.core.policy.Service;
import io.consent4j.core.token.Consent;
import io.consent4j.servlet.CookieCatalog.Owner;
import io.consent4j.servlet.CookieCatalog.Owners;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CookieCatalogTest {

    private final CookieCatalog catalog = new CookieCatalog(Fixtures.POLICY, CookieCatalog.DEFAULT_CACHE_SIZE);

    @Test
    void findsTheServiceOfAnExactName() {
        assertThat(serviceIds(catalog.lookup("_ga"))).containsExactly("ga");
        assertThat(serviceIds(catalog.lookup("XSRF-TOKEN"))).containsExactly("platform");
    }

    @Test
    void findsTheServiceOfANameMatchingAPattern() {
        assertThat(serviceIds(catalog.lookup("_pk_id.7.a1b2"))).containsExactly("matomo");
        assertThat(serviceIds(catalog.lookup("_ga_ABC123"))).containsExactly("ga");
    }

    @Test
    void namesAreCaseSensitiveAsBrowsersTreatThem() {
        assertThat(catalog.lookup("_GA").declared()).isFalse();
        assertThat(catalog.lookup("xsrf-token").declared()).isFalse();
    }

    @Test
    void aNameNoServiceDeclaresIsUndeclared() {
        assertThat(catalog.lookup("mystery")).isSameAs(Owners.UNDECLARED);
        assertThat(catalog.lookup("_pk_id").declared()).isFalse();
        assertThat(catalog.lookup("").declared()).isFalse();
    }

    @Test
    void anExactDeclarationWinsOverPatternsOfOtherServices() {
        CookieCatalog overlapping = new CookieCatalog(overlappingPolicy(), 100);

        assertThat(serviceIds(overlapping.lookup("session_csrf"))).containsExactly("login");
    }

    @Test
    void everyMatchingPatternOwnsTheNameSoPolicyOrderNeverDecides_C15() {
        ConsentPolicy policy = overlappingPolicy();
        Owners owners = new CookieCatalog(policy, 100).lookup("_gac_campaign");
        ConsentDecision analyticsOnly = decide(policy, Set.of("analytics"), Set.of("stats"));
        ConsentDecision both = decide(policy, Set.of("analytics", "marketing"), Set.of("stats", "ads"));

        assertThat(serviceIds(owners)).containsExactly("stats", "ads");
        assertThat(owners.allowedBy(analyticsOnly)).isFalse();
        assertThat(owners.allowedBy(both)).isTrue();
    }

    @Test
    void aServiceCookieFollowsItsServiceGrant_C8() {
        Owners ga = catalog.lookup("_ga");

        assertThat(ga.allowedBy(decide(Set.of("analytics"), Set.of("ga")))).isTrue();
        assertThat(ga.allowedBy(decide(Set.of("analytics"), Set.of("matomo"))))
                .as("a category grant does not cover a service left off")
                .isFalse();
        assertThat(ga.allowedBy(decide(Set.of(), Set.of("ga"))))
                .as("one service granted from an embed placeholder")
                .isTrue();
        assertThat(ga.allowedBy(decide(Set.of(), Set.of()))).isFalse();
    }

    @Test
    void cookiesOfRequiredCategoriesAreAlwaysAllowed_C2() {
        assertThat(catalog.lookup("XSRF-TOKEN").allowedBy(decide(Set.of(), Set.of())))
                .isTrue();
        assertThat(catalog.lookup("XSRF-TOKEN").allowedBy(Fixtures.decider().decide(null, RequestSignals.NONE)))
                .isTrue();
    }

    @Test
    void theCacheOfPatternLookupsStaysWithinItsBound() {
        CookieCatalog small = new CookieCatalog(Fixtures.POLICY, 50);

        for (int i = 0; i < 5_000; i++) {
            small.lookup("visitor_sent_" + i);
            small.lookup("_pk_ses." + i);
        }

        assertThat(small.cachedNames()).isLessThanOrEqualTo(50);
        assertThat(serviceIds(small.lookup("_pk_ses.4999"))).containsExactly("matomo");
    }

    @Test
    void hugeNamesAreMatchedWithoutBeingCached() {
        CookieCatalog small = new CookieCatalog(Fixtures.POLICY, 50);
        String huge = "_pk_id." + "x".repeat(CookieCatalog.MAX_CACHED_NAME_LENGTH);

        assertThat(serviceIds(small.lookup(huge))).containsExactly("matomo");
        assertThat(small.cachedNames()).isZero();
    }

    private static ConsentDecision decide(Set<String> categories, Set<String> services) {
        return Fixtures.decider().decide(Fixtures.cookieValue(categories, services), RequestSignals.NONE);
    }

    private static ConsentDecision decide(ConsentPolicy policy, Set<String> categories, Set<String> services) {
        Consent consent = Fixtures.consent(categories, services);
        return ConsentDecider.decide(
                policy,
                Fixtures.CODEC.verify(Fixtures.CODEC.encode(consent, policy), policy),
                RequestSignals.NONE,
                Fixtures.NOW);
    }

    private static List<String> serviceIds(Owners owners) {
        return owners.owners().stream().map(Owner::service).map(Service::id).toList();
    }

    /** Analytics {@code _ga*}, marketing {@code _gac_*}, and a necessary exact name inside a pattern. */
    private static ConsentPolicy overlappingPolicy() {
        return ConsentPolicy.builder()
                .links(PolicyLinks.of("/privacy", "/imprint"))
                .category(Category.builder("necessary").required(true).build())
                .category(Category.of("analytics"))
                .category(Category.of("marketing"))
                .service(Service.builder("login", "necessary")
                        .provider("Site")
                        .purpose("en", "Sign-in")
                        .cookie(CookieDeclaration.builder("session_csrf")
                                .description("en", "Protects the sign-in form")
                                .build())
                        .build())
                .service(Service.builder("stats", "analytics")
                        .provider("Stats Ltd.")
                        .purpose("en", "Statistics")
                        .cookie(CookieDeclaration.of("_ga*", "P1Y"))
                        .cookie(CookieDeclaration.of("session_*", "P1D"))
                        .build())
                .service(Service.builder("ads", "marketing")
                        .provider("Ads Ltd.")
                        .purpose("en", "Advertising")
                        .cookie(CookieDeclaration.of("_gac_*", "P90D"))
                        .build())
                .build();
    }
}
