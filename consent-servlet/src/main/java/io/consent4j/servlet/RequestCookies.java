/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Reads the cookies a request carries straight from its {@code Cookie} headers (RFC 6265, section
 * 5.4: {@code name=value} pairs separated by {@code ;}), where the filter and the endpoints need only
 * the consent cookie's value and the names of the others.
 *
 * <p>{@link HttpServletRequest#getCookies()} would build a {@link jakarta.servlet.http.Cookie} for each
 * cookie on every request, which on Jetty costs more than the rest of the filter's decision. The
 * reading here is as lenient as browsers' writing: whitespace around a pair is ignored, a value in
 * double quotes is read without them, and a pair without {@code =} has no name and is skipped. Any
 * value that is not a genuine consent cookie reads as no consent, so a header that confuses this
 * reader can only take consent away, never grant it.
 */
final class RequestCookies {

    private static final String HEADER = "Cookie";

    private RequestCookies() {}

    /**
     * The request's {@code Cookie} header; several (HTTP/2 may split the cookies over several fields)
     * joined with {@code "; "} as RFC 9113 says; null when there is none.
     */
    static String header(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders(HEADER);
        if (headers == null || !headers.hasMoreElements()) {
            return null;
        }
        String first = headers.nextElement();
        if (!headers.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first == null ? "" : first);
        while (headers.hasMoreElements()) {
            String next = headers.nextElement();
            if (next != null) {
                joined.append("; ").append(next);
            }
        }
        return joined.toString();
    }

    /**
     * The value of the first non-empty cookie named {@code name} the request carries, or null when there
     * is none. Browsers send the cookie with the most specific path first; a visitor has one consent
     * cookie.
     */
    static String value(HttpServletRequest request, String name) {
        return value(header(request), name);
    }

    /**
     * The names of the cookies in {@code header} (null for none) other than {@code skip} and {@code alsoSkip}
     * (either may be null; both null for every name), in order, repeats included; empty when there are none.
     * The skipped names are compared in place, so a header with nothing else allocates nothing.
     */
    static List<String> names(String header, String skip, String alsoSkip) {
        if (header == null) {
            return List.of();
        }
        List<String> names = null;
        int start = 0;
        while (start < header.length()) {
            int end = pairEnd(header, start);
            int from = skipSpace(header, start, end);
            int equals = header.indexOf('=', from);
            if (equals >= 0 && equals < end) {
                int to = trimEnd(header, from, equals);
                if (to > from && !isName(header, from, to, skip) && !isName(header, from, to, alsoSkip)) {
                    if (names == null) {
                        names = new ArrayList<>(4);
                    }
                    names.add(header.substring(from, to));
                }
            }
            start = end + 1;
        }
        return names == null ? List.of() : names;
    }

    private static boolean isName(String header, int from, int to, String name) {
        return name != null && name.length() == to - from && header.startsWith(name, from);
    }

    /** The first non-empty value of cookie {@code name} in {@code header} (null for none), or null. */
    static String value(String header, String name) {
        if (header == null) {
            return null;
        }
        int start = 0;
        while (start < header.length()) {
            int end = pairEnd(header, start);
            int from = skipSpace(header, start, end);
            int afterName = from + name.length();
            if (afterName < end && header.startsWith(name, from)) {
                int equals = skipSpace(header, afterName, end);
                if (equals < end && header.charAt(equals) == '=') {
                    int valueFrom = skipSpace(header, equals + 1, end);
                    int valueTo = trimEnd(header, valueFrom, end);
                    if (valueTo - valueFrom >= 2
                            && header.charAt(valueFrom) == '"'
                            && header.charAt(valueTo - 1) == '"') {
                        valueFrom++;
                        valueTo--;
                    }
                    if (valueTo > valueFrom) {
                        return header.substring(valueFrom, valueTo);
                    }
                }
            }
            start = end + 1;
        }
        return null;
    }

    private static int pairEnd(String header, int start) {
        int semicolon = header.indexOf(';', start);
        return semicolon < 0 ? header.length() : semicolon;
    }

    private static int skipSpace(String header, int from, int end) {
        while (from < end && isSpace(header.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String header, int from, int end) {
        while (end > from && isSpace(header.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
