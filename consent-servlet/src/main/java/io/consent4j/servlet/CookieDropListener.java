/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

/**
 * Told of every {@code Set-Cookie} the {@link ConsentFilter} drops, for metrics. It is called on the
 * request's thread while the response is written, so it must be fast; what it throws is logged and
 * ignored, and the cookie stays dropped. Set it with {@link ConsentFilterSettings.Builder#cookieDropListener}.
 */
@FunctionalInterface
public interface CookieDropListener {

    /** The listener that does nothing; the default. */
    CookieDropListener NONE = (cookieName, reason) -> {};

    /** Why a cookie was dropped. */
    enum Reason {
        /** The policy declares it, and the visitor's consent does not allow it (C15). */
        NOT_ALLOWED,
        /** The policy does not declare it and undeclared cookies are dropped. */
        UNDECLARED
    }

    /**
     * A cookie was dropped.
     *
     * @param cookieName the cookie's name as the application set it (untrusted text: do not log it raw)
     * @param reason why
     */
    void dropped(String cookieName, Reason reason);
}
