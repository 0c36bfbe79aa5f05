/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which return paths a no-script form post may redirect to: same-origin paths only. */
class ReturnPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/courses/7", "/courses/7?tab=2#top", "/a:b", "/%C3%BCbung"})
    void keepsPathsOnThisSite(String path) {
        assertThat(ReturnPath.sanitize(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "//evil.example",
                "///evil.example",
                "/\\evil.example",
                "\\\\evil.example",
                "https://evil.example/",
                "javascript:alert(1)",
                "evil.example",
                "/%2F%2Fevil.example",
                "/%5Cevil.example",
                "/ok\r\nSet-Cookie: x=1",
                "/ok%0d%0aSet-Cookie:x",
                "/with space",
                ""
            })
    void replacesEverythingElseWithTheRoot(String path) {
        assertThat(ReturnPath.sanitize(path)).isEqualTo("/");
    }

    @Test
    void replacesNullWithTheRoot() {
        assertThat(ReturnPath.sanitize(null)).isEqualTo("/");
    }
}
