/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikelyCategoryTest {

    @ParameterizedTest
    @CsvSource({
        "_ga, ANALYTICS",
        "_ga_4XYZ12, ANALYTICS",
        "_gid, ANALYTICS",
        "_gat_UA-1, ANALYTICS",
        "_pk_id.1.abcd, ANALYTICS",
        "_hjSessionUser_123, ANALYTICS",
        "__utma, ANALYTICS",
        "_fbp, MARKETING",
        "IDE, MARKETING",
        "_gcl_au, MARKETING",
        "_gac_UA-1, MARKETING",
        "test_cookie, MARKETING",
        "_uetsid, MARKETING",
        "JSESSIONID, NECESSARY",
        "PHPSESSID, NECESSARY",
        "my_session, NECESSARY",
        "XSRF-TOKEN, NECESSARY",
        "csrftoken, NECESSARY",
        "lang, FUNCTIONAL",
        "site_locale, FUNCTIONAL",
        "theme, FUNCTIONAL",
        "tracker_uid, UNKNOWN",
        "a, UNKNOWN"
    })
    void wellKnownNamesGetTheirLikelyCategory(String name, LikelyCategory expected) {
        assertThat(LikelyCategory.of(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"necessary", "functional", "analytics", "marketing", "unknown"})
    void theJsonNameReadsBack(String jsonName) {
        assertThat(LikelyCategory.ofJsonName(jsonName).jsonName()).isEqualTo(jsonName);
    }

    @ParameterizedTest
    @CsvSource({"ANALYTICS", "'', ", "stats"})
    void anUnknownJsonNameIsUnknown(String jsonName) {
        assertThat(LikelyCategory.ofJsonName(jsonName)).isEqualTo(LikelyCategory.UNKNOWN);
    }
}
