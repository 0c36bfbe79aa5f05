/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CookieDeclarationTest {

    @ParameterizedTest
    @CsvSource({
        "_ga, _ga, true",
        "_ga, _gat, false",
        "_ga_*, _ga_ABC123, true",
        "_ga_*, _ga, false",
        "_pk_id.*, _pk_id.1.abcd, true",
        "*_session, laravel_session, true",
        "a*b*c, aXXbYYc, true",
        "a*b*c, aXXbYY, false",
        "*id*, xidy, true"
    })
    void matchesExactNamesAndWildcardPatterns(String pattern, String name, boolean matches) {
        assertThat(CookieDeclaration.of(pattern, "P1D").matches(name)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({
        "session, Sitzung, Session, 0",
        "P13M, 13 Monate, 13 months, 395",
        "P1Y, 1 Jahr, 1 year, 365",
        "P1D, 1 Tag, 1 day, 1",
        "PT30M, 30 Minuten, 30 minutes, 0",
        "P2W, 14 Tage, 14 days, 14"
    })
    void lifetimesReadAsPeopleSayThem(String value, String german, String english, long days) {
        CookieLifetime lifetime = CookieLifetime.of(value);

        assertThat(lifetime.describe("de")).isEqualTo(german);
        assertThat(lifetime.describe("en")).isEqualTo(english);
        assertThat(lifetime.approximateDuration().toDays()).isEqualTo(days);
        assertThat(lifetime.isSession()).isEqualTo(value.equals("session"));
        assertThat(lifetime.approximateDuration().compareTo(Duration.ZERO) > 0).isEqualTo(!value.equals("session"));
    }
}
