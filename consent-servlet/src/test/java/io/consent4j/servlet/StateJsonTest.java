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
import io.consent4j.core.policy.ConsentApi;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.GoogleConsentModeOptions;
import io.consent4j.core.policy.GoogleConsentType;
import io.consent4j.core.policy.PolicyLinks;
import io.consent4j.core.policy.Service;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The document the banner script reads: texts in the page's language (C11) and Google Consent Mode (C20). */
class StateJsonTest {

    private static final ConsentPolicy POLICY = ConsentPolicy.builder()
            .version(1)
            .links(PolicyLinks.of("/privacy", "/imprint"))
            .category(Category.builder("necessary").required(true).build())
            .category(Category.builder("analytics")
                    .googleConsentMode(GoogleConsentType.ANALYTICS_STORAGE)
                    .build())
            .category(Category.builder("marketing")
                    .googleConsentMode(GoogleConsentType.AD_STORAGE, GoogleConsentType.AD_USER_DATA)
                    .build())
            .build();

    private static JsonNode consentMode(String cookie) {
        ConsentDecider decider = ConsentDecider.builder(POLICY, Fixtures.CODEC)
                .clock(Fixtures.CLOCK)
                .build();
        ConsentDecision decision = decider.decide(cookie, RequestSignals.NONE);
        return Site.JSON
                .readTree(Problem.JSON.writeValueAsString(StateJson.state(POLICY, decision, "/consent")))
                .path("googleConsentMode");
    }

    @Test
    void namesProvidersLinksAndLifetimesAreInThePagesLanguage_C11() {
        ConsentPolicy policy = POLICY.toBuilder()
                .defaultLocale("de")
                .links(PolicyLinks.of("/datenschutz", "/impressum")
                        .withPrivacyPolicy("en", "/datenschutz?lang=en")
                        .withImprint("en", "/impressum?lang=en"))
                .service(Service.builder("video", "analytics")
                        .name("Kursvideo-Player")
                        .name("en", "Course video player")
                        .provider("Lernwelt (eigener Server)")
                        .provider("en", "Lernwelt (own server)")
                        .purpose("de", "Spielt Kursvideos ab.")
                        .purpose("en", "Plays course videos.")
                        .cookie(CookieDeclaration.builder("video_position")
                                .lifetime("P13M")
                                .description("de", "Wiedergabeposition")
                                .description("en", "Playback position")
                                .build())
                        .build())
                .build();
        ConsentDecision undecided = ConsentDecider.builder(policy, Fixtures.CODEC)
                .clock(Fixtures.CLOCK)
                .build()
                .decide(null, RequestSignals.NONE);

        JsonNode en = Site.JSON.readTree(
                Problem.JSON.writeValueAsString(StateJson.document(policy, "en", undecided, "/consent")));
        JsonNode de = Site.JSON.readTree(
                Problem.JSON.writeValueAsString(StateJson.document(policy, "de", undecided, "/consent")));

        assertThat(en.path("links").path("privacyPolicy").stringValue()).isEqualTo("/datenschutz?lang=en");
        assertThat(en.path("links").path("imprint").stringValue()).isEqualTo("/impressum?lang=en");
        JsonNode video = en.path("services").get(0);
        assertThat(video.path("name").stringValue()).isEqualTo("Course video player");
        assertThat(video.path("provider").stringValue()).isEqualTo("Lernwelt (own server)");
        assertThat(video.path("purpose").stringValue()).isEqualTo("Plays course videos.");
        assertThat(video.path("cookies").get(0).path("lifetime").stringValue()).isEqualTo("13 months");
        assertThat(video.path("cookies").get(0).path("description").stringValue())
                .isEqualTo("Playback position");

        assertThat(de.path("links").path("privacyPolicy").stringValue()).isEqualTo("/datenschutz");
        JsonNode videoDe = de.path("services").get(0);
        assertThat(videoDe.path("name").stringValue()).isEqualTo("Kursvideo-Player");
        assertThat(videoDe.path("provider").stringValue()).isEqualTo("Lernwelt (eigener Server)");
        assertThat(videoDe.path("cookies").get(0).path("lifetime").stringValue())
                .isEqualTo("13 Monate");
    }

    @Test
    void defaultDeniesEveryMappedTypeBeforeAnyChoice_C20() {
        JsonNode mode = consentMode(null);

        assertThat(mode.path("enabled").booleanValue()).isTrue();
        assertThat(mode.path("default").propertyNames())
                .containsExactlyInAnyOrder("ad_storage", "ad_user_data", "analytics_storage");
        assertThat(mode.path("default").values()).allMatch(v -> v.stringValue().equals("denied"));
        assertThat(mode.path("update").values()).allMatch(v -> v.stringValue().equals("denied"));
    }

    @Test
    void updateGrantsExactlyTheTypesOfGrantedCategories_C20() {
        String cookie = Fixtures.CODEC.encode(Fixtures.consent(Set.of("analytics"), Set.of()), POLICY);

        JsonNode update = consentMode(cookie).path("update");

        assertThat(update.path("analytics_storage").stringValue()).isEqualTo("granted");
        assertThat(update.path("ad_storage").stringValue()).isEqualTo("denied");
        assertThat(update.path("ad_user_data").stringValue()).isEqualTo("denied");
    }

    @Test
    void theOptionsGoIntoTheDefaultsAndTheRegionEntries_C20() {
        ConsentPolicy policy = POLICY.toBuilder()
                .googleConsentModeOptions(new GoogleConsentModeOptions(
                        500,
                        List.of(GoogleConsentModeOptions.RegionDefaults.of(
                                List.of("US-CA"), Map.of(GoogleConsentType.AD_STORAGE, true))),
                        true,
                        true))
                .build();
        ConsentDecision undecided = ConsentDecider.builder(policy, Fixtures.CODEC)
                .clock(Fixtures.CLOCK)
                .build()
                .decide(null, RequestSignals.NONE);

        JsonNode mode = Site.JSON
                .readTree(Problem.JSON.writeValueAsString(StateJson.state(policy, undecided, "/consent")))
                .path("googleConsentMode");

        assertThat(mode.path("default").path("wait_for_update").intValue()).isEqualTo(500);
        assertThat(mode.path("default").path("ad_storage").stringValue()).isEqualTo("denied");
        JsonNode region = mode.path("regions").get(0);
        assertThat(region.path("region").get(0).stringValue()).isEqualTo("US-CA");
        assertThat(region.path("ad_storage").stringValue()).isEqualTo("granted");
        assertThat(region.path("wait_for_update").intValue()).isEqualTo(500);
        assertThat(mode.path("urlPassthrough").booleanValue()).isTrue();
        assertThat(mode.path("adsDataRedaction").booleanValue()).isTrue();
        assertThat(consentMode(null).has("regions")).isFalse();
        assertThat(consentMode(null).path("default").has("wait_for_update")).isFalse();
    }

    @Test
    void consentApisFollowTheirServicesAndASignal_C19() {
        ConsentPolicy policy = POLICY.toBuilder()
                .service(api("matomo", "analytics", ConsentApi.MATOMO))
                .service(api("clarity", "analytics", ConsentApi.CLARITY))
                .service(api("uet", "marketing", ConsentApi.UET))
                .service(api("pixel", "marketing", ConsentApi.META))
                .build();
        ConsentDecider decider = ConsentDecider.builder(policy, Fixtures.CODEC)
                .clock(Fixtures.CLOCK)
                .build();
        String all = Fixtures.CODEC.encode(
                Fixtures.consent(Set.of("analytics", "marketing"), Set.of("matomo", "clarity", "uet", "pixel")),
                policy);

        JsonNode none = apis(policy, decider.decide(null, RequestSignals.NONE));
        JsonNode granted = apis(policy, decider.decide(all, RequestSignals.NONE));
        JsonNode objecting = apis(policy, decider.decide(all, RequestSignals.fromHeaders("1", null)));

        assertThat(none.path("matomo").booleanValue()).isFalse();
        assertThat(none.path("meta").booleanValue()).isFalse();
        assertThat(none.path("clarity").path("analytics_Storage").stringValue()).isEqualTo("denied");
        assertThat(none.path("uet").path("ad_storage").stringValue()).isEqualTo("denied");
        assertThat(granted.path("matomo").booleanValue()).isTrue();
        assertThat(granted.path("meta").booleanValue()).isTrue();
        assertThat(granted.path("clarity").path("analytics_Storage").stringValue())
                .isEqualTo("granted");
        // Clarity sits in analytics, which is no sale/share category: its ads storage stays denied.
        assertThat(granted.path("clarity").path("ad_Storage").stringValue()).isEqualTo("denied");
        assertThat(granted.path("uet").path("ad_storage").stringValue()).isEqualTo("granted");
        assertThat(objecting.path("uet").path("ad_storage").stringValue()).isEqualTo("denied");
        assertThat(objecting.path("meta").booleanValue()).isFalse();
        assertThat(objecting.path("matomo").booleanValue()).isTrue();
        assertThat(Site.JSON
                        .readTree(Problem.JSON.writeValueAsString(
                                StateJson.state(POLICY, decider.decide(null, RequestSignals.NONE), "/c")))
                        .has("consentApis"))
                .isFalse();
    }

    private static Service api(String id, String category, ConsentApi api) {
        return Service.builder(id, category)
                .provider("Provider")
                .purpose("en", "Measurement")
                .consentApi(api)
                .build();
    }

    private static JsonNode apis(ConsentPolicy policy, ConsentDecision decision) {
        return Site.JSON
                .readTree(Problem.JSON.writeValueAsString(StateJson.state(policy, decision, "/consent")))
                .path("consentApis");
    }
}
