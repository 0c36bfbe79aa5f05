/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestCookiesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "consent4j=abc|abc",
                "a=1; consent4j=abc; b=2|abc",
                "a=1;consent4j=abc;b=2|abc",
                "  consent4j =  abc  ; b=2|abc",
                "consent4j=\"abc\"|abc",
                "consent4j=; consent4j=abc|abc",
                "consent4j=first; consent4j=second|first",
                "xconsent4j=abc|",
                "consent4jx=abc|",
                "consent4j|",
                "consent4j=|",
                "consent4j=\"\"|",
                "=consent4j; b=2|",
                ";;; consent4j=abc;;|abc",
                "''|"
            })
    void readsTheFirstNonEmptyValueOfTheNamedCookie(String header, String expected) {
        assertThat(RequestCookies.value(header, "consent4j")).isEqualTo(expected);
    }

    @Test
    void readsEveryCookieHeaderAsHttp2MaySplitThem() {
        FakeRequest request = request(List.of("a=1; b=2", "consent4j=abc"));

        assertThat(RequestCookies.header(request)).isEqualTo("a=1; b=2; consent4j=abc");
        assertThat(RequestCookies.value(request, "consent4j")).isEqualTo("abc");
        assertThat(RequestCookies.names(RequestCookies.header(request), null, null))
                .containsExactly("a", "b", "consent4j");
    }

    @Test
    void namesKeepRepeatsAndSkipPairsWithoutAName() {
        FakeRequest request = request(List.of(" _pk_id.1 = x ;_pk_id.1=y; =z; lonely; ;c=\"q\""));

        assertThat(RequestCookies.names(RequestCookies.header(request), null, null))
                .containsExactly("_pk_id.1", "_pk_id.1", "c");
    }

    @Test
    void namesCanSkipTwoNamesExactlyWithoutCopyingThem() {
        String header = "consent4j=abc; JSESSIONID=1; consent4jx=2; consent=3; JSESSIONID=4; _pk_id.1=5";

        assertThat(RequestCookies.names(header, "consent4j", "JSESSIONID"))
                .containsExactly("consent4jx", "consent", "_pk_id.1");
        assertThat(RequestCookies.names("consent4j=abc; JSESSIONID=1", "consent4j", "JSESSIONID"))
                .isEmpty();
        assertThat(RequestCookies.names(header, null, null))
                .containsExactly("consent4j", "JSESSIONID", "consent4jx", "consent", "JSESSIONID", "_pk_id.1");
    }

    @Test
    void aRequestWithoutCookiesHasNoValueAndNoNames_C1() {
        FakeRequest request = request(List.of());

        assertThat(RequestCookies.header(request)).isNull();
        assertThat(RequestCookies.value(request, "consent4j")).isNull();
        assertThat(RequestCookies.names(RequestCookies.header(request), null, null))
                .isEmpty();
    }

    private static FakeRequest request(List<String> cookieHeaders) {
        StringBuilder text = new StringBuilder("GET /page HTTP/1.1\r\nHost: learn.example\r\n");
        cookieHeaders.forEach(header -> text.append("Cookie: ").append(header).append("\r\n"));
        return FakeRequest.parse(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1), "", "192.0.2.1")
                .orElseThrow();
    }
}
