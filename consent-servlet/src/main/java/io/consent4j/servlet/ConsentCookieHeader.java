/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ChoiceResult;
import java.time.Duration;
import java.time.Instant;

/** The {@code Set-Cookie} value that carries a recorded choice to the visitor's browser. */
final class ConsentCookieHeader {

    private ConsentCookieHeader() {}

    /**
     * The signed cookie of {@code result}: {@code HttpOnly; SameSite=Lax; Path=/}, {@code Secure} when
     * {@code secure}, living until the consent expires, counted from {@code now}.
     */
    static String of(String cookieName, boolean secure, ChoiceResult result, Instant now) {
        long maxAge =
                Math.max(0, Duration.between(now, result.consent().expiresAt()).toSeconds());
        StringBuilder header = new StringBuilder(96 + result.cookieValue().length())
                .append(cookieName)
                .append('=')
                .append(result.cookieValue())
                .append("; Max-Age=")
                .append(maxAge)
                .append("; Path=/; HttpOnly; SameSite=Lax");
        if (secure) {
            header.append("; Secure");
        }
        return header.toString();
    }
}
