/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ChoiceResult;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code Set-Cookie} values of the consent cookie: the one that carries a recorded choice to the
 * visitor's browser, and the one that deletes it. Both carry the same {@code Domain} and {@code Path},
 * since a browser deletes only the cookie whose name, domain and path all match.
 *
 * @param name the cookie's name
 * @param secure whether it is {@code Secure}
 * @param domain the {@code Domain} attribute, so that every host below it shares the cookie; null for a
 *     host-only cookie
 * @param path the {@code Path} attribute
 */
record ConsentCookieHeader(String name, boolean secure, String domain, String path) {

    /** A host-only cookie on {@code /}. */
    static ConsentCookieHeader hostOnly(String name, boolean secure) {
        return new ConsentCookieHeader(name, secure, null, "/");
    }

    /**
     * The signed cookie of {@code result}: {@code HttpOnly; SameSite=Lax}, with this path and domain,
     * {@code Secure} when set, living until the consent expires, counted from {@code now}.
     */
    String of(ChoiceResult result, Instant now) {
        long maxAge =
                Math.max(0, Duration.between(now, result.consent().expiresAt()).toSeconds());
        StringBuilder header = new StringBuilder(128 + result.cookieValue().length())
                .append(name)
                .append('=')
                .append(result.cookieValue())
                .append("; Max-Age=")
                .append(maxAge);
        return attributes(header);
    }

    /** The value that deletes the cookie this header sets: empty, expired, with the same domain and path. */
    String deletion() {
        StringBuilder header =
                new StringBuilder(128).append(name).append("=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        return attributes(header);
    }

    /**
     * With a domain: the value that deletes a host-only consent cookie of the same name and path, which the
     * browser may still hold from before the domain was set and would send first, hiding the shared one.
     * Null without a domain, where that cookie is the one being set.
     */
    String hostOnlyDeletion() {
        return domain == null ? null : new ConsentCookieHeader(name, secure, null, path).deletion();
    }

    /**
     * Adds the cookie of {@code result} to {@code response}, and the deletion of a stale host-only one. They
     * are different cookies to the browser (one has a domain, the other none), so neither undoes the other.
     */
    void addTo(HttpServletResponse response, ChoiceResult result, Instant now) {
        response.addHeader(SetCookieHeader.NAME, of(result, now));
        String stale = hostOnlyDeletion();
        if (stale != null) {
            response.addHeader(SetCookieHeader.NAME, stale);
        }
    }

    private String attributes(StringBuilder header) {
        header.append("; Path=").append(path);
        if (domain != null) {
            header.append("; Domain=").append(domain);
        }
        header.append("; HttpOnly; SameSite=Lax");
        if (secure) {
            header.append("; Secure");
        }
        return header.toString();
    }
}
