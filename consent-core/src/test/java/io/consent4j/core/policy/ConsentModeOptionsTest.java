/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Consent Mode options and the per-service consent APIs of the policy JSON. */
class ConsentModeOptionsTest {

    private static final String BASE = """
            {
              "links": { "privacyPolicy": "/privacy", "imprint": "/imprint" },
              "categories": [
                { "id": "necessary", "required": true, "description": "Needed." },
                { "id": "analytics", "googleConsentMode": ["analytics_storage"] },
                { "id": "marketing", "googleConsentMode": ["ad_storage", "ad_user_data"] } ],
              "services": [
                { "id": "matomo", "category": "analytics", "provider": "Site", "purpose": "Counting.", "consentApi": "matomo" },
                { "id": "clarity", "category": "analytics", "provider": "Microsoft", "purpose": "Replays.", "consentApi": "clarity" } ]
              %s
            }
            """;

    private static final String OPTIONS = """
            , "googleConsentMode": {
                "waitForUpdate": 500,
                "regions": [ { "region": ["us-ca", "US-CO"], "ad_storage": "granted", "analytics_storage": "denied" } ],
                "urlPassthrough": true,
                "adsDataRedaction": true }
            """;

    private static ConsentPolicy read(String extra) {
        return PolicyJson.read(BASE.formatted(extra));
    }

    private static String problems(String json) {
        try {
            PolicyJson.read(json);
        } catch (PolicyValidationException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the policy to be rejected: " + json);
    }

    @Test
    void readsTheConsentModeOptionsAndTheConsentApis_C20() {
        ConsentPolicy policy = read(OPTIONS);

        GoogleConsentModeOptions options = policy.googleConsentModeOptions();
        assertThat(options.waitForUpdateMillis()).isEqualTo(500);
        assertThat(options.urlPassthrough()).isTrue();
        assertThat(options.adsDataRedaction()).isTrue();
        assertThat(options.regions()).hasSize(1);
        assertThat(options.regions().get(0).region()).containsExactly("US-CA", "US-CO");
        assertThat(options.regions().get(0).granted())
                .containsExactly(
                        Map.entry(GoogleConsentType.AD_STORAGE, true),
                        Map.entry(GoogleConsentType.ANALYTICS_STORAGE, false));
        assertThat(policy.service("matomo").orElseThrow().consentApi()).isEqualTo(ConsentApi.MATOMO);
        assertThat(policy.serviceWith(ConsentApi.CLARITY).orElseThrow().id()).isEqualTo("clarity");
        assertThat(policy.serviceWith(ConsentApi.META)).isEmpty();
    }

    @Test
    void theWriterRoundTripsTheOptionsAndApis() {
        ConsentPolicy policy = read(OPTIONS);

        ConsentPolicy again = PolicyJson.read(PolicyJson.canonical(policy));

        assertThat(again.googleConsentModeOptions()).isEqualTo(policy.googleConsentModeOptions());
        assertThat(again.service("clarity").orElseThrow().consentApi()).isEqualTo(ConsentApi.CLARITY);
        assertThat(again.contentHash()).isEqualTo(policy.contentHash());
    }

    @Test
    void aPolicyWithoutOptionsKeepsItsCanonicalFormAndHash() {
        ConsentPolicy without = PolicyJson.read(BASE.formatted("")
                .replace(", \"consentApi\": \"matomo\"", "")
                .replace(", \"consentApi\": \"clarity\"", ""));

        String canonical = PolicyJson.canonical(without);

        assertThat(canonical).doesNotContain("googleConsentMode\":{").doesNotContain("consentApi");
        assertThat(without.googleConsentModeOptions().isNone()).isTrue();
        assertThat(read(OPTIONS).contentHash()).isNotEqualTo(without.contentHash());
    }

    @Test
    void namesEveryBadOptionWithItsJsonPath() {
        String json = BASE.formatted("""
                , "googleConsentMode": {
                    "waitForUpdate": 60000,
                    "regions": [
                      { "region": ["California"], "ad_storage": "yes" },
                      { "ad_storag": "granted", "region": ["DE"] },
                      { "region": ["DE"], "personalization_storage": "granted" } ],
                    "urlPasthrough": true }
                """).replace("\"consentApi\": \"clarity\"", "\"consentApi\": \"clarty\"");

        assertThat(problems(json))
                .contains("$.googleConsentMode.urlPasthrough: unknown field 'urlPasthrough' (did you mean"
                        + " 'urlPassthrough'?)")
                .contains("$.googleConsentMode.regions[0].ad_storage: expected \"granted\" or \"denied\", found 'yes'")
                .contains("$.googleConsentMode.regions[0].region[0]: 'California' is not an ISO 3166-1")
                .contains("$.googleConsentMode.regions[1].ad_storag: unknown field 'ad_storag' (did you mean"
                        + " 'ad_storage'?)")
                .contains("$.services[1].consentApi: unknown consent API 'clarty' (did you mean 'clarity'?)");
    }

    @Test
    void rejectsAWaitOutOfRangeARegionTwiceAndAnUnmappedType() {
        assertThat(problems(BASE.formatted(", \"googleConsentMode\": { \"waitForUpdate\": 60000 }")))
                .contains("$.googleConsentMode.waitForUpdate: must be between 0 and 10000 milliseconds, was 60000");
        assertThat(problems(BASE.formatted("""
                        , "googleConsentMode": { "regions": [
                          { "region": ["DE"], "ad_storage": "denied" },
                          { "region": ["FR", "DE"], "personalization_storage": "granted" } ] }
                        """)))
                .contains(
                        "googleConsentMode.regions[1].region[1]: region 'DE' already has defaults in an earlier entry")
                .contains("googleConsentMode.regions[1].personalization_storage: no category maps"
                        + " 'personalization_storage'");
    }

    @Test
    void rejectsOptionsWithoutAnyMappedCategoryAndAnApiGivenTwice() {
        String json = """
                { "links": { "privacyPolicy": "/p", "imprint": "/i" },
                  "categories": [ { "id": "necessary", "required": true, "description": "Needed." },
                                  { "id": "analytics" } ],
                  "services": [
                    { "id": "a", "category": "analytics", "provider": "P", "purpose": "X.", "consentApi": "meta" },
                    { "id": "b", "category": "analytics", "provider": "P", "purpose": "X.", "consentApi": "meta" } ],
                  "googleConsentMode": { "urlPassthrough": true } }
                """;

        assertThat(problems(json))
                .contains("googleConsentMode: Consent Mode options given, but no category maps")
                .contains("services[1].consentApi: consent API 'meta' is already service 'a''s");
    }

    @Test
    void aRegionThatNowGrantsIsMaterialOtherOptionChangesAreEditorial_C17() {
        ConsentPolicy before = read(OPTIONS);
        GoogleConsentModeOptions o = before.googleConsentModeOptions();
        ConsentPolicy waitsLonger = before.toBuilder()
                .googleConsentModeOptions(new GoogleConsentModeOptions(2000, o.regions(), false, o.adsDataRedaction()))
                .build();
        ConsentPolicy grantsMore = before.toBuilder()
                .googleConsentModeOptions(new GoogleConsentModeOptions(
                        500,
                        List.of(GoogleConsentModeOptions.RegionDefaults.of(
                                List.of("US-CA", "US-CO"),
                                Map.of(
                                        GoogleConsentType.AD_STORAGE, true,
                                        GoogleConsentType.ANALYTICS_STORAGE, true))),
                        true,
                        true))
                .build();

        assertThat(PolicyChange.between(before, waitsLonger).isMaterial()).isFalse();
        assertThat(PolicyChange.between(before, waitsLonger).editorial()).contains("Consent Mode options changed");
        assertThat(PolicyChange.between(before, grantsMore).material())
                .containsExactly(
                        "Consent Mode: 'analytics_storage' granted by default in region 'US-CA'",
                        "Consent Mode: 'analytics_storage' granted by default in region 'US-CO'");
        assertThat(PolicyChange.between(grantsMore, before).isMaterial()).isFalse();
    }

    @Test
    void aCodeBuiltRegionNamesTheBadField() {
        assertThatThrownBy(() -> GoogleConsentModeOptions.RegionDefaults.of(List.of("DE"), Map.of()))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("give no default");
    }
}
