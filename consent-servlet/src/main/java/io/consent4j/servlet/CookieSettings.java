/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The consent cookie of {@link ConsentSettings}, and what the filter does with the cookies the policy does
 * not declare.
 *
 * @param name {@value ConsentSettings#COOKIE_NAME}
 * @param secure {@value ConsentSettings#COOKIE_SECURE}, or null when not set
 * @param undeclared {@value ConsentSettings#COOKIE_UNDECLARED}
 * @param domain {@value ConsentSettings#COOKIE_DOMAIN}, or null for a host-only cookie
 * @param path {@value ConsentSettings#COOKIE_PATH}
 */
record CookieSettings(String name, Boolean secure, UndeclaredCookies undeclared, String domain, String path) {

    /** A host name label: letters, digits and inner hyphens, at most 63 of them. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /** What a cookie path may hold: printable ASCII without ';' (RFC 6265 section 4.1.1). */
    private static final Pattern PATH = Pattern.compile("/[\\x21-\\x3a\\x3c-\\x7e]{0,255}");

    /** The cookie settings among {@code v}. */
    static CookieSettings of(SettingsValues v) {
        return new CookieSettings(v.cookieName, v.cookieSecure, v.undeclaredCookies, v.cookieDomain, v.cookiePath);
    }

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
     * Checks {@value ConsentSettings#COOKIE_DOMAIN}: a host name such as {@code lernen.example}, without
     * scheme, port, path or wildcard; one leading dot is dropped, as browsers drop it. The host a request
     * reaches is not known at the start, so whether it lies below this domain is for the browser to check:
     * a browser ignores a {@code Set-Cookie} whose domain is not the request's host or one of its parents.
     *
     * @return the domain in lower case, or null when blank (a host-only cookie)
     * @throws IllegalArgumentException naming the property when it is not a host name
     */
    static String checkDomain(String domain) {
        String value = SettingChecks.blankToNull(domain);
        if (value == null) {
            return null;
        }
        String bare = (value.startsWith(".") ? value.substring(1) : value).toLowerCase(Locale.ROOT);
        if (bare.length() > 253 || bare.endsWith(".") || bare.isEmpty()) {
            throw SettingChecks.bad(ConsentSettings.COOKIE_DOMAIN, domain, DOMAIN_RULE);
        }
        String[] labels = bare.split("\\.", -1);
        boolean numeric = true;
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw SettingChecks.bad(ConsentSettings.COOKIE_DOMAIN, domain, DOMAIN_RULE);
            }
            numeric &= label.chars().allMatch(Character::isDigit);
        }
        if (numeric) {
            // An IP address is no domain a cookie can be shared across.
            throw SettingChecks.bad(ConsentSettings.COOKIE_DOMAIN, domain, "is an IP address; " + DOMAIN_RULE);
        }
        return bare;
    }

    private static final String DOMAIN_RULE =
            "is not a host name such as lernen.example (no scheme, port, path, wildcard or IP address)";

    /**
     * Checks {@value ConsentSettings#COOKIE_PATH}: starts with {@code /}, at most 256 printable ASCII
     * characters without {@code ;} or spaces.
     *
     * @throws IllegalArgumentException naming the property when it is not a cookie path
     */
    static String checkPath(String path) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw SettingChecks.bad(
                    ConsentSettings.COOKIE_PATH,
                    path,
                    "is not a cookie path such as / or /app (leading slash, no spaces, no ';')");
        }
        return path;
    }

    /**
     * Checks the settings that depend on each other: a {@code __Host-} cookie has no domain and the path
     * {@code /}, as browsers demand of that prefix, or they drop it.
     *
     * @throws IllegalArgumentException naming the property that breaks the prefix's rule
     */
    static void checkPrefix(String name, String domain, String path) {
        if (name.startsWith("__Host-")) {
            if (domain != null) {
                throw SettingChecks.bad(
                        ConsentSettings.COOKIE_DOMAIN,
                        domain,
                        "cannot be set for a __Host- cookie (" + name + "); browsers drop such a cookie");
            }
            if (!path.equals("/")) {
                throw SettingChecks.bad(
                        ConsentSettings.COOKIE_PATH,
                        path,
                        "must be / for a __Host- cookie (" + name + "); browsers drop such a cookie");
            }
        }
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
