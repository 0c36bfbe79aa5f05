/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.consent4j.examples.learningsite.VisitorWayIT.COURSE;
import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Under each preset, with and without JavaScript, in German and English: a visitor who chose on the site
 * meets the same site again after an editorial change (not asked again), after a material change (asked
 * again, C17), before the six months are over (not asked, C16) and after them (asked again, the expiry
 * recorded, C18). The changed sites share the first one's keys, and so its visitors' cookies.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("presets")
class PolicyChangeIT {

    @Parameter
    String preset;

    static List<String> presets() {
        return PresetSites.presets();
    }

    @Test
    void anEditorialChangeKeepsTheChoiceAMaterialOneAsksAgainAndExpiryIsRecorded_C16_C17_C18() {
        PresetSites.Site site = PresetSites.of(preset);
        try (PresetSites.Site editorial = PresetSites.start(preset, PolicyChangeIT::editorial);
                PresetSites.Site material = PresetSites.start(preset, PolicyChangeIT::material)) {
            List<Visit> visits = new ArrayList<>();
            try {
                for (Way way : Way.all()) {
                    Visit v = new Visit(site, way);
                    visits.add(v);
                    v.open(COURSE);
                    v.firstLayer(BannerText.ACCEPT_ALL);

                    Visit onEditorial = v.on(editorial);
                    onEditorial.open(COURSE);
                    assertThat(onEditorial.bar()).not().isVisible();

                    Visit onMaterial = v.on(material);
                    onMaterial.open(COURSE);
                    assertThat(onMaterial.bar()).isVisible();
                    assertThat(onMaterial.state().path("state").asString()).isEqualTo("outdated");
                    assertThat(onMaterial.ran()).isEmpty();
                }

                editorial.clock().advance(Duration.ofDays(150));
                for (Visit v : visits) {
                    Visit later = v.on(editorial);
                    later.open(COURSE);
                    assertThat(later.bar()).not().isVisible();
                }

                editorial.clock().advance(Duration.ofDays(40));
                for (Visit v : visits) {
                    Visit expired = v.on(editorial);
                    String id = v.state().path("consentId").asString();
                    expired.open(COURSE);
                    assertThat(expired.bar()).isVisible();
                    assertThat(expired.ran()).isEmpty();
                    assertThat(editorial.history(id))
                            .extracting(r -> r.content().event())
                            .containsExactly(ConsentEvent.EXPIRED);
                }
            } finally {
                visits.forEach(Visit::close);
            }
        }
    }

    /** A reworded description: the same version, so nobody is asked again. */
    static ConsentPolicy editorial(ConsentPolicy policy) {
        ConsentPolicy.Builder changed = policy.toBuilder();
        changed.text(
                "de",
                BannerText.DESCRIPTION,
                policy.texts("de").get(BannerText.DESCRIPTION) + " Stand: Dezember 2026.");
        changed.text(
                "en", BannerText.DESCRIPTION, policy.texts("en").get(BannerText.DESCRIPTION) + " As of December 2026.");
        return changed.build();
    }

    /** A new service with a new purpose: a new version, so every visitor is asked again. */
    static ConsentPolicy material(ConsentPolicy policy) {
        return policy.toBuilder()
                .version(policy.version() + 1)
                .service(Service.builder("study-reminders", SiteEmbeds.FUNCTIONAL)
                        .name("Lernerinnerungen")
                        .name("en", "Study reminders")
                        .provider("Lernwelt (eigener Server)")
                        .provider("en", "Lernwelt (own server)")
                        .purpose("de", "Erinnert an begonnene Kurse.")
                        .purpose("en", "Reminds you of courses you started.")
                        .build())
                .build();
    }
}
