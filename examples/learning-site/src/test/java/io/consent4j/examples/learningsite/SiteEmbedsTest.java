/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.policy.ConsentPolicy;
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
        ConsentPolicy policy = SiteEmbeds.withCourseVideo(Presets.load(preset));
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

    @Test
    void aPresetWithAVideoServiceKeepsItAndOneWithoutGetsTheSitesOwn() {
        assertThat(SiteEmbeds.of(SiteEmbeds.withCourseVideo(Presets.load("dravoiqent")))
                        .videoService())
                .isEqualTo("video");
        assertThat(SiteEmbeds.of(SiteEmbeds.withCourseVideo(Presets.load("valenumera")))
                        .videoService())
                .isEqualTo(SiteEmbeds.COURSE_VIDEO);
    }

    @Test
    void marketingIsTheSaleOrShareCategoryWhereThePresetNamesItDifferently() {
        assertThat(SiteEmbeds.of(SiteEmbeds.withCourseVideo(Presets.load("asmeronexa")))
                        .marketingCategory())
                .isEqualTo("newsletter");
        assertThat(SiteEmbeds.of(SiteEmbeds.withCourseVideo(Presets.load("fluxariont")))
                        .marketingCategory())
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
