/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The policy's Consent Mode options reach the page before its first tag: region defaults, wait, URL passthrough, redaction (C20). */
class ConsentModeOptionsIT extends BrowserTest {

    @BeforeAll
    static void siteWithOptions() throws Exception {
        site.stop();
        site = new TestSite(ConsentApisIT.policyWithApis("""
                , "googleConsentMode": { "waitForUpdate": 500, "urlPassthrough": true, "adsDataRedaction": true,
                    "regions": [ { "region": ["US-CA"], "ad_storage": "granted", "analytics_storage": "granted" } ] }
                """));
    }

    @Test
    @SuppressWarnings("unchecked")
    void c20RegionDefaultsAndSettingsComeBeforeTheFirstTagAndTheGlobalDefaultStillDenies() {
        for (String options : List.of("cmode", "embed&cmodeasset")) {
            open(site.page("de", options, "probe"));

            List<Object> dataLayer = ((Map<String, List<Object>>) js("() => firstTag")).get("dataLayer");

            assertThat(dataLayer)
                    .as(options)
                    .containsExactly(
                            List.of(
                                    "consent",
                                    "default",
                                    Map.of(
                                            "ad_storage",
                                            "granted",
                                            "analytics_storage",
                                            "granted",
                                            "region",
                                            List.of("US-CA"),
                                            "wait_for_update",
                                            500)),
                            List.of(
                                    "consent",
                                    "default",
                                    Map.of(
                                            "ad_personalization", "denied",
                                            "ad_storage", "denied",
                                            "ad_user_data", "denied",
                                            "analytics_storage", "denied",
                                            "wait_for_update", 500)),
                            List.of("set", "url_passthrough", true),
                            List.of("set", "ads_data_redaction", true));
        }
        assertThat(problems).isEmpty();
    }
}
