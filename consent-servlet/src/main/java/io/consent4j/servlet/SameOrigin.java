/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Refuses cross-site posts, so that another site cannot record a choice for a visitor: a post with
 * {@code Sec-Fetch-Site: cross-site}, or with an {@code Origin} whose host and port differ from the
 * request's own, is forbidden. A post without either header (old browsers, scripts) is let through;
 * the consent cookie is {@code SameSite=Lax}, so a cross-site form cannot ride on it anyway. A page
 * served with {@code Referrer-Policy: no-referrer} makes the browser send {@code Origin: null} with its
 * own form posts; with {@code Sec-Fetch-Site: same-origin} beside it, such a post is the site's own.
 */
final class SameOrigin {

    private SameOrigin() {}

    /**
     * Checks {@code request}.
     *
     * @throws Problem 403 when the post comes from another site
     */
    static void check(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && fetchSite.strip().equalsIgnoreCase("cross-site")) {
            throw forbidden("the browser marked this post as cross-site (Sec-Fetch-Site: cross-site)");
        }
        String origin = request.getHeader("Origin");
        if (origin == null
                || (origin.strip().equals("null")
                        && fetchSite != null
                        && fetchSite.strip().equalsIgnoreCase("same-origin"))) {
            return;
        }
        if (isRequestOrigin(request, origin)) {
            return;
        }
        String expected = hostPort(request.getScheme(), request.getServerName(), request.getServerPort());
        String actual = originHostPort(origin.strip());
        if (actual == null || !actual.equals(expected)) {
            throw forbidden("the post comes from origin '" + abbreviate(origin) + "', not from this site");
        }
    }

    /** Whether {@code url}, such as a {@code Referer}, is an absolute URL of the site {@code request} was sent to. */
    static boolean isOwn(HttpServletRequest request, String url) {
        String own = hostPort(request.getScheme(), request.getServerName(), request.getServerPort());
        return own.equals(originHostPort(url));
    }

    /**
     * Whether {@code origin} is, character for character (letters in any case), the request's own scheme,
     * host and port as a browser writes them: the common case, answered without parsing a URI.
     */
    private static boolean isRequestOrigin(HttpServletRequest request, String origin) {
        String scheme = request.getScheme();
        String host = request.getServerName();
        int port = request.getServerPort();
        boolean defaultPort = port == defaultPort(scheme);
        int length = scheme.length() + 3 + host.length();
        if (!origin.regionMatches(true, 0, scheme, 0, scheme.length())
                || !origin.startsWith("://", scheme.length())
                || !origin.regionMatches(true, scheme.length() + 3, host, 0, host.length())) {
            return false;
        }
        if (defaultPort && origin.length() == length) {
            return true;
        }
        String suffix = ":" + port;
        return origin.length() == length + suffix.length() && origin.startsWith(suffix, length);
    }

    private static String originHostPort(String origin) {
        if (origin.equals("null")) {
            return null;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return hostPort(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String hostPort(String scheme, String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int p = port >= 0 ? port : defaultPort(scheme);
        return h + ":" + p;
    }

    /** The port a URL of {@code scheme} means when it names none. */
    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static Problem forbidden(String detail) {
        return new Problem(403, "cross-site-post", "Forbidden", detail);
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }
}
