/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.consent4j.core.token.AgeBand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentFilterSettingsTest {

    @Test
    void defaultsReadTheConsent4jCookieWarnAboutUndeclaredCookiesAndMarkNoAges() {
        ConsentFilterSettings settings = ConsentFilterSettings.defaults();

        assertThat(settings.cookieName()).isEqualTo("consent4j");
        assertThat(settings.undeclaredCookies()).isEqualTo(UndeclaredCookies.WARN);
        assertThat(settings.ageBandResolver().resolve(null)).isEqualTo(AgeBand.UNSPECIFIED);
    }

    @Test
    void builderKeepsWhatItIsGiven() {
        AgeBandResolver kids = request -> AgeBand.UNKNOWN;

        ConsentFilterSettings settings = ConsentFilterSettings.builder()
                .cookieName("__Host-consent")
                .undeclaredCookies(UndeclaredCookies.DROP)
                .ageBandResolver(kids)
                .build();

        assertThat(settings.cookieName()).isEqualTo("__Host-consent");
        assertThat(settings.undeclaredCookies()).isEqualTo(UndeclaredCookies.DROP);
        assertThat(settings.ageBandResolver()).isSameAs(kids);
        assertThat(settings)
                .hasToString(
                        "ConsentFilterSettings[cookieName=__Host-consent, undeclaredCookies=DROP, ageBandResolver=custom]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "con sent", "consent;", "a=b", "\"quoted\"", "tschüss", "comma,name"})
    void rejectsCookieNamesBrowsersWouldNotReadAndNamesTheSetting(String bad) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsentFilterSettings.builder().cookieName(bad))
                .withMessageContaining("'cookieName'")
                .withMessageContaining("'" + bad + "'");
    }

    @Test
    void rejectsNullCookieName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsentFilterSettings.builder().cookieName(null))
                .withMessageContaining("'cookieName'")
                .withMessageContaining("'null'");
    }

    @Test
    void rejectsCookieNamesLongerThan128Characters() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsentFilterSettings.builder().cookieName("c".repeat(129)))
                .withMessageContaining("'cookieName'");
    }

    @Test
    void rejectsMissingUndeclaredCookiesChoiceAndNamesTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsentFilterSettings.builder().undeclaredCookies(null))
                .withMessageContaining("'undeclaredCookies'")
                .withMessageContaining("WARN or DROP");
    }

    @Test
    void rejectsMissingAgeBandResolverAndNamesTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConsentFilterSettings.builder().ageBandResolver(null))
                .withMessageContaining("'ageBandResolver'")
                .withMessageContaining("AgeBandResolver.UNSPECIFIED");
    }
}
