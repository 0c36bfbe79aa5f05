/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.util.regex.Pattern;

/**
 * The one check of a consent cookie's name, shared by {@link ConsentFilterSettings} and
 * {@link ConsentSettings}. Kept apart from both so that checking a name loads no servlet type.
 */
final class CookieNames {

    /** The characters RFC 6265 allows in a cookie name (an HTTP token), at most 128 of them. */
    private static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,128}");

    /** What a bad name is told, after the name itself. */
    static final String RULE = "is not a valid cookie name; use 1 to 128 letters, digits or !#$%&'*+-.^_`|~"
            + " (no spaces, '=', ';', ',' or quotes)";

    private CookieNames() {}

    static boolean valid(String name) {
        return name != null && COOKIE_NAME.matcher(name).matches();
    }
}
