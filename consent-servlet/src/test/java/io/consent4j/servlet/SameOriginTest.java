/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Choices are taken only when posted from the site's own pages: the Origin check, fast path and full. */
class SameOriginTest {

    /** A post to {@code scheme://host:port} with {@code origin}: only what the check reads. */
    private static HttpServletRequest post(String scheme, String host, int port, String origin) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getScheme" -> scheme;
                    case "getServerName" -> host;
                    case "getServerPort" -> port;
                    case "getHeader" -> "Origin".equalsIgnoreCase((String) args[0]) ? origin : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @ParameterizedTest
    @CsvSource({
        "http, learn.example, 8080, http://learn.example:8080",
        "http, learn.example, 8080, HTTP://Learn.Example:8080",
        "http, learn.example, 80, http://learn.example",
        "http, learn.example, 80, http://learn.example:80",
        "https, learn.example, 443, https://learn.example",
        "https, learn.example, 443, https://learn.example:443",
        "https, Learn.Example, 443, https://learn.example",
        "http, [::1], 8080, http://[::1]:8080",
        "http, 127.0.0.1, 8080, ' http://127.0.0.1:8080 '"
    })
    void postsFromTheSitesOwnOriginAreTaken(String scheme, String host, int port, String origin) {
        assertThatCode(() -> SameOrigin.check(post(scheme, host, port, origin))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({
        "http, learn.example, 8080, http://evil.example:8080",
        "http, learn.example, 8080, http://learn.example:8081",
        "http, learn.example, 8080, http://learn.example:80800",
        "http, learn.example, 8080, http://learn.example:8080x",
        "http, learn.example, 8080, http://learn.example.evil:8080",
        "http, learn.example, 8080, http://learn.example",
        "http, learn.example, 80, http://learn.example:8080",
        "https, learn.example, 443, https://learn.exampl",
        "http, learn.example, 8080, http:/learn.example:8080",
        "http, learn.example, 8080, null",
        "http, learn.example, 8080, not a url"
    })
    void postsFromAnyOtherOriginAreRefused(String scheme, String host, int port, String origin) {
        assertThatThrownBy(() -> SameOrigin.check(post(scheme, host, port, origin)))
                .isInstanceOf(Problem.class)
                .hasMessageContaining("origin");
    }
}
