/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

/**
 * The consent cookie of {@link ConsentSettings}, and what the filter does with the cookies the policy does
 * not declare.
 *
 * @param name {@value ConsentSettings#COOKIE_NAME}
 * @param secure {@value ConsentSettings#COOKIE_SECURE}, or null when not set
 * @param undeclared {@value ConsentSettings#COOKIE_UNDECLARED}
 */
record CookieSettings(String name, Boolean secure, UndeclaredCookies undeclared) {

    /** Whether the consent cookie is {@code Secure}: as set, else off only in dev mode. */
    boolean secure(boolean devMode) {
        return secure != null ? secure : !devMode;
    }

    /**
     * Checks {@value ConsentSettings#COOKIE_NAME}.
     *
     * @throws IllegalArgumentException naming the property when the name is not a cookie name
     */
    static String checkName(String name) {
        if (!CookieNames.valid(name)) {
            throw SettingChecks.bad(ConsentSettings.COOKIE_NAME, name, CookieNames.RULE);
        }
        return name;
    }

    /**
     * Checks {@value ConsentSettings#COOKIE_UNDECLARED}.
     *
     * @throws IllegalArgumentException naming the property when it is null
     */
    static UndeclaredCookies checkUndeclared(UndeclaredCookies undeclared) {
        if (undeclared == null) {
            throw SettingChecks.bad(ConsentSettings.COOKIE_UNDECLARED, null, "must be warn or drop");
        }
        return undeclared;
    }
}
