/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SetCookieHeaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"Set-Cookie", "set-cookie", "SET-COOKIE", "sEt-CoOkIe", " Set-Cookie "})
    void recognisesTheHeaderInAnyCase(String name) {
        assertThat(SetCookieHeader.is(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Set-Cookie2", "Cookie", "X-Set-Cookie", ""})
    void doesNotTakeOtherHeadersForIt(String name) {
        assertThat(SetCookieHeader.is(name)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "_ga=GA1.2.3; Path=/; Max-Age=63072000|_ga",
                "  _pk_id.7 \t=abc|_pk_id.7",
                "nl_track=|nl_track",
                "a=b=c|a",
                "__Host-x=1; Secure; Path=/|__Host-x",
                "novalue|''",
                "novalue; Path=/a=b|''",
                "=value|''",
                "' '|''"
            })
    void readsTheCookieNameAsABrowserWould(String header, String name) {
        assertThat(SetCookieHeader.cookieName(header)).isEqualTo(name);
    }
}
