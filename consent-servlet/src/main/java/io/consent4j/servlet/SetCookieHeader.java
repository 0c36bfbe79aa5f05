/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

/** Reads what the cookie gate needs from raw {@code Set-Cookie} headers. */
final class SetCookieHeader {

    /** The header's name, as the servlet API and HTTP spell it. */
    static final String NAME = "Set-Cookie";

    private SetCookieHeader() {}

    /** Whether {@code headerName} is {@code Set-Cookie}, in any case and with stray spaces around it. */
    static boolean is(String headerName) {
        return headerName != null
                && (headerName.equalsIgnoreCase(NAME) || headerName.strip().equalsIgnoreCase(NAME));
    }

    /**
     * The cookie name a browser reads from a {@code Set-Cookie} value (RFC 6265bis section 5.6): the
     * text before the first {@code =} of the part before the first {@code ;}, without surrounding
     * spaces and tabs. A value without {@code =} sets a cookie without a name: the result is then empty.
     */
    static String cookieName(String headerValue) {
        int end = headerValue.indexOf(';');
        if (end < 0) {
            end = headerValue.length();
        }
        int equals = headerValue.indexOf('=');
        if (equals < 0 || equals > end) {
            return "";
        }
        int start = 0;
        int stop = equals;
        while (start < stop && isSpace(headerValue.charAt(start))) {
            start++;
        }
        while (stop > start && isSpace(headerValue.charAt(stop - 1))) {
            stop--;
        }
        return headerValue.substring(start, stop);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
