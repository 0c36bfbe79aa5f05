/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.Fixtures;
import org.junit.jupiter.api.Test;

class PolicyChangeTest {

    private final ConsentPolicy policy = Fixtures.policy();

    private static Service.Builder service(String id, String category) {
        return Service.builder(id, category).provider("Provider").purpose("de", "Zweck");
    }

    @Test
    void identicalPoliciesHaveNoChange() {
        assertThat(PolicyChange.between(policy, Fixtures.policy()).isEmpty()).isTrue();
    }

    @Test
    void addedCategoryIsMaterial_C17() {
        ConsentPolicy changed = policy.toBuilder()
                .category(Category.builder("personalization")
                        .label("de", "Personalisierung")
                        .build())
                .build();

        PolicyChange change = PolicyChange.between(policy, changed);

        assertThat(change.isMaterial()).isTrue();
        assertThat(change.material()).containsExactly("category 'personalization' added");
    }

    @Test
    void addedServiceIsMaterial_C17() {
        ConsentPolicy changed = policy.toBuilder()
                .service(service("youtube", "functional").build())
                .build();

        assertThat(PolicyChange.between(policy, changed).material()).containsExactly("service 'youtube' added");
    }

    @Test
    void addedCookieIsMaterial_C17() {
        Service matomo = policy.service("matomo").orElseThrow();
        Service withCookie = Service.builder("matomo", "analytics")
                .name(matomo.name())
                .provider(matomo.provider())
                .purpose("de", matomo.purpose().values().get("de"))
                .purpose("en", matomo.purpose().values().get("en"))
                .cookie(matomo.cookies().get(0))
                .cookie(matomo.cookies().get(1))
                .cookie(CookieDeclaration.of("_pk_ref.*", "P6M"))
                .build();

        PolicyChange change = PolicyChange.between(
                policy, policy.toBuilder().replaceService(withCookie).build());

        assertThat(change.material()).containsExactly("service 'matomo': cookie '_pk_ref.*' added");
    }

    @Test
    void changedPurposeTextIsMaterial_C17() {
        Service video = policy.service("video").orElseThrow();
        Service newPurpose = new Service(
                video.id(),
                video.category(),
                video.name(),
                video.provider(),
                LocalizedText.ofGermanEnglish("Kursvideos und Werbung.", "Course videos and ads."),
                video.privacyPolicyUrl(),
                video.hosts(),
                video.cookies(),
                video.localizedName(),
                video.localizedProvider());

        PolicyChange change = PolicyChange.between(
                policy, policy.toBuilder().replaceService(newPurpose).build());

        assertThat(change.material()).containsExactly("service 'video': purpose changed");
    }

    @Test
    void changedCategoryDescriptionIsMaterial_C17() {
        ConsentPolicy changed = policy.toBuilder()
                .replaceCategory(Category.builder("analytics")
                        .description("de", "Jetzt auch für Werbung.")
                        .build())
                .build();

        assertThat(PolicyChange.between(policy, changed).material())
                .containsExactly("category 'analytics': purpose (description) changed");
    }

    @Test
    void addedHostAndLongerCookieLifetimeAreMaterial() {
        Service ga = policy.service("google-analytics").orElseThrow();
        Service changed = new Service(
                ga.id(),
                ga.category(),
                ga.name(),
                ga.provider(),
                ga.purpose(),
                ga.privacyPolicyUrl(),
                java.util.List.of(
                        "www.googletagmanager.com", "www.google-analytics.com", "region1.google-analytics.com"),
                java.util.List.of(
                        CookieDeclaration.of("_ga", "P3Y"), ga.cookies().get(1)),
                ga.localizedName(),
                ga.localizedProvider());

        PolicyChange change = PolicyChange.between(
                policy, policy.toBuilder().replaceService(changed).build());

        assertThat(change.material())
                .containsExactly(
                        "service 'google-analytics': host 'region1.google-analytics.com' added",
                        "service 'google-analytics': cookie '_ga': lifetime extended from P2Y to P3Y");
    }

    @Test
    void labelsTextsLinksAndRemovalsAreEditorial_C17() {
        ConsentPolicy edited = policy.toBuilder()
                .replaceCategory(
                        Category.builder("analytics").label("de", "Analyse").build())
                .text("de", BannerText.ACCEPT_ALL, "Alle erlauben")
                .links(PolicyLinks.of("/privacy", "/imprint"))
                .removeService("hotjar")
                .build();

        PolicyChange change = PolicyChange.between(policy, edited);

        assertThat(change.isMaterial()).as("%s", change.material()).isFalse();
        assertThat(change.editorial())
                .contains(
                        "category 'analytics': label changed",
                        "service 'hotjar' removed",
                        "links changed",
                        "banner texts or default language changed");
    }

    @Test
    void eachChangeIsAnItemWithItsKindSubjectAndValuesSoAPageCanSayItInItsLanguage_C17() {
        Service ga = policy.service("google-analytics").orElseThrow();
        Service moved = new Service(
                ga.id(),
                "marketing",
                ga.name(),
                ga.provider(),
                ga.purpose(),
                ga.privacyPolicyUrl(),
                ga.hosts(),
                java.util.List.of(
                        CookieDeclaration.of("_ga", "P3Y"), ga.cookies().get(1)),
                ga.localizedName(),
                ga.localizedProvider());
        ConsentPolicy changed = policy.toBuilder()
                .replaceService(moved)
                .links(PolicyLinks.of("/privacy", "/imprint"))
                .build();

        PolicyChange change = PolicyChange.between(policy, changed);

        assertThat(change.items())
                .containsExactly(
                        new PolicyChange.Item(
                                PolicyChange.Kind.SERVICE_MOVED, "google-analytics", null, "analytics", "marketing"),
                        new PolicyChange.Item(
                                PolicyChange.Kind.COOKIE_LIFETIME_EXTENDED, "google-analytics", "_ga", "P2Y", "P3Y"),
                        new PolicyChange.Item(PolicyChange.Kind.LINKS_CHANGED, null, null, null, null));
        assertThat(change.items()).extracting(PolicyChange.Item::material).containsExactly(true, true, false);
        assertThat(change.material())
                .containsExactly(
                        "service 'google-analytics' moved from category 'analytics' to 'marketing'",
                        "service 'google-analytics': cookie '_ga': lifetime extended from P2Y to P3Y");
        assertThat(change.editorial()).containsExactly("links changed");
    }

    @Test
    void anItemWithoutTheNamesItsKindNeedsIsRejected() {
        assertThatThrownBy(() -> new PolicyChange.Item(PolicyChange.Kind.COOKIE_ADDED, "ga", null, null, null))
                .hasMessageContaining("cookie missing");
        assertThatThrownBy(() -> new PolicyChange.Item(PolicyChange.Kind.SERVICE_ADDED, null, null, null, null))
                .hasMessageContaining("subject missing");
    }

    @Test
    void materialChangeWithoutNewVersionFailsAndSaysWhichVersionToUse_C17() {
        ConsentPolicy changed = policy.toBuilder()
                .service(service("youtube", "functional").build())
                .build();

        assertThatThrownBy(() -> PolicyChange.requireVersioning(policy, changed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("service 'youtube' added")
                .hasMessageContaining("\"version\": 3");
    }

    @Test
    void materialChangeWithRaisedVersionIsAccepted_C17() {
        ConsentPolicy changed = policy.toBuilder()
                .version(3)
                .service(service("youtube", "functional").build())
                .build();

        assertThat(PolicyChange.requireVersioning(policy, changed).isMaterial()).isTrue();
    }

    @Test
    void editorialChangeNeedsNoNewVersion_C17() {
        ConsentPolicy edited =
                policy.toBuilder().text("en", BannerText.TITLE, "Privacy").build();

        assertThat(PolicyChange.requireVersioning(policy, edited).isMaterial()).isFalse();
    }

    @Test
    void loweredVersionIsRejected() {
        assertThatThrownBy(() -> PolicyChange.requireVersioning(
                        policy, policy.toBuilder().version(1).build()))
                .hasMessageContaining("went down from 2 to 1");
    }
}
