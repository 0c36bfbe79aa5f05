/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.Service;
import io.consent4j.examples.presets.Presets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

class SiteEmbedsTest {

    static List<String> presets() {
        return Presets.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void everyGatingIdIsOneThePolicyDeclaresInTheRightCategory(String preset) {
        ConsentPolicy policy = SitePolicy.of(Presets.load(preset));
        SiteEmbeds embeds = SiteEmbeds.of(policy);

        assertThat(policy.service(embeds.videoService()).orElseThrow().category())
                .isEqualTo("functional");
        assertThat(policy.service(embeds.analyticsService()).orElseThrow().category())
                .isEqualTo(embeds.analyticsCategory());
        if (embeds.marketingCategory() != null) {
            assertThat(policy.category(embeds.marketingCategory())).isPresent();
            assertThat(policy.service(embeds.marketingService()).orElseThrow().category())
                    .isEqualTo(embeds.marketingCategory());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void theSitesOwnPlayerTakesThePlaceOfThePresetsVideoHost_C7(String preset) {
        ConsentPolicy policy = SitePolicy.of(Presets.load(preset));

        assertThat(policy.service("video"))
                .as("the preset's assumed video host")
                .isEmpty();
        assertThat(SiteEmbeds.of(policy).videoService()).isEqualTo(SiteEmbeds.COURSE_VIDEO);
        Service video = policy.service(SiteEmbeds.COURSE_VIDEO).orElseThrow();
        assertThat(video.provider("de")).isEqualTo("Lernwelt (eigener Server)");
        assertThat(video.provider("en")).isEqualTo("Lernwelt (own server)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void everyCookieTheSiteSetsIsDeclaredInTheFunctionalCategory_C7_C15(String preset) {
        ConsentPolicy policy = SitePolicy.of(Presets.load(preset));

        for (String cookie : List.of("video_position", SitePolicy.LAST_COURSE)) {
            assertThat(policy.servicesOf(SiteEmbeds.FUNCTIONAL))
                    .as("functional service declaring %s", cookie)
                    .anySatisfy(s -> assertThat(s.cookieFor(cookie)).isNotNull());
        }
        assertThat(policy.services().stream()
                        .filter(s -> s.cookieFor(SitePolicy.LAST_COURSE) != null)
                        .count())
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void linksAndEveryTextAreInGermanAndEnglish_C10_C11(String preset) {
        ConsentPolicy policy = SitePolicy.of(Presets.load(preset));

        assertThat(policy.warnings()).isEmpty();
        assertThat(policy.links().privacyPolicy("de")).isEqualTo("/datenschutz");
        assertThat(policy.links().privacyPolicy("en")).isEqualTo("/datenschutz?lang=en");
        assertThat(policy.links().imprint("en")).isEqualTo("/impressum?lang=en");
    }

    @Test
    void marketingIsTheSaleOrShareCategoryWhereThePresetNamesItDifferently() {
        assertThat(SiteEmbeds.of(SitePolicy.of(Presets.load("asmeronexa"))).marketingCategory())
                .isEqualTo("newsletter");
        assertThat(SiteEmbeds.of(SitePolicy.of(Presets.load("fluxariont"))).marketingCategory())
                .isNull();
    }

    @Test
    void aConfiguredAuditorTokenHashWinsOverTheDemoToken() {
        MockEnvironment configured =
                new MockEnvironment().withProperty("consent4j.audit.token-hashes", "ab".repeat(32));
        new DemoAuditorToken().postProcessEnvironment(configured, null);
        assertThat(configured.getProperty(DemoAuditorToken.TOKEN_PROPERTY)).isNull();

        StandardEnvironment empty = new StandardEnvironment();
        new DemoAuditorToken().postProcessEnvironment(empty, null);
        String token = empty.getProperty(DemoAuditorToken.TOKEN_PROPERTY);
        assertThat(token).hasSize(64);
        assertThat(empty.getProperty("consent4j.audit.token-hashes")).isEqualTo(DemoAuditorToken.sha256(token));
    }
}
